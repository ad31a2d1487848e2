// Generator for the HELD-OUT time-phrase set (holdout.json).
// Written after the main corpus (phrases.json), with phrasings deliberately unlike it: the way
// real callers and partner feeds write times ("half nine last night", "2hrs ago", "Tues 3rd Nov,
// 14:20", "19.11.2026 21:40", 昨儿晚上十点, 一刻钟前, 美东时间周四晚上9点 …). It measures how the
// reader does on phrases it was not tuned on. Like build-windows.mjs it uses ONLY luxon and
// suncalc (never tipwire code), and every window follows the conventions in README.md. The
// calendar and sun helpers, the checks and the write / --check step are shared with
// build-windows.mjs in windows-lib.mjs.
//
//   node test/time-corpus/build-holdout.mjs          # rewrite holdout.json
//   npx prettier --write test/time-corpus/           # then format it as the repository does
//   node test/time-corpus/build-holdout.mjs --check  # recompute and compare with the committed JSON
import {
  MIN,
  HOUR,
  readJson,
  addDays,
  weekday,
  lo,
  clock,
  union,
  dayWin,
  partWin,
  partClock,
  ago,
  monthWin,
  yearWin,
  seasonWin,
  sunOn,
  sunLast,
  entries,
  CLIP,
  AMBIG,
  MISMATCH,
  Z,
  named,
  lastWdDays,
  buildEntries,
  writeOrCheck,
  summary,
  HOLDOUT_SUMMARY,
} from './windows-lib.mjs';

// places.json is shared with the main corpus (not rewritten here)
const PLACES = readJson('places.json');

// ---------------------------------------------------------------------------------------------
// Arrivals: [place, local wall time of arrival, expected weekday] or a null place with a UTC
// instant and (optionally) the report's own timezone field. None is shared with phrases.json.
// ---------------------------------------------------------------------------------------------
const ARRIVALS = {
  HX1: { place: 'xian', local: '2026-11-25T09:30', wd: 'Wed' },
  HX2: { place: 'xian', local: '2026-05-14T21:00', wd: 'Thu' },
  HX3: { place: 'xian', local: '2026-01-04T07:45', wd: 'Sun' },
  HB1: { place: 'beijing', local: '2026-11-20T08:15', wd: 'Fri' },
  HB2: { place: 'beijing', local: '2026-03-02T14:00', wd: 'Mon' },
  HB3: { place: 'beijing', local: '2026-09-27T23:30', wd: 'Sun' },
  HB4: { place: 'beijing', local: '2026-11-26T18:40', wd: 'Thu' },
  HN1: { place: 'newyork', local: '2026-11-20T08:00', wd: 'Fri' },
  HN2: { place: 'newyork', local: '2026-03-08T12:00', wd: 'Sun' }, // spring-forward day
  HN3: { place: 'newyork', local: '2026-03-09T07:30', wd: 'Mon' },
  HN4: { place: 'newyork', local: '2026-08-03T16:00', wd: 'Mon' },
  HL1: { place: 'london', local: '2026-11-24T08:30', wd: 'Tue' },
  HL2: { place: 'london', local: '2026-10-26T12:00', wd: 'Mon' }, // the day after the fall-back
  HL3: { place: 'london', local: '2026-07-31T22:00', wd: 'Fri' },
  HS1: { place: 'sydney', local: '2026-04-05T09:00', wd: 'Sun' }, // fall-back day (AEDT → AEST)
  HS2: { place: 'sydney', local: '2026-04-07T10:00', wd: 'Tue' },
  HS3: { place: 'sydney', local: '2026-07-22T19:30', wd: 'Wed' }, // southern winter
  HS4: { place: 'sydney', local: '2027-01-05T08:00', wd: 'Tue' }, // southern summer
  HK1: { place: 'kolkata', local: '2026-11-27T10:00', wd: 'Fri' },
  HK2: { place: 'kolkata', local: '2026-06-15T20:00', wd: 'Mon' },
  HT1: { place: 'tokyo', local: '2026-11-22T07:00', wd: 'Sun' },
  HT2: { place: 'tokyo', local: '2026-04-01T12:00', wd: 'Wed' },
  HA1: { place: 'losangeles', local: '2026-11-02T07:00', wd: 'Mon' }, // the day after the fall-back
  HA2: { place: 'losangeles', local: '2026-11-19T15:30', wd: 'Thu' },
  HG1: { place: 'berlin', local: '2026-03-29T11:00', wd: 'Sun' }, // spring-forward day
  HG2: { place: 'berlin', local: '2026-11-20T19:00', wd: 'Fri' },
  HC1: { place: 'chicago', local: '2026-11-01T10:00', wd: 'Sun' }, // fall-back day
  HC2: { place: 'chicago', local: '2026-11-24T22:00', wd: 'Tue' },
  HR1: { place: 'reykjavik', local: '2026-06-18T12:00', wd: 'Thu' },
  HR2: { place: 'reykjavik', local: '2026-03-20T10:00', wd: 'Fri' },
  // no place, no timezone field: only phrases that write their own zone
  HU1: { place: null, utc: '2026-11-20T06:00:00Z', wd: 'Fri' },
  HU2: { place: null, utc: '2026-11-24T15:00:00Z', wd: 'Tue' },
  HU3: { place: null, utc: '2026-07-20T03:00:00Z', wd: 'Mon' },
  // no place, but the report's own timezone field
  HZ1: { place: null, timezone: 'America/Chicago', local: '2026-11-21T11:00', wd: 'Sat' },
  HZ2: { place: null, timezone: 'Australia/Sydney', local: '2026-12-28T09:00', wd: 'Mon' },
  HZ3: { place: null, timezone: 'Europe/Berlin', local: '2026-11-24T08:00', wd: 'Tue' },
  HZ4: { place: null, timezone: 'Asia/Shanghai', local: '2026-11-26T10:00', wd: 'Thu' },
};

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------
const { ENTRIES, e } = entries();

// ===== English: clock alone =====
e(
  'en',
  'clock',
  'HX1',
  'at 7.15am',
  (c) => clock(c.lastWall(7, 15), 'm'),
  "07:15 today (arrival 09:30), Xi'an; hh.mm written with a dot is still hh:mm → that minute",
);
e(
  'en',
  'clock',
  'HN1',
  'at 2230hrs',
  (c) => clock(c.lastWall(22, 30), 'm'),
  'four-digit "hrs" time: most recent 22:30 is Thursday evening, EST; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'HA2',
  'approx. 13:45',
  (c) => clock(c.lastWall(13, 45), 'm', true),
  '13:45 today (arrival 15:30), PST; that minute, "approx." +15 min each side',
);
e(
  'en',
  'clock',
  'HG2',
  'circa 5pm',
  (c) => clock(c.lastWall(17), 'h', true),
  '17:00 today (arrival 19:00), CET; whole hour ±30 min, "circa" +15 each side',
);
e(
  'en',
  'clock',
  'HK1',
  '0700hrs',
  (c) => clock(c.lastWall(7), 'm'),
  '07:00 today (arrival 10:00), IST; a four-digit clock time is hh:mm → that minute',
);
e(
  'en',
  'clock',
  'HT2',
  '11am-ish',
  (c) => clock(c.lastWall(11), 'h', true),
  '11:00 today (arrival 12:00), JST; ±30 min, "-ish" +15 each side',
);
e(
  'en',
  'clock',
  'HL3',
  'quarter past eight',
  (c) => clock([...c.lastWall(8, 15), ...c.lastWall(20, 15)], 'q'),
  'no am/pm, no part of day: 08:15 and 20:15 today (arrival 22:00, BST) both possible; ±7.5 min around each, window spans both',
);
e(
  'en',
  'clock',
  'HN4',
  'about 2:40pm',
  (c) => clock(c.lastWall(14, 40), 'm', true),
  '14:40 today (arrival 16:00), EDT; that minute, "about" +15 each side',
);
e(
  'en',
  'clock',
  'HR1',
  'at 09.40',
  (c) => clock(c.lastWall(9, 40), 'm'),
  '09:40 today (arrival 12:00), Reykjavik (GMT all year); that minute',
);

// ===== English: day / weekday / part of day =====
e(
  'en',
  'day',
  'HL1',
  'Sunday just gone',
  (c) => dayWin(c, c.lastWd(7)),
  'arrival Tuesday: the most recent Sunday (22 Nov), whole day GMT',
);
e(
  'en',
  'day',
  'HB4',
  'this past Monday',
  (c) => dayWin(c, c.lastWd(1)),
  '"this past" = the most recent Monday (23 Nov; arrival Thursday), whole day',
);
e(
  'en',
  'day',
  'HX1',
  'late on Friday night',
  (c) => partWin(c, c.lastWd(5), 'late'),
  "late night of the most recent Friday: Fri 20 Nov 22:00 → Sat 04:00, Xi'an",
);
e(
  'en',
  'day',
  'HN1',
  'the night before last',
  (c) => partWin(c, c.back(2), 'night'),
  'night of the day before yesterday: Wed 18 Nov 18:00 → Thu 06:00, EST',
);
e(
  'en',
  'day',
  'HS2',
  'yesterday arvo',
  (c) => partWin(c, c.back(1), 'afternoon'),
  '"arvo" (Australian) = afternoon: Mon 6 Apr 12:00–18:00 AEST',
);
e(
  'en',
  'day',
  'HC2',
  'earlier this evening',
  (c) => [lo(c.wall(c.today, 18)), c.now],
  'evening today from 18:00, cut at arrival 22:00 CST',
  CLIP,
);
e(
  'en',
  'day',
  'HK1',
  'in the early hours of this morning',
  (c) => partWin(c, c.today, 'early'),
  'early hours = early morning 00:00–06:00 today, IST',
);
e(
  'en',
  'day',
  'HT1',
  'in the early hours of Saturday',
  (c) => partWin(c, c.lastWd(6), 'early'),
  'Saturday 21 Nov 00:00–06:00 JST (arrival Sunday 07:00)',
);
e(
  'en',
  'day',
  'HA2',
  'midday Wednesday',
  (c) => partWin(c, c.lastWd(3), 'noon'),
  'midday part 11:00–14:00 of Wednesday 18 Nov, PST',
);
e(
  'en',
  'day',
  'HZ1',
  'at noon yesterday',
  (c) => partWin(c, c.back(1), 'noon'),
  'no place; report timezone America/Chicago: "at noon" is the noon part, Fri 20 Nov 11:00–14:00',
);
e(
  'en',
  'day',
  'HR1',
  'on Weds',
  (c) => dayWin(c, c.lastWd(3)),
  'the most recent Wednesday (17 Jun; arrival Thursday), whole day',
);
e(
  'en',
  'day',
  'HB3',
  'last Thurs',
  (c) => union(...lastWdDays(c, 4).map((d) => dayWin(c, d))),
  "said on a Sunday: the previous week's Thursday (17 Sep) or this week's (24 Sep): both days",
  AMBIG,
);
e(
  'en',
  'day',
  'HL2',
  'last Thurs',
  (c) => union(...lastWdDays(c, 4).map((d) => dayWin(c, d))),
  'said on a Monday: the most recent Thursday (22 Oct) is in the previous week — one reading',
);

// ===== English: "N ago" =====
e(
  'en',
  'ago',
  'HL1',
  'a quarter of an hour ago',
  (c) => ago(c, 1, 15 * MIN),
  'one quarter-hour unit, as "half an hour" is one half-hour unit: arrival − 15 min ± 7.5 min',
);
e('en', 'ago', 'HS2', '45 mins ago', (c) => ago(c, 45, MIN), 'arrival − 45 min ± 30 s');
e(
  'en',
  'ago',
  'HN1',
  'about twenty minutes ago',
  (c) => ago(c, 20, MIN, true),
  'arrival − 20 min ± 30 s, "about" +15 min each side',
);
e('en', 'ago', 'HB4', '2hrs ago', (c) => ago(c, 2, HOUR), 'arrival − 2 h ± 30 min');
e(
  'en',
  'ago',
  'HG2',
  'an hour or so ago',
  (c) => ago(c, 1, HOUR, true),
  'arrival − 1 h ± 30 min; "or so" is vague: +15 each side',
);
e(
  'en',
  'ago',
  'HA2',
  'approx 30 mins ago',
  (c) => ago(c, 30, MIN, true),
  'thirty minute units: arrival − 30 min ± 30 s, "approx" +15 each side',
);
e(
  'en',
  'ago',
  'HZ2',
  '3hrs ago',
  (c) => ago(c, 3, HOUR),
  'no place; report timezone Australia/Sydney: arrival − 3 h ± 30 min',
);
e(
  'en',
  'ago',
  'HX3',
  '6 days ago',
  (c) => dayWin(c, c.back(6)),
  "the local calendar day six days before arrival: Mon 29 Dec 2025, Xi'an",
);

// ===== English: dates =====
e(
  'en',
  'date',
  'HL1',
  'Tues 3rd Nov, 14:20',
  (c) => clock(c.wall(named(c.lastMD(11, 3), 'Tue'), 14, 20), 'm'),
  'Tuesday 3 Nov 2026 (the weekday agrees) 14:20 GMT; that minute',
);
e(
  'en',
  'date',
  'HA2',
  'on the evening of the 18th',
  (c) => partWin(c, c.lastDom(18), 'evening'),
  '18 Nov (received on the 19th) 18:00–23:00 PST',
);
e(
  'en',
  'date',
  'HN1',
  'Nov. 19, 9:40 p.m.',
  (c) => clock(c.wall(c.lastMD(11, 19), 21, 40), 'm'),
  '21:40 on 19 Nov 2026 (the most recent), EST; that minute',
);
e(
  'en',
  'date',
  'HG2',
  '19.11.2026 21:40',
  (c) => clock(c.wall([2026, 11, 19], 21, 40), 'm'),
  'German day.month.year at Berlin: 19 Nov 2026 21:40 CET; that minute',
);
e(
  'en',
  'date',
  'HT1',
  '2026/11/19 21:40',
  (c) => clock(c.wall([2026, 11, 19], 21, 40), 'm'),
  'year/month/day at Tokyo: 19 Nov 2026 21:40 JST; that minute',
);
e(
  'en',
  'date',
  'HL1',
  'Thursday 19 November at 21:40',
  (c) => clock(c.wall(named(c.lastMD(11, 19), 'Thu'), 21, 40), 'm'),
  'Thursday 19 Nov 2026 (the weekday agrees) 21:40 GMT; that minute',
);
e(
  'en',
  'date',
  'HB1',
  'on Thursday the 19th',
  (c) => dayWin(c, named(c.lastDom(19), 'Thu')),
  'received Fri 20 Nov: Thursday 19 Nov (the weekday agrees), whole day',
);
e(
  'en',
  'date',
  'HL1',
  'Mon 23/11 at 08:15',
  (c) => clock(c.wall(named(c.lastMD(11, 23), 'Mon'), 8, 15), 'm'),
  'British day/month at London: Monday 23 Nov 08:15 GMT; that minute',
);
e(
  'en',
  'date',
  'HS4',
  'on Christmas Day',
  (c) => dayWin(c, c.lastMD(12, 25)),
  'the most recent past 25 December: 2026, whole day AEDT',
);
e(
  'en',
  'date',
  'HS4',
  '21/12/2026 18:05',
  (c) => clock(c.wall([2026, 12, 21], 18, 5), 'm'),
  'Australian day/month/year: 21 Dec 2026 18:05 AEDT; that minute',
);
e(
  'en',
  'date',
  'HN4',
  'July 4th, around 9:30pm',
  (c) => clock(c.wall(c.lastMD(7, 4), 21, 30), 'm', true),
  '4 Jul 2026 21:30 EDT; that minute, "around" +15 each side',
);

// ===== English: season / week / month / year =====
e(
  'en',
  'period',
  'HC2',
  'earlier this week',
  (c) => [lo(c.wall(c.monday(0), 0)), c.now],
  'this calendar week: Monday 23 Nov 00:00 → arrival (Tue 22:00 CST)',
  CLIP,
);
e(
  'en',
  'period',
  'HL2',
  'this past weekend',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  'arrival Monday: Sat 24 Oct 00:00 BST → Mon 26 Oct 00:00 GMT (49 hours: the clocks went back on the 25th)',
);
e(
  'en',
  'period',
  'HT2',
  'the month before last',
  (c) => monthWin(c, 2026, 2),
  'received 1 Apr: two calendar months back, February 2026',
);
e(
  'en',
  'period',
  'HB2',
  'in the autumn of 2025',
  (c) => seasonWin(c, 'autumn', 2025),
  'meteorological autumn 2025: 1 Sep → 1 Dec 2025, Beijing',
);
e(
  'en',
  'period',
  'HS4',
  'in spring 2026',
  (c) => seasonWin(c, 'spring', 2026),
  'southern hemisphere: spring 2026 = Sep–Nov 2026 at Sydney (1 Sep AEST → 1 Dec AEDT)',
);

// ===== English: sun =====
e(
  'en',
  'sun',
  'HX1',
  'at sunup',
  (c) => sunLast(c, 'sunrise'),
  "sunup = sunrise: this morning's (25 Nov) in Xi'an ± 20 min",
);
e(
  'en',
  'sun',
  'HA2',
  'at sundown yesterday',
  (c) => sunOn(c, c.back(1), 'sunset'),
  'sundown = sunset: Los Angeles, 18 Nov ± 20 min',
);
e(
  'en',
  'sun',
  'HC2',
  'when it got dark',
  (c) => sunLast(c, 'dusk'),
  'getting dark = dusk (as 天黑): Chicago today (24 Nov), [sunset, nautical dusk]',
);
e(
  'en',
  'sun',
  'HR2',
  'at first light this morning',
  (c) => sunOn(c, c.today, 'dawn'),
  'Reykjavik at the March equinox (20 Mar): [nautical dawn, sunrise]',
);
e(
  'en',
  'sun',
  'HS3',
  'as the sun went down',
  (c) => sunLast(c, 'sunset'),
  'the sun going down = sunset: Sydney winter, today (22 Jul) ± 20 min',
);
e(
  'en',
  'sun',
  'HT1',
  'as the sun came up',
  (c) => sunLast(c, 'sunrise'),
  'the sun coming up = sunrise: Tokyo this morning (22 Nov) ± 20 min',
);
e(
  'en',
  'sun',
  'HK2',
  'at dusk on Saturday',
  (c) => sunOn(c, c.lastWd(6), 'dusk'),
  'Kolkata, Saturday 13 Jun: [sunset, nautical dusk]',
);
e(
  'en',
  'sun',
  'HN4',
  'at daybreak on Sunday',
  (c) => sunOn(c, c.lastWd(7), 'dawn'),
  'New York summer, Sunday 2 Aug: [nautical dawn, sunrise] (EDT)',
);

// ===== English: written zones =====
e(
  'en',
  'zone',
  'HU1',
  'Thu, 19 Nov 2026 21:40:00 +0000',
  () => clock(Z('UTC', ...named([2026, 11, 19], 'Thu'), 21, 40, 0), 's'),
  'RFC 2822 date with offset +0000: 21:40:00Z; that second',
);
e(
  'en',
  'zone',
  'HU2',
  'Nov 23, 9pm ET',
  () => clock(Z('America/New_York', 2026, 11, 23, 21), 'h'),
  'ET = Eastern Time, EST (−05:00) on 23 Nov: 21:00 = 02:00Z 24 Nov; ±30 min',
);
e(
  'en',
  'zone',
  'HU1',
  '6:30pm PT yesterday',
  (c) =>
    clock(
      c.wall(addDays(c.todayIn('America/Los_Angeles'), -1), 18, 30, 0, 'America/Los_Angeles'),
      'm',
    ),
  'no place: the Pacific clock at arrival reads Thu 19 Nov 22:00 → yesterday = Wed 18 Nov, 18:30 PST; that minute',
);
e(
  'en',
  'zone',
  'HL1',
  '10am Sydney time',
  (c) => clock(c.lastWall(10, 0, 0, 'Australia/Sydney'), 'h'),
  'written Sydney time at London: most recent past 10:00 AEDT (24 Nov, 23:00Z on the 23rd); ±30 min',
  MISMATCH,
);
e(
  'en',
  'zone',
  'HG2',
  '8pm UK time',
  (c) => clock(c.lastWall(20, 0, 0, 'Europe/London'), 'h'),
  'written UK time at Berlin: most recent past 20:00 GMT (19 Nov; arrival is 18:00 GMT); ±30 min',
  MISMATCH,
);
e(
  'en',
  'zone',
  'HX1',
  '15:40Z',
  (c) => clock(c.lastWall(15, 40, 0, 'UTC'), 'm'),
  "Z = UTC (a convention, no flag), no date: most recent past 15:40Z (24 Nov) at Xi'an; that minute",
);
e(
  'en',
  'zone',
  'HU3',
  '2026-07-19 21:40:00 -0500',
  () => clock(Z('UTC-5', 2026, 7, 19, 21, 40, 0), 's'),
  'written offset −05:00: 02:40:00Z on 20 Jul; that second',
);
e(
  'en',
  'zone',
  'HS4',
  'Sat 2 Jan, 11pm AEDT',
  () => clock(Z('UTC+11', ...named([2027, 1, 2], 'Sat'), 23), 'h'),
  'AEDT agrees with Sydney in January: Saturday 2 Jan 2027 23:00 +11:00; ±30 min',
);
e(
  'en',
  'zone',
  'HZ4',
  'midnight UTC',
  (c) => clock(c.lastWall(0, 0, 0, 'UTC'), 'h'),
  'report timezone Asia/Shanghai, written UTC: most recent 00:00Z is 26 Nov (08:00 Beijing); ±30 min',
);

// ===== English: DST =====
e(
  'en',
  'dst',
  'HN2',
  'at 2.30am',
  (c) => clock(c.lastWall(2, 30), 'm'),
  'New York sprang forward 02:00 → 03:00 today: 02:30 never existed; EST and EDT readings both count, each that minute',
);
e(
  'en',
  'dst',
  'HN3',
  'at some point yesterday',
  (c) => dayWin(c, c.back(1)),
  'Sunday 8 Mar had 23 hours: 00:00 EST → 00:00 EDT Monday',
);
e(
  'en',
  'dst',
  'HS1',
  'at half two last night',
  (c) => clock(partClock(c, c.back(1), 'night', 2, 30), 'q'),
  'half two = 02:30, last night → today; Sydney fell back 03:00 → 02:00 today, so 02:30 happened twice (AEDT, AEST); ±7.5 min around each',
);
e(
  'en',
  'dst',
  'HC1',
  'at around 1:15am',
  (c) => clock(c.lastWall(1, 15), 'm', true),
  'Chicago fell back 02:00 → 01:00 today: 01:15 happened twice (CDT, CST); each that minute, "around" +15 (inside the repeated hour)',
);
e(
  'en',
  'dst',
  'HL2',
  'yesterday around 1.30am',
  (c) => clock(c.wall(c.back(1), 1, 30), 'm', true),
  'London fell back 02:00 → 01:00 on 25 Oct: 01:30 happened twice (BST, GMT); each that minute, "around" +15 (inside the repeated hour)',
);
e(
  'en',
  'dst',
  'HG1',
  '8 hrs ago',
  (c) => ago(c, 8, HOUR),
  'instant arithmetic across the spring-forward: arrival 11:00 CEST (09:00Z) − 8 h ± 30 min = 00:30Z–01:30Z (01:30 CET → 03:30 CEST)',
);

// ===== English: clock + day / part of day =====
e(
  'en',
  'combo',
  'HL1',
  'around half nine last night',
  (c) => clock(partClock(c, c.back(1), 'night', 9, 30), 'q', true),
  'British "half nine" = 09:30; last night → Mon 23 Nov 21:30 GMT; ±7.5 min, "around" +15',
);
e(
  'en',
  'combo',
  'HT2',
  'ten-ish this morning',
  (c) => clock(partClock(c, c.today, 'morning', 10), 'h', true),
  '10:00 today JST; ±30 min, "-ish" +15 each side',
);
e(
  'en',
  'combo',
  'HN1',
  'at 7.15pm on Tuesday',
  (c) => clock(c.wall(c.lastWd(2), 19, 15), 'm'),
  'the most recent Tuesday (17 Nov) 19:15 EST; that minute',
);
e(
  'en',
  'combo',
  'HZ1',
  '3pm-ish yesterday',
  (c) => clock(c.wall(c.back(1), 15), 'h', true),
  'no place; report timezone America/Chicago: Fri 20 Nov 15:00; ±30 min, "-ish" +15',
);
e(
  'en',
  'combo',
  'HB4',
  "at 11 o'clock at night",
  (c) => clock(partClock(c, c.back(1), 'night', 11), 'h'),
  'at night → 23:00; the most recent is Wed 25 Nov (arrival Thu 18:40); ±30 min',
);
e(
  'en',
  'combo',
  'HC2',
  'at 3 in the afternoon',
  (c) => clock(partClock(c, c.today, 'afternoon', 3), 'h'),
  '15:00 today (arrival 22:00), CST; ±30 min',
);
e(
  'en',
  'combo',
  'HK2',
  'yday 10pm',
  (c) => clock(c.wall(c.back(1), 22), 'h'),
  '"yday" = yesterday: Sunday 14 Jun 22:00 IST; ±30 min',
);
e(
  'en',
  'combo',
  'HA2',
  'yesterday @ 4:15pm',
  (c) => clock(c.wall(c.back(1), 16, 15), 'm'),
  'Wednesday 18 Nov 16:15 PST; that minute',
);
e(
  'en',
  'combo',
  'HB1',
  'five to eight this morning',
  (c) => clock(partClock(c, c.today, 'morning', 7, 55), 'f'),
  '07:55 today (arrival 08:15); minutes in words ±2.5 min',
);
e(
  'en',
  'combo',
  'HB2',
  'twenty-five to one this afternoon',
  (c) => clock(partClock(c, c.today, 'afternoon', 12, 35), 'f'),
  '12:35 today (arrival 14:00); minutes in words ±2.5 min',
);
e(
  'en',
  'combo',
  'HK1',
  'last Tues around 8pm',
  (c) => union(...lastWdDays(c, 2).map((d) => clock(c.wall(d, 20), 'h', true))),
  'said on a Friday: the previous week\'s Tuesday (17 Nov) or this week\'s (24 Nov), 20:00 IST each; ±30 min, "around" +15; window spans both',
  AMBIG,
);
e(
  'en',
  'combo',
  'HS2',
  'Sunday morning at 9.20',
  (c) => clock(partClock(c, c.lastWd(7), 'morning', 9, 20), 'm'),
  'Sunday 5 Apr 09:20 AEST (after the fall-back); that minute',
);

// ===== Chinese: clock alone =====
e(
  'zh',
  'clock',
  'HB4',
  '17:30左右',
  (c) => clock(c.lastWall(17, 30), 'm', true),
  '17:30 today (arrival 18:40); that minute, 左右 +15 each side',
);
e(
  'zh',
  'clock',
  'HK1',
  '二十三点',
  (c) => clock(c.lastWall(23), 'h'),
  '24-hour form in characters: 23:00 yesterday (arrival 10:00), IST; ±30 min',
);
e(
  'zh',
  'clock',
  'HB1',
  '五点钟',
  (c) => clock([...c.lastWall(5), ...c.lastWall(17)], 'h'),
  'no part of day: 17:00 yesterday and 05:00 today (arrival 08:15) both possible; ±30 min, window spans both',
);
e(
  'zh',
  'clock',
  'HT2',
  '14时05分',
  (c) => clock(c.lastWall(14, 5), 'm'),
  '时 for 点: 14:05 yesterday (arrival 12:00), JST; that minute',
);
e(
  'zh',
  'clock',
  'HS2',
  '零点半',
  (c) => clock(c.lastWall(0, 30), 'q'),
  '00:30 today (arrival 10:00), AEST; 半 ±7.5 min',
);
e(
  'zh',
  'clock',
  'HR1',
  '21点40',
  (c) => clock(c.lastWall(21, 40), 'm'),
  '21点40 (digits, 分 left out) = 21:40, most recent is yesterday; that minute',
);
e(
  'zh',
  'clock',
  'HZ4',
  '0点05分',
  (c) => clock(c.lastWall(0, 5), 'm'),
  'no place; report timezone Asia/Shanghai: 00:05 today; that minute',
);
e(
  'zh',
  'clock',
  'HA2',
  '13点20分左右',
  (c) => clock(c.lastWall(13, 20), 'm', true),
  '13:20 today (arrival 15:30), PST; that minute, 左右 +15 each side',
);

// ===== Chinese: day / weekday / part of day =====
e(
  'zh',
  'day',
  'HB1',
  '昨儿',
  (c) => dayWin(c, c.back(1)),
  '昨儿 (colloquial 昨天): Thu 19 Nov, whole day',
);
e(
  'zh',
  'day',
  'HX1',
  '前儿个',
  (c) => dayWin(c, c.back(2)),
  '前儿个 (colloquial 前天): Mon 23 Nov, whole day',
);
e(
  'zh',
  'day',
  'HB4',
  '这个礼拜一',
  (c) => dayWin(c, c.monday(0)),
  "this week's Monday (23 Nov; arrival Thursday), whole day",
);
e(
  'zh',
  'day',
  'HN1',
  '上礼拜三下午',
  (c) => partWin(c, addDays(c.monday(1), 2), 'afternoon'),
  "上礼拜三 = the previous calendar week's Wednesday (11 Nov): 12:00–18:00 EST",
);
e(
  'zh',
  'day',
  'HL1',
  '礼拜五早上',
  (c) => partWin(c, c.lastWd(5), 'morning'),
  'the most recent Friday (20 Nov) 06:00–12:00 GMT',
);
e(
  'zh',
  'day',
  'HS2',
  '星期四晚上',
  (c) => partWin(c, c.lastWd(4), 'night'),
  'the most recent Thursday, 2 Apr: 18:00 → Friday 06:00 AEDT (Sydney is on AEDT until 5 Apr)',
);
e(
  'zh',
  'day',
  'HX3',
  '昨儿晚上',
  (c) => partWin(c, c.back(1), 'night'),
  "昨儿晚上 = 昨晚: Sat 3 Jan 18:00 → Sun 06:00, Xi'an (arrival 07:45)",
);
e(
  'zh',
  'day',
  'HT1',
  '今儿凌晨',
  (c) => partWin(c, c.today, 'early'),
  '今儿 = 今天: 凌晨 00:00–06:00 today (arrival 07:00), JST',
);
e(
  'zh',
  'day',
  'HX1',
  '上个星期天',
  (c) => dayWin(c, addDays(c.monday(1), 6)),
  "上个星期天 = 上周日, the previous calendar week's Sunday (22 Nov; arrival Wednesday), whole day",
);
e(
  'zh',
  'day',
  'HB3',
  '大前天晚上',
  (c) => partWin(c, c.back(3), 'night'),
  '大前天 = three days back: Thu 24 Sep 18:00 → Fri 06:00',
);
e(
  'zh',
  'day',
  'HZ2',
  '前天夜里',
  (c) => partWin(c, c.back(2), 'night'),
  'no place; report timezone Australia/Sydney: Sat 26 Dec 18:00 → Sun 06:00 AEDT',
);
e(
  'zh',
  'day',
  'HR1',
  '周二半夜',
  (c) => partWin(c, c.lastWd(2), 'late'),
  '半夜 = late night: Tue 16 Jun 22:00 → Wed 04:00',
);
e(
  'zh',
  'day',
  'HL3',
  '星期三中午',
  (c) => partWin(c, c.lastWd(3), 'noon'),
  'Wednesday 29 Jul 11:00–14:00 BST',
);

// ===== Chinese: "N ago" =====
e(
  'zh',
  'ago',
  'HX1',
  '大约二十分钟前',
  (c) => ago(c, 20, MIN, true),
  'arrival − 20 min ± 30 s, 大约 +15 min each side',
);
e(
  'zh',
  'ago',
  'HB4',
  '一刻钟前',
  (c) => ago(c, 1, 15 * MIN),
  '一刻钟 is one quarter-hour unit (as 半小时 is one half-hour unit): arrival − 15 min ± 7.5 min',
);
e(
  'zh',
  'ago',
  'HN1',
  '半个钟头前',
  (c) => ago(c, 1, 30 * MIN),
  '钟头 = 小时: 半个钟头前 = 半个小时前 → arrival − 30 min ± 15 min',
);
e('zh', 'ago', 'HS3', '两个钟头以前', (c) => ago(c, 2, HOUR), '以前 = 前: arrival − 2 h ± 30 min');
e(
  'zh',
  'ago',
  'HK2',
  '十五分钟之前',
  (c) => ago(c, 15, MIN),
  'fifteen minute units: arrival − 15 min ± 30 s',
);
e(
  'zh',
  'ago',
  'HC2',
  '大概半小时前',
  (c) => ago(c, 1, 30 * MIN, true),
  '半小时前: arrival − 30 min ± 15 min; 大概 +15 each side',
);
e(
  'zh',
  'ago',
  'HA2',
  '大约一个钟头前',
  (c) => ago(c, 1, HOUR, true),
  'arrival − 1 h ± 30 min, 大约 +15 each side',
);
e(
  'zh',
  'ago',
  'HZ3',
  '两天以前',
  (c) => dayWin(c, c.back(2)),
  'no place; report timezone Europe/Berlin: the calendar day two days back, Sun 22 Nov',
);

// ===== Chinese: dates =====
e(
  'zh',
  'date',
  'HA2',
  '十一月十八号晚上',
  (c) => partWin(c, c.lastMD(11, 18), 'night'),
  '18 Nov 18:00 → 19 Nov 06:00 PST (arrival 19 Nov 15:30)',
);
e(
  'zh',
  'date',
  'HB1',
  '19号晚上9点40',
  (c) => clock(partClock(c, c.lastDom(19), 'night', 9, 40), 'm'),
  '19号 (received on the 20th) 晚上 → 21:40; digits → that minute',
);
e(
  'zh',
  'date',
  'HK1',
  '2026年11月19日21时40分',
  (c) => clock(c.wall([2026, 11, 19], 21, 40), 'm'),
  '19 Nov 2026 21:40 IST; 时 for 点; that minute',
);
e(
  'zh',
  'date',
  'HB4',
  '11月19日21:40',
  (c) => clock(c.wall(c.lastMD(11, 19), 21, 40), 'm'),
  '19 Nov 2026 21:40, Beijing; that minute',
);
e(
  'zh',
  'date',
  'HX1',
  '11月3日（周二）14:20',
  (c) => clock(c.wall(named(c.lastMD(11, 3), 'Tue'), 14, 20), 'm'),
  "Tuesday 3 Nov 2026 (the weekday agrees) 14:20, Xi'an; that minute",
);
e(
  'zh',
  'date',
  'HL1',
  '本月19日',
  (c) => dayWin(c, c.lastDom(19)),
  '本月 = this month: 19 Nov, whole day GMT',
);
e(
  'zh',
  'date',
  'HB2',
  '上月28号',
  (c) => dayWin(c, [2026, 2, 28]),
  '上月 = the previous calendar month (February 2026): 28 Feb, whole day',
);
e(
  'zh',
  'date',
  'HS4',
  '12月31号晚上',
  (c) => partWin(c, c.lastMD(12, 31), 'night'),
  '31 Dec 2026 18:00 → 1 Jan 2027 06:00 AEDT',
);
e(
  'zh',
  'date',
  'HT1',
  '2026.11.19',
  (c) => dayWin(c, [2026, 11, 19]),
  'year.month.day: 19 Nov 2026, whole day JST',
);
e(
  'zh',
  'date',
  'HZ4',
  '26年11月24日上午',
  (c) => partWin(c, [2026, 11, 24], 'shangwu'),
  'no place; report timezone Asia/Shanghai: two-digit year 26 = 2026; 24 Nov 08:00–12:00',
);

// ===== Chinese: season / week / month / year =====
e(
  'zh',
  'period',
  'HX2',
  '这礼拜',
  (c) => [lo(c.wall(c.monday(0), 0)), c.now],
  '这礼拜 = 这周: Monday 11 May 00:00 → arrival (Thu 21:00)',
  CLIP,
);
e(
  'zh',
  'period',
  'HS3',
  '上上礼拜',
  (c) => dayWin(c, c.monday(2), 7),
  'two calendar weeks back: Mon 6 Jul → Mon 13 Jul 00:00 AEST',
);
e(
  'zh',
  'period',
  'HS4',
  '去年春天',
  (c) => seasonWin(c, 'spring', 2026),
  'received Jan 2027, 去年 = 2026; southern spring = Sep–Nov 2026 at Sydney',
);
e(
  'zh',
  'period',
  'HT2',
  '前年',
  (c) => yearWin(c, 2024),
  '前年 = two years back: 2024, whole year JST',
);
e(
  'zh',
  'period',
  'HB2',
  '本月',
  (c) => [lo(c.wall([2026, 3, 1], 0)), c.now],
  '本月 = this month: 1 Mar 00:00 → arrival (2 Mar 14:00)',
  CLIP,
);
e(
  'zh',
  'period',
  'HX3',
  '上月',
  (c) => monthWin(c, 2025, 12),
  '上月 = the previous calendar month: December 2025',
);

// ===== Chinese: sun =====
e(
  'zh',
  'sun',
  'HB4',
  '太阳下山的时候',
  (c) => sunLast(c, 'sunset'),
  '太阳下山 = 日落: Beijing today (26 Nov) ± 20 min',
);
e(
  'zh',
  'sun',
  'HS2',
  '太阳出来的时候',
  (c) => sunLast(c, 'sunrise'),
  '太阳出来 = 日出: Sydney this morning (7 Apr) ± 20 min',
);
e(
  'zh',
  'sun',
  'HB1',
  '天刚亮的时候',
  (c) => sunLast(c, 'dawn'),
  '天亮: Beijing this morning (20 Nov), [nautical dawn, sunrise]',
);
e(
  'zh',
  'sun',
  'HL3',
  '周六傍晚',
  (c) => sunOn(c, c.lastWd(6), 'bangwan'),
  'London midsummer, Saturday 25 Jul: [sunset − 60 min, nautical dusk] (BST)',
);
e(
  'zh',
  'sun',
  'HG2',
  '天擦黑的时候',
  (c) => sunLast(c, 'dusk'),
  '天擦黑 = 天黑: Berlin today (20 Nov), [sunset, nautical dusk]',
);
e(
  'zh',
  'sun',
  'HS3',
  '昨天傍晚时分',
  (c) => sunOn(c, c.back(1), 'bangwan'),
  'Sydney winter, Tue 21 Jul: [sunset − 60 min, nautical dusk]',
);
e(
  'zh',
  'sun',
  'HR2',
  '太阳落山那会儿',
  (c) => sunLast(c, 'sunset'),
  '太阳落山 = 日落; arrival 10:00, so the most recent is Reykjavik 19 Mar ± 20 min',
);

// ===== Chinese: written zones =====
e(
  'zh',
  'zone',
  'HU2',
  '北京时间昨天晚上八点',
  (c) => clock(c.wall(addDays(c.todayIn('Asia/Shanghai'), -1), 20, 0, 0, 'Asia/Shanghai'), 'h'),
  'no place: the Beijing clock at arrival reads Tue 24 Nov 23:00 → 昨天晚上八点 = Mon 23 Nov 20:00 +08:00; ±30 min',
);
e(
  'zh',
  'zone',
  'HU1',
  '美东时间周四晚上9点',
  (c) => {
    const ny = 'America/New_York';
    const t = c.todayIn(ny);
    let d = t;
    while (weekday(d) !== 4) d = addDays(d, -1);
    return clock(c.wall(d, 21, 0, 0, ny), 'h');
  },
  '美东时间 = US Eastern; no place: the New York clock at arrival reads Fri 20 Nov 01:00 → the most recent Thursday is 19 Nov, 21:00 EST; ±30 min',
);
e(
  'zh',
  'zone',
  'HU1',
  '东京时间昨天下午3点',
  (c) => clock(c.wall(addDays(c.todayIn('Asia/Tokyo'), -1), 15, 0, 0, 'Asia/Tokyo'), 'h'),
  'no place: the Tokyo clock at arrival reads Fri 20 Nov 15:00 → yesterday = 19 Nov, 15:00 JST; ±30 min',
);
e(
  'zh',
  'zone',
  'HU3',
  '美西时间7月18日上午10点',
  () => clock(Z('America/Los_Angeles', 2026, 7, 18, 10), 'h'),
  '美西时间 = US Pacific, PDT (−07:00) in July: 10:00 = 17:00Z; ±30 min',
);
e(
  'zh',
  'zone',
  'HZ3',
  '格林威治时间11月23日下午2点',
  () => clock(Z('UTC', 2026, 11, 23, 14), 'h'),
  '格林威治时间 = 格林尼治时间 = GMT (written zone over the Berlin timezone field): 14:00Z; ±30 min',
);
e(
  'zh',
  'zone',
  'HL1',
  '北京时间凌晨3点',
  (c) => clock(c.lastWall(3, 0, 0, 'Asia/Shanghai'), 'h'),
  'written Beijing time at London: most recent past 03:00 +08:00 (24 Nov, 19:00Z on the 23rd); ±30 min',
  MISMATCH,
);
e(
  'zh',
  'zone',
  'HU1',
  '东九区11月19日20:00',
  () => clock(Z('UTC+9', 2026, 11, 19, 20), 'm'),
  '东九区 = UTC+9: 20:00 = 11:00Z; hh:mm → that minute',
);
e(
  'zh',
  'zone',
  'HU2',
  '伦敦时间昨晚11点',
  (c) => clock(c.wall(addDays(c.todayIn('Europe/London'), -1), 23, 0, 0, 'Europe/London'), 'h'),
  'no place: the London clock at arrival reads Tue 24 Nov 15:00 → 昨晚11点 = Mon 23 Nov 23:00 GMT; ±30 min',
);

// ===== Chinese: DST =====
e(
  'zh',
  'dst',
  'HN2',
  '今天凌晨两点半',
  (c) => clock(c.wall(c.today, 2, 30), 'q'),
  'New York sprang forward today: 02:30 did not exist; EST and EDT readings, 半 ±7.5 min around each',
);
e(
  'zh',
  'dst',
  'HC1',
  '凌晨1点45分',
  (c) => clock(c.lastWall(1, 45), 'm'),
  'Chicago fell back today: 01:45 happened twice (CDT 06:45Z, CST 07:45Z); each that minute',
);
e(
  'zh',
  'dst',
  'HA1',
  '昨天一整天',
  (c) => dayWin(c, c.back(1)),
  'the whole of Sunday 1 Nov, Los Angeles: 25 hours, 00:00 PDT → 00:00 PST',
);
e(
  'zh',
  'dst',
  'HL2',
  '昨天凌晨1点20分',
  (c) => clock(c.wall(c.back(1), 1, 20), 'm'),
  'London fell back on 25 Oct: 01:20 happened twice (BST 00:20Z, GMT 01:20Z); each that minute',
);
e(
  'zh',
  'dst',
  'HG1',
  '今天凌晨2点10分',
  (c) => clock(c.wall(c.today, 2, 10), 'm'),
  'Berlin sprang forward 02:00 → 03:00 today: 02:10 did not exist; CET and CEST readings, each that minute',
);
e(
  'zh',
  'dst',
  'HN3',
  '前儿晚上',
  (c) => partWin(c, c.back(2), 'night'),
  '前儿 = 前天: Sat 7 Mar 18:00 EST → Sun 8 Mar 06:00 EDT (11 hours: the clocks went forward)',
);

// ===== Chinese: clock + day / part of day =====
e(
  'zh',
  'combo',
  'HB1',
  '昨儿晚上十点',
  (c) => clock(partClock(c, c.back(1), 'night', 10), 'h'),
  '昨儿晚上 = 昨晚 → Thu 19 Nov 22:00; ±30 min',
);
e(
  'zh',
  'combo',
  'HL1',
  '前天下午两点左右',
  (c) => clock(partClock(c, c.back(2), 'afternoon', 2), 'h', true),
  'Sunday 22 Nov 14:00 GMT; ±30 min, 左右 +15',
);
e(
  'zh',
  'combo',
  'HK1',
  '今天上午九点半',
  (c) => clock(partClock(c, c.today, 'shangwu', 9, 30), 'q'),
  '09:30 today IST (arrival 10:00); 半 ±7.5 min',
);
e(
  'zh',
  'combo',
  'HG2',
  '星期四晚上八点',
  (c) => clock(partClock(c, c.lastWd(4), 'night', 8), 'h'),
  'Thursday 19 Nov 20:00 CET; ±30 min',
);
e(
  'zh',
  'combo',
  'HB4',
  '前晚十一点',
  (c) => clock(partClock(c, c.back(2), 'night', 11), 'h'),
  '前晚 = 前天晚上 → Tue 24 Nov 23:00; ±30 min',
);
e(
  'zh',
  'combo',
  'HT1',
  '今晨六点',
  (c) => clock(partClock(c, c.today, 'morning', 6), 'h'),
  '今晨 = 今天早上 → 06:00 today JST (arrival 07:00); ±30 min',
);
e(
  'zh',
  'combo',
  'HB3',
  '晚上九点前后',
  (c) => clock(partClock(c, c.today, 'night', 9), 'h', true),
  '21:00 today (arrival 23:30); ±30 min, 前后 (= 左右) +15',
);
e(
  'zh',
  'combo',
  'HS4',
  '昨夜11点',
  (c) => clock(partClock(c, c.back(1), 'night', 11), 'h'),
  '昨夜 = 昨晚 → Mon 4 Jan 23:00 AEDT; ±30 min',
);
e(
  'zh',
  'combo',
  'HZ4',
  '昨日下午3时',
  (c) => clock(partClock(c, c.back(1), 'afternoon', 3), 'h'),
  'no place; report timezone Asia/Shanghai: 昨日 = 昨天, 时 = 点 → Wed 25 Nov 15:00; ±30 min',
);
e(
  'zh',
  'combo',
  'HC2',
  '夜里十二点',
  (c) => clock(partClock(c, c.back(1), 'night', 12), 'h'),
  '夜里十二点 → the midnight inside the night, 00:00; the most recent is the start of today (24 Nov; arrival 22:00); ±30 min',
);
e(
  'zh',
  'combo',
  'HR1',
  '上礼拜六下午三点',
  (c) => clock(partClock(c, addDays(c.monday(1), 5), 'afternoon', 3), 'h'),
  "上礼拜六 = the previous calendar week's Saturday (13 Jun) 15:00; ±30 min",
);
e(
  'zh',
  'combo',
  'HK2',
  '周日晚上十点一刻',
  (c) => clock(partClock(c, c.lastWd(7), 'night', 10, 15), 'q'),
  'Sunday 14 Jun 22:15 IST; 一刻 ±7.5 min',
);
e(
  'zh',
  'combo',
  'HG1',
  '昨晚11点50',
  (c) => clock(partClock(c, c.back(1), 'night', 11, 50), 'm'),
  'Sat 28 Mar 23:50 CET (before the jump); digits → that minute',
);

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------
// the held-out set must not reuse a phrase of the main corpus
const mainPhrases = new Set(readJson('phrases.json').map((x) => x.phrase.trim().toLowerCase()));

const out = buildEntries(ENTRIES, ARRIVALS, PLACES, {
  idPrefix: 'ho-',
  strict: true,
  checkPhrase: (en) => {
    if (mainPhrases.has(en.phrase.trim().toLowerCase()))
      throw new Error(`phrase already in phrases.json: ${en.phrase}`);
  },
});
writeOrCheck([['holdout.json', out]], out.length);

// summary
summary(out, HOLDOUT_SUMMARY);
