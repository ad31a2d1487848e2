// Generator for the SECOND held-out time-phrase set (holdout2.json).
// Written after phrases.json and holdout.json, with phrasings unlike both: the way callers, SMS
// senders, police-style logs and partner feeds write times ("9pm yesterday", "Wed 18/11 @ 21:15",
// "between 10 and half 10 last night", "abt 40 mins ago", RFC 2822 and ISO 8601 stamps,
// 今儿个早上, 一个多小时前, 22时48分许, 10.25 晚上九点, 2026-11-19 21:40（北京时间）…). It measures how
// the reader does on phrases it was not tuned on. Like build-windows.mjs it uses ONLY luxon and
// suncalc (never tipwire code), and every window follows the conventions in README.md (with the
// additions listed under "Second held-out set"). The calendar and sun helpers, the checks and the
// write / --check step are shared with build-windows.mjs and build-holdout.mjs in windows-lib.mjs.
//
//   node test/time-corpus/build-holdout2.mjs          # rewrite holdout2.json
//   npx prettier --write test/time-corpus/            # then format it as the repository does
//   node test/time-corpus/build-holdout2.mjs --check  # recompute and compare with the committed JSON
import {
  MIN,
  HOUR,
  readJson,
  addDays,
  weekday,
  lo,
  hi,
  clock,
  union,
  dayWin,
  partWin,
  partClock,
  ago,
  monthWin,
  seasonWin,
  lastSeasonYear,
  sunTimes,
  sunOn,
  sunNote,
  sunLast,
  entries,
  CLIP,
  AMBIG,
  AMBZONE,
  MISMATCH,
  Z,
  named,
  lastWdDays,
  arrivalInstant,
  utcStamp,
  buildEntries,
  writeOrCheck,
  summary,
  HOLDOUT_SUMMARY,
} from './windows-lib.mjs';

// places.json is shared with the main corpus (not rewritten here)
const PLACES = readJson('places.json');

// ---------------------------------------------------------------------------------------------
// Arrivals: [place, local wall time of arrival, expected weekday] or a null place with a UTC
// instant and (optionally) the report's own timezone field. None is shared with phrases.json or
// holdout.json (checked below).
// ---------------------------------------------------------------------------------------------
const ARRIVALS = {
  X1: { place: 'xian', local: '2026-10-27T20:00', wd: 'Tue' },
  X2: { place: 'xian', local: '2026-12-01T03:15', wd: 'Tue' }, // small hours, 1st of the month
  X3: { place: 'xian', local: '2026-06-08T13:30', wd: 'Mon' },
  B1: { place: 'beijing', local: '2026-11-30T07:20', wd: 'Mon' },
  B2: { place: 'beijing', local: '2026-02-01T12:00', wd: 'Sun' }, // 1st of the month, February
  B3: { place: 'beijing', local: '2026-08-14T22:40', wd: 'Fri' },
  B4: { place: 'beijing', local: '2026-11-19T23:50', wd: 'Thu' },
  N1: { place: 'newyork', local: '2026-11-23T09:10', wd: 'Mon' },
  N2: { place: 'newyork', local: '2026-12-31T23:00', wd: 'Thu' }, // New Year's Eve
  N3: { place: 'newyork', local: '2026-06-02T02:30', wd: 'Tue' }, // small hours
  L1: { place: 'london', local: '2026-11-19T12:00', wd: 'Thu' },
  L2: { place: 'london', local: '2026-09-01T08:00', wd: 'Tue' }, // 1st of the month
  L3: { place: 'london', local: '2026-01-02T01:30', wd: 'Fri' }, // small hours, 2nd of the month
  S1: { place: 'sydney', local: '2025-10-05T10:00', wd: 'Sun' }, // spring-forward day (AEST → AEDT)
  S2: { place: 'sydney', local: '2026-12-01T06:30', wd: 'Tue' }, // southern summer
  S3: { place: 'sydney', local: '2026-06-21T19:15', wd: 'Sun' }, // southern winter solstice
  K1: { place: 'kolkata', local: '2026-11-01T09:00', wd: 'Sun' },
  K2: { place: 'kolkata', local: '2026-03-14T23:00', wd: 'Sat' },
  T1: { place: 'tokyo', local: '2026-11-30T18:00', wd: 'Mon' },
  T2: { place: 'tokyo', local: '2026-08-01T06:20', wd: 'Sat' },
  A1: { place: 'losangeles', local: '2026-03-08T10:00', wd: 'Sun' }, // spring-forward day
  A2: { place: 'losangeles', local: '2026-03-09T08:00', wd: 'Mon' }, // the day after it
  A3: { place: 'losangeles', local: '2026-11-27T20:00', wd: 'Fri' },
  G1: { place: 'berlin', local: '2026-12-02T07:30', wd: 'Wed' },
  G2: { place: 'berlin', local: '2026-05-31T23:00', wd: 'Sun' },
  C1: { place: 'chicago', local: '2026-03-08T09:00', wd: 'Sun' }, // spring-forward day
  C2: { place: 'chicago', local: '2026-11-30T17:45', wd: 'Mon' },
  C3: { place: 'chicago', local: '2026-07-06T13:00', wd: 'Mon' },
  R1: { place: 'reykjavik', local: '2026-11-28T18:30', wd: 'Sat' },
  R2: { place: 'reykjavik', local: '2026-09-10T07:00', wd: 'Thu' },
  // no place, no timezone field: only phrases that write their own zone
  U1: { place: null, utc: '2026-11-21T09:00:00Z', wd: 'Sat' },
  U2: { place: null, utc: '2026-12-02T01:00:00Z', wd: 'Wed' },
  U3: { place: null, utc: '2026-08-10T12:00:00Z', wd: 'Mon' },
  // no place, but the report's own timezone field
  Z1: { place: null, timezone: 'America/New_York', local: '2026-11-29T10:00', wd: 'Sun' },
  Z2: { place: null, timezone: 'Asia/Shanghai', local: '2026-12-07T09:00', wd: 'Mon' },
  Z3: { place: null, timezone: 'Europe/London', local: '2026-11-25T17:00', wd: 'Wed' },
  Z4: { place: null, timezone: 'America/Los_Angeles', local: '2026-11-16T06:30', wd: 'Mon' },
};

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------
const { ENTRIES, e } = entries();

// a range written by the reporter ("from 8 to 9", "between 10 and half 10", 8点到9点之间):
// [A, B] exactly as written — the bounds are the reporter's own, so no precision margin
const span = (ra, rb) => {
  if (!(hi(ra) < lo(rb))) throw new Error('range bounds out of order');
  return [lo(ra), hi(rb)];
};
// 一个多小时前: "a bit more than an hour ago" = between one and two hours → [arrival − 2 h, arrival − 1 h]
const moreThanOneHour = (c) => [c.now - 2 * HOUR, c.now - HOUR];
// US Thanksgiving: the fourth Thursday of November
function thanksgiving(y) {
  let d = [y, 11, 1];
  while (weekday(d) !== 4) d = addDays(d, 1);
  return addDays(d, 21);
}

// ===== English: clock alone =====
e(
  'en',
  'clock',
  'N1',
  '@ 0745',
  (c) => clock(c.lastWall(7, 45), 'm'),
  '07:45 today (arrival 09:10), EST; a four-digit clock time is hh:mm → that minute',
);
e(
  'en',
  'clock',
  'L1',
  'at 1415',
  (c) => clock(c.lastWall(14, 15), 'm'),
  'four-digit 24-hour time: the most recent 14:15 is yesterday, Wed 18 Nov (arrival 12:00 GMT); that minute',
);
e(
  'en',
  'clock',
  'T1',
  'approx 4.45pm',
  (c) => clock(c.lastWall(16, 45), 'm', true),
  '16:45 today (arrival 18:00), JST; that minute, "approx" +15 min each side',
);
e(
  'en',
  'clock',
  'A3',
  "about 6 o'clock",
  (c) => clock([...c.lastWall(6), ...c.lastWall(18)], 'h', true),
  'no am/pm, no part of day: 06:00 and 18:00 today (arrival 20:00 PST) both possible; ±30 min and "about" +15 around each, window spans both',
);
e(
  'en',
  'clock',
  'K2',
  'at 10.30pm',
  (c) => clock(c.lastWall(22, 30), 'm'),
  '22:30 today (arrival 23:00), IST; hh.mm with a dot is hh:mm → that minute',
);
e(
  'en',
  'clock',
  'C3',
  '11:05 a.m.',
  (c) => clock(c.lastWall(11, 5), 'm'),
  '11:05 today (arrival 13:00), CDT; that minute',
);
e(
  'en',
  'clock',
  'N3',
  '1:50am',
  (c) => clock(c.lastWall(1, 50), 'm'),
  '01:50 today (arrival 02:30), EDT; that minute',
);
e(
  'en',
  'clock',
  'B4',
  'at twenty past eleven',
  (c) => clock([...c.lastWall(11, 20), ...c.lastWall(23, 20)], 'f'),
  'no am/pm, no part of day: 11:20 and 23:20 today (arrival 23:50) both possible; minutes in words ±2.5 min around each, window spans both',
);
e(
  'en',
  'clock',
  'L3',
  '12.15am',
  (c) => clock(c.lastWall(0, 15), 'm'),
  '12.15am = 00:15 today, Fri 2 Jan (arrival 01:30 GMT); that minute',
);

// ===== English: day / weekday / part of day =====
e(
  'en',
  'day',
  'N1',
  'Sat night',
  (c) => partWin(c, c.lastWd(6), 'night'),
  'the most recent Saturday (21 Nov; arrival Monday) 18:00 → Sunday 06:00 EST',
);
e(
  'en',
  'day',
  'L1',
  'weds evening',
  (c) => partWin(c, c.lastWd(3), 'evening'),
  '"weds" = Wednesday: the most recent (18 Nov; arrival Thursday) 18:00–23:00 GMT',
);
e(
  'en',
  'day',
  'X3',
  'yesterday, late at night',
  (c) => partWin(c, c.back(1), 'late'),
  "late night of yesterday: Sun 7 Jun 22:00 → Mon 04:00, Xi'an",
);
e(
  'en',
  'day',
  'G1',
  'Monday night',
  (c) => partWin(c, c.lastWd(1), 'night'),
  'the most recent Monday (30 Nov; arrival Wednesday) 18:00 → Tuesday 06:00 CET',
);
e(
  'en',
  'day',
  'C2',
  'day before yday',
  (c) => dayWin(c, c.back(2)),
  '"yday" = yesterday: the day before yesterday, Sat 28 Nov (arrival Mon 30 Nov), whole day CST',
);
e(
  'en',
  'day',
  'K1',
  'yesterday midday',
  (c) => partWin(c, c.back(1), 'noon'),
  'midday part 11:00–14:00 of yesterday, Sat 31 Oct, IST',
);
e(
  'en',
  'day',
  'T2',
  'in the small hours of Friday',
  (c) => partWin(c, c.lastWd(5), 'early'),
  'small hours = early hours = early morning 00:00–06:00 of Friday 31 Jul, JST (arrival Sat 06:20)',
);
e(
  'en',
  'day',
  'Z3',
  'tues evening',
  (c) => partWin(c, c.lastWd(2), 'evening'),
  'no place; report timezone Europe/London: the most recent Tuesday (24 Nov; arrival Wednesday) 18:00–23:00 GMT',
);
e(
  'en',
  'day',
  'C3',
  'earlier this afternoon',
  (c) => [lo(c.wall(c.today, 12)), c.now],
  'this afternoon from 12:00, cut at arrival (13:00 CDT)',
  CLIP,
);
e(
  'en',
  'day',
  'C2',
  'last Sat',
  (c) => union(...lastWdDays(c, 6).map((d) => dayWin(c, d))),
  'said on a Monday: the most recent Saturday (28 Nov) is already in the previous week — one reading, whole day CST',
);
e(
  'en',
  'day',
  'R1',
  'last weds',
  (c) => union(...lastWdDays(c, 3).map((d) => dayWin(c, d))),
  "said on a Saturday: the previous week's Wednesday (18 Nov) or this week's (25 Nov); the window runs from the start of the first to the end of the second",
  AMBIG,
);

// ===== English: "N ago" =====
e(
  'en',
  'ago',
  'N1',
  'about 2 hours back',
  (c) => ago(c, 2, HOUR, true),
  '"back" = ago: arrival − 2 h ± 30 min, "about" +15 each side',
);
e('en', 'ago', 'C2', '4 hrs ago', (c) => ago(c, 4, HOUR), 'arrival − 4 h ± 30 min');
e('en', 'ago', 'G1', 'an hr ago', (c) => ago(c, 1, HOUR), '"hr" = hour: arrival − 1 h ± 30 min');
e('en', 'ago', 'X1', '20 min ago', (c) => ago(c, 20, MIN), 'arrival − 20 min ± 30 s');
e(
  'en',
  'ago',
  'L1',
  'abt 40 mins ago',
  (c) => ago(c, 40, MIN, true),
  '"abt" = about: arrival − 40 min ± 30 s, +15 min each side',
);
e(
  'en',
  'ago',
  'K1',
  'half an hr ago',
  (c) => ago(c, 1, 30 * MIN),
  'half an hour is one half-hour unit (convention 2): arrival − 30 min ± 15 min',
);
e('en', 'ago', 'T1', '75 mins ago', (c) => ago(c, 75, MIN), 'arrival − 75 min ± 30 s');
e(
  'en',
  'ago',
  'A3',
  '2 days back',
  (c) => dayWin(c, c.back(2)),
  'the local calendar day two days before arrival: Wed 25 Nov, PST',
);
e(
  'en',
  'ago',
  'B4',
  'a couple hrs ago',
  (c) => ago(c, 2, HOUR),
  '"a couple of hours" = 2 hours, no extra vagueness (convention 3): arrival − 2 h ± 30 min',
);

// ===== English: dates =====
e(
  'en',
  'date',
  'L1',
  'Wed 18/11 @ 21:15',
  (c) => clock(c.wall(named(c.lastMD(11, 18), 'Wed'), 21, 15), 'm'),
  'British day/month at London: Wednesday 18 Nov 2026 (the weekday agrees) 21:15 GMT; that minute',
);
e(
  'en',
  'date',
  'N1',
  '18 Nov @ 2115',
  (c) => clock(c.wall(c.lastMD(11, 18), 21, 15), 'm'),
  '18 Nov 2026 (the most recent), 2115 = 21:15 EST; that minute',
);
e(
  'en',
  'date',
  'A3',
  'on Thanksgiving',
  (c) => dayWin(c, thanksgiving(2026)),
  'US Thanksgiving = fourth Thursday of November: 26 Nov 2026 (arrival Fri 27 Nov), whole day PST',
);
e(
  'en',
  'date',
  'S2',
  'Sun 29/11 around 4pm',
  (c) => clock(c.wall(named(c.lastMD(11, 29), 'Sun'), 16), 'h', true),
  'Australian day/month: Sunday 29 Nov 2026 (the weekday agrees) 16:00 AEDT; ±30 min, "around" +15',
);
e(
  'en',
  'date',
  'G1',
  'Mon 30.11, 22:10',
  (c) => clock(c.wall(named(c.lastMD(11, 30), 'Mon'), 22, 10), 'm'),
  'German day.month at Berlin: Monday 30 Nov 2026 (the weekday agrees) 22:10 CET; that minute',
);
e(
  'en',
  'date',
  'C2',
  '11/27 @ 9pm',
  (c) => clock(c.wall(c.lastMD(11, 27), 21), 'h'),
  'US month/day at Chicago: 27 Nov 2026 21:00 CST; ±30 min',
);
e(
  'en',
  'date',
  'N2',
  '12/24/26 11:30 PM',
  (c) => clock(c.wall([2026, 12, 24], 23, 30), 'm'),
  'US month/day/two-digit year at New York: 24 Dec 2026 23:30 EST; that minute',
);
e(
  'en',
  'date',
  'K1',
  '31st Oct, 8.45pm',
  (c) => clock(c.wall(c.lastMD(10, 31), 20, 45), 'm'),
  '31 Oct 2026 (yesterday) 20:45 IST; that minute',
);
e(
  'en',
  'date',
  'T1',
  'Nov 28th in the evening',
  (c) => partWin(c, c.lastMD(11, 28), 'evening'),
  '28 Nov 2026 (arrival 30 Nov) 18:00–23:00 JST',
);
e(
  'en',
  'date',
  'X2',
  'Nov 30, 2026 11:45 PM',
  (c) => clock(c.wall([2026, 11, 30], 23, 45), 'm'),
  "30 Nov 2026 23:45, Xi'an (arrival 1 Dec 03:15); that minute",
);

// ===== English: season / week / month / year =====
e(
  'en',
  'period',
  'L2',
  'summer just gone',
  (c) => seasonWin(c, 'summer', lastSeasonYear(c, 'summer')),
  '"just gone" = the most recent summer entirely over at arrival (1 Sep 08:00): Jun–Aug 2026, BST',
);
e(
  'en',
  'period',
  'N2',
  'earlier this month',
  (c) => [lo(c.wall([2026, 12, 1], 0)), c.now],
  'this month: 1 Dec 00:00 → arrival (31 Dec 23:00 EST)',
  CLIP,
);
e(
  'en',
  'period',
  'C2',
  'in Oct.',
  (c) => monthWin(c, ...c.lastMonth(10)),
  'the most recent past whole October: October 2026 (CDT throughout)',
);
e(
  'en',
  'period',
  'G2',
  'spring of last year',
  (c) => seasonWin(c, 'spring', c.today[0] - 1),
  'the spring that starts in the previous calendar year (as 去年<season>): Mar–May 2025, Berlin',
);
e(
  'en',
  'period',
  'R2',
  'last wkend',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  '"wkend" = weekend; the previous calendar week\'s weekend: Sat 5 Sep 00:00 → Mon 7 Sep 00:00 (arrival Thu 10 Sep)',
);

// ===== English: sun =====
e(
  'en',
  'sun',
  'N1',
  'at the crack of dawn',
  (c) => sunLast(c, 'dawn'),
  'the crack of dawn = dawn: New York this morning (23 Nov), [nautical dawn, sunrise]',
);
e(
  'en',
  'sun',
  'S3',
  'as night fell',
  (c) => sunLast(c, 'dusk'),
  'night falling = nightfall = dusk: Sydney at the winter solstice, today (21 Jun), [sunset, nautical dusk]',
);
e(
  'en',
  'sun',
  'K1',
  'sunrise yesterday',
  (c) => sunOn(c, c.back(1), 'sunrise'),
  'Kolkata, Sat 31 Oct: sunrise ± 20 min',
);
e(
  'en',
  'sun',
  'T2',
  'Fri at dusk',
  (c) => sunOn(c, c.lastWd(5), 'dusk'),
  'Tokyo, Friday 31 Jul: [sunset, nautical dusk]',
);
e(
  'en',
  'sun',
  'A3',
  'at sun-down on Wendesday',
  (c) => sunOn(c, c.lastWd(3), 'sunset'),
  '"Wendesday" is a typo for Wednesday; sun-down = sunset: Los Angeles, Wed 25 Nov ± 20 min',
);
e(
  'en',
  'sun',
  'R1',
  'at nightfall',
  (c) => sunLast(c, 'dusk'),
  'nightfall = dusk: Reykjavik today (28 Nov; arrival 18:30), [sunset, nautical dusk]',
);

// ===== English: written zones =====
e(
  'en',
  'zone',
  'U1',
  '2026-11-20T21:40:00Z',
  () => clock(Z('UTC', 2026, 11, 20, 21, 40, 0), 's'),
  'ISO 8601 with Z = UTC: 21:40:00Z on 20 Nov; that second',
);
e(
  'en',
  'zone',
  'U1',
  'Fri, 20 Nov 2026 22:05:00 -0500',
  () => clock(Z('UTC-5', ...named([2026, 11, 20], 'Fri'), 22, 5, 0), 's'),
  'RFC 2822 (the weekday agrees) with offset −05:00: 03:05:00Z on 21 Nov; that second',
);
e(
  'en',
  'zone',
  'U2',
  '2026-12-01T14:30-08:00',
  () => clock(Z('UTC-8', 2026, 12, 1, 14, 30), 'm'),
  'ISO 8601 with offset −08:00: 22:30Z on 1 Dec; hh:mm → that minute',
);
e(
  'en',
  'zone',
  'U2',
  'Dec 1, 3pm CST',
  () =>
    union(
      clock(Z('Asia/Shanghai', 2026, 12, 1, 15), 'h'),
      clock(Z('America/Chicago', 2026, 12, 1, 15), 'h'),
    ),
  'CST with no place: China (+08:00, 07:00Z) and US Central (−06:00, 21:00Z) readings of 1 Dec 15:00, ±30 min around each; the window spans both',
  AMBZONE,
);
e(
  'en',
  'zone',
  'L1',
  '9pm NY time',
  (c) => clock(c.lastWall(21, 0, 0, 'America/New_York'), 'h'),
  'written New York time at London: the most recent past 21:00 EST before arrival (07:00 EST) is Wed 18 Nov = 02:00Z 19 Nov; ±30 min',
  MISMATCH,
);
e(
  'en',
  'zone',
  'A3',
  '7pm ET',
  (c) => clock(c.lastWall(19, 0, 0, 'America/New_York'), 'h'),
  'ET = US Eastern, written at Los Angeles: arrival is 23:00 EST, so the most recent 19:00 EST is today (27 Nov, 16:00 PST); ±30 min',
  MISMATCH,
);
e(
  'en',
  'zone',
  'U3',
  '2026-08-09T23:45:00+05:30',
  () => clock(Z('UTC+5:30', 2026, 8, 9, 23, 45, 0), 's'),
  'ISO 8601 with offset +05:30: 18:15:00Z on 9 Aug; that second',
);
e(
  'en',
  'zone',
  'C2',
  '8:30pm CST',
  (c) => clock(c.lastWall(20, 30, 0, 'America/Chicago'), 'm'),
  "CST at Chicago → Chicago's reading only, no flag: the most recent 20:30 CST is Sun 29 Nov; that minute",
);

// ===== English: DST =====
e(
  'en',
  'dst',
  'C1',
  '2:20am',
  (c) => clock(c.lastWall(2, 20), 'm'),
  'Chicago sprang forward 02:00 CST → 03:00 CDT today: 02:20 never existed; CST (08:20Z) and CDT (07:20Z) readings both count, each that minute',
);
e(
  'en',
  'dst',
  'C1',
  '7 hrs ago',
  (c) => ago(c, 7, HOUR),
  'instant arithmetic across the spring-forward: arrival 09:00 CDT (14:00Z) − 7 h ± 30 min = 06:30Z–07:30Z (00:30–01:30 CST)',
);
e(
  'en',
  'dst',
  'A2',
  'all day yesterday',
  (c) => dayWin(c, c.back(1)),
  'Sunday 8 Mar in Los Angeles had 23 hours: 00:00 PST → 00:00 PDT Monday',
);
e(
  'en',
  'dst',
  'A1',
  'at 2.45 last night',
  (c) => clock(partClock(c, c.back(1), 'night', 2, 45), 'm'),
  'last night → 02:45 today; Los Angeles sprang forward 02:00 PST → 03:00 PDT today, so 02:45 never existed: PST (10:45Z) and PDT (09:45Z) readings, each that minute',
);
e(
  'en',
  'dst',
  'S1',
  'at 2.15am',
  (c) => clock(c.lastWall(2, 15), 'm'),
  'Sydney sprang forward 02:00 AEST → 03:00 AEDT today (5 Oct 2025): 02:15 never existed; AEST (16:15Z) and AEDT (15:15Z) readings, each that minute',
);

// ===== English: clock + day / part of day =====
e(
  'en',
  'combo',
  'X3',
  '9pm yesterday',
  (c) => clock(c.wall(c.back(1), 21), 'h'),
  "Sun 7 Jun 21:00, Xi'an; ±30 min",
);
e(
  'en',
  'combo',
  'K1',
  'yesterday, 9ish in the evening',
  (c) => clock(partClock(c, c.back(1), 'evening', 9), 'h', true),
  'in the evening → 21:00, Sat 31 Oct IST; ±30 min, "-ish" +15',
);
e(
  'en',
  'combo',
  'R1',
  'at 3:20 in the afternoon',
  (c) => clock(partClock(c, c.today, 'afternoon', 3, 20), 'm'),
  '15:20 today (arrival 18:30), Reykjavik; that minute',
);
e(
  'en',
  'combo',
  'C3',
  "about 11 o'clock this morning",
  (c) => clock(partClock(c, c.today, 'morning', 11), 'h', true),
  '11:00 today CDT (arrival 13:00); ±30 min, "about" +15',
);
e(
  'en',
  'combo',
  'G2',
  "at 10 o'clock last night",
  (c) => clock(partClock(c, c.back(1), 'night', 10), 'h'),
  'last night → Sat 30 May 22:00 CEST; ±30 min',
);
e(
  'en',
  'combo',
  'C3',
  'from 8 to 9 this morning',
  (c) => span(partClock(c, c.today, 'morning', 8), partClock(c, c.today, 'morning', 9)),
  'a written range: 08:00 → 09:00 today CDT as stated, no margin',
);
e(
  'en',
  'combo',
  'L1',
  'between 10 and half 10 last night',
  (c) => span(partClock(c, c.back(1), 'night', 10), partClock(c, c.back(1), 'night', 10, 30)),
  'a written range; British "half 10" = 10:30; last night → Wed 18 Nov 22:00 → 22:30 GMT as stated, no margin',
);
e(
  'en',
  'combo',
  'Z1',
  'Sat night around 11',
  (c) => clock(partClock(c, c.lastWd(6), 'night', 11), 'h', true),
  'no place; report timezone America/New_York: Saturday night → Sat 28 Nov 23:00 EST; ±30 min, "around" +15',
);
e(
  'en',
  'combo',
  'N2',
  'last nite around 11',
  (c) => clock(partClock(c, c.back(1), 'night', 11), 'h', true),
  '"nite" = night; last night → Wed 30 Dec 23:00 EST (arrival Thu 23:00); ±30 min, "around" +15',
);
e(
  'en',
  'combo',
  'A3',
  'yesteday at 10pm',
  (c) => clock(c.wall(c.back(1), 22), 'h'),
  '"yesteday" is a typo for yesterday: Thu 26 Nov 22:00 PST; ±30 min',
);
e(
  'en',
  'combo',
  'G1',
  'tues night at 11.30',
  (c) => clock(partClock(c, c.lastWd(2), 'night', 11, 30), 'm'),
  'Tuesday night → Tue 1 Dec 23:30 CET (arrival Wed 07:30); digits → that minute',
);
e(
  'en',
  'combo',
  'R2',
  'ten past six this morning',
  (c) => clock(partClock(c, c.today, 'morning', 6, 10), 'f'),
  '06:10 today (arrival 07:00), Reykjavik; minutes in words ±2.5 min',
);
e(
  'en',
  'combo',
  'L3',
  'half 11 last night',
  (c) => clock(partClock(c, c.back(1), 'night', 11, 30), 'q'),
  'British "half 11" = 11:30; last night → Thu 1 Jan 23:30 GMT (arrival Fri 01:30); ±7.5 min',
);
e(
  'en',
  'combo',
  'S3',
  'Sat arvo about 3',
  (c) => clock(partClock(c, c.lastWd(6), 'afternoon', 3), 'h', true),
  '"arvo" (Australian) = afternoon: Saturday 20 Jun 15:00 AEST; ±30 min, "about" +15',
);
e(
  'en',
  'combo',
  'Z4',
  'Sun 11pm',
  (c) => clock(c.wall(c.lastWd(7), 23), 'h'),
  'no place; report timezone America/Los_Angeles: Sunday 15 Nov 23:00 PST (arrival Mon 06:30); ±30 min',
);

// ===== Chinese: clock alone =====
e(
  'zh',
  'clock',
  'B4',
  '22时48分许',
  (c) => clock(c.lastWall(22, 48), 'm', true),
  'police-log style: 时 = 点, 许 = approximately (as 左右): 22:48 today (arrival 23:50); that minute, +15 each side',
);
e(
  'zh',
  'clock',
  'X1',
  '19时30分许',
  (c) => clock(c.lastWall(19, 30), 'm', true),
  "19:30 today (arrival 20:00), Xi'an; that minute, 许 +15 each side",
);
e(
  'zh',
  'clock',
  'G2',
  '二十一点左右',
  (c) => clock(c.lastWall(21), 'h', true),
  '24-hour form in characters: 21:00 today (arrival 23:00 CEST); ±30 min, 左右 +15',
);
e(
  'zh',
  'clock',
  'K1',
  '8点15',
  (c) => clock([...c.lastWall(8, 15), ...c.lastWall(20, 15)], 'm'),
  'no part of day, hour 1–12: 20:15 yesterday and 08:15 today (arrival 09:00 IST) both possible; each that minute, window spans both',
);
e(
  'zh',
  'clock',
  'Z2',
  '0时15分',
  (c) => clock(c.lastWall(0, 15), 'm'),
  'no place; report timezone Asia/Shanghai: 00:15 today (arrival 09:00); that minute',
);
e(
  'zh',
  'clock',
  'C2',
  '约16:20',
  (c) => clock(c.lastWall(16, 20), 'm', true),
  '约 = 大约: 16:20 today (arrival 17:45 CST); that minute, +15 each side',
);
e(
  'zh',
  'clock',
  'N3',
  '1点50',
  (c) => clock([...c.lastWall(1, 50), ...c.lastWall(13, 50)], 'm'),
  'no part of day, hour 1–12: 13:50 yesterday and 01:50 today (arrival 02:30 EDT) both possible; each that minute, window spans both',
);
e(
  'zh',
  'clock',
  'T2',
  '05时40分',
  (c) => clock(c.lastWall(5, 40), 'm'),
  'zero-padded 24-hour log form (like "0700hrs", "09.40"): 05:40 today (arrival 06:20 JST); that minute',
);

// ===== Chinese: day / weekday / part of day =====
e(
  'zh',
  'day',
  'T1',
  '今儿个早上',
  (c) => partWin(c, c.today, 'morning'),
  '今儿个 = 今天: 早上 06:00–12:00 today (arrival 18:00 JST)',
);
e(
  'zh',
  'day',
  'K2',
  '上周六凌晨',
  (c) => partWin(c, addDays(c.monday(1), 5), 'early'),
  "上周六 = the previous calendar week's Saturday (7 Mar; arrival Sat 14 Mar): 00:00–06:00 IST",
);
e(
  'zh',
  'day',
  'X3',
  '昨儿个夜里',
  (c) => partWin(c, c.back(1), 'night'),
  "昨儿个 = 昨天; 夜里 = night: Sun 7 Jun 18:00 → Mon 06:00, Xi'an",
);
e(
  'zh',
  'day',
  'L1',
  '周一夜里',
  (c) => partWin(c, c.lastWd(1), 'night'),
  'the most recent Monday (16 Nov; arrival Thursday) 18:00 → Tuesday 06:00 GMT',
);
e(
  'zh',
  'day',
  'S2',
  '上周日下午',
  (c) => partWin(c, addDays(c.monday(1), 6), 'afternoon'),
  "上周日 = the previous calendar week's Sunday (29 Nov; arrival Tue 1 Dec): 12:00–18:00 AEDT",
);
e(
  'zh',
  'day',
  'R2',
  '大前天下午',
  (c) => partWin(c, c.back(3), 'afternoon'),
  '大前天 = three days back: Mon 7 Sep 12:00–18:00, Reykjavik',
);
e(
  'zh',
  'day',
  'C3',
  '上个礼拜五晚上',
  (c) => partWin(c, addDays(c.monday(1), 4), 'night'),
  "上个礼拜五 = the previous calendar week's Friday (3 Jul; arrival Mon 6 Jul): 18:00 → Saturday 06:00 CDT",
);
e(
  'zh',
  'day',
  'T1',
  '周六深夜',
  (c) => partWin(c, c.lastWd(6), 'late'),
  '深夜 = late night: Sat 28 Nov 22:00 → Sun 04:00 JST',
);
e(
  'zh',
  'day',
  'A2',
  '昨天半夜',
  (c) => partWin(c, c.back(1), 'late'),
  '半夜 = late night of yesterday: Sun 8 Mar 22:00 → Mon 04:00 PDT (after the spring-forward)',
);
e(
  'zh',
  'day',
  'L2',
  '上个礼拜天',
  (c) => dayWin(c, addDays(c.monday(1), 6)),
  "上个礼拜天 = 上周日, the previous calendar week's Sunday (30 Aug; arrival Tue 1 Sep), whole day BST",
);
e(
  'zh',
  'day',
  'B3',
  '这周二',
  (c) => dayWin(c, addDays(c.monday(0), 1)),
  "this week's Tuesday (11 Aug; arrival Friday), whole day",
);

// ===== Chinese: "N ago" =====
e('zh', 'ago', 'X1', '十分钟以前', (c) => ago(c, 10, MIN), '以前 = 前: arrival − 10 min ± 30 s');
e(
  'zh',
  'ago',
  'B1',
  '一个多小时前',
  (c) => moreThanOneHour(c),
  '一个多小时 = more than one hour and less than two: [arrival − 2 h, arrival − 1 h]',
);
e(
  'zh',
  'ago',
  'X2',
  '三个小时左右之前',
  (c) => ago(c, 3, HOUR, true),
  '之前 = 前: arrival − 3 h ± 30 min, 左右 +15 each side',
);
e(
  'zh',
  'ago',
  'S3',
  '大概四十分钟以前',
  (c) => ago(c, 40, MIN, true),
  'arrival − 40 min ± 30 s, 大概 +15 each side',
);
e('zh', 'ago', 'G2', '俩小时前', (c) => ago(c, 2, HOUR), '俩 = 两个: arrival − 2 h ± 30 min');
e('zh', 'ago', 'N2', '仨小时前', (c) => ago(c, 3, HOUR), '仨 = 三个: arrival − 3 h ± 30 min');
e(
  'zh',
  'ago',
  'R1',
  '三天以前',
  (c) => dayWin(c, c.back(3)),
  'the local calendar day three days before arrival: Wed 25 Nov, Reykjavik',
);
e(
  'zh',
  'ago',
  'A3',
  '就在刚才',
  (c) => [c.now - 10 * MIN, c.now],
  '就在刚才 = 刚才 (just now): [arrival − 10 min, arrival]',
);

// ===== Chinese: dates =====
e(
  'zh',
  'date',
  'X1',
  '10.25 晚上九点',
  (c) => clock(partClock(c, c.lastMD(10, 25), 'night', 9), 'h'),
  "month.day 10.25 = 10月25日 (a date, since a clock time follows); 晚上九点 → Sun 25 Oct 21:00, Xi'an; ±30 min",
);
e(
  'zh',
  'date',
  'B2',
  '1月31号夜里11点',
  (c) => clock(partClock(c, c.lastMD(1, 31), 'night', 11), 'h'),
  '31 Jan 2026 夜里 → 23:00 (arrival 1 Feb 12:00); ±30 min',
);
e(
  'zh',
  'date',
  'Z2',
  '12月5日（周六）晚上',
  (c) => partWin(c, named(c.lastMD(12, 5), 'Sat'), 'night'),
  'no place; report timezone Asia/Shanghai: Saturday 5 Dec 2026 (the weekday agrees) 18:00 → Sun 06:00',
);
e(
  'zh',
  'date',
  'R1',
  '27号下午',
  (c) => partWin(c, c.lastDom(27), 'afternoon'),
  '27号 (received on the 28th) = 27 Nov: 12:00–18:00, Reykjavik',
);
e(
  'zh',
  'date',
  'K1',
  '10月31日晚8点半',
  (c) => clock(partClock(c, c.lastMD(10, 31), 'night', 8, 30), 'q'),
  '晚 = 晚上: 31 Oct 20:30 IST; 半 ±7.5 min',
);
e(
  'zh',
  'date',
  'N3',
  '5月31日凌晨',
  (c) => partWin(c, c.lastMD(5, 31), 'early'),
  '31 May 2026 00:00–06:00 EDT (arrival 2 Jun 02:30)',
);
e(
  'zh',
  'date',
  'C2',
  '26号晚上七点一刻',
  (c) => clock(partClock(c, c.lastDom(26), 'night', 7, 15), 'q'),
  '26号 (received on the 30th) = 26 Nov; 晚上 → 19:15 CST; 一刻 ±7.5 min',
);
e(
  'zh',
  'date',
  'L2',
  '上月31号',
  (c) => dayWin(c, [2026, 8, 31]),
  '上月 = the previous calendar month (August 2026): 31 Aug, whole day BST',
);
e(
  'zh',
  'date',
  'B4',
  '18日晚22时30分',
  (c) => clock(partClock(c, c.lastDom(18), 'night', 22, 30), 'm'),
  'police-log style: 18日 (received on the 19th) = 18 Nov; 晚 22时30分 → 22:30; that minute',
);
e(
  'zh',
  'date',
  'R2',
  '9月8日凌晨4点',
  (c) => clock(partClock(c, c.lastMD(9, 8), 'early', 4), 'h'),
  '8 Sep 2026 04:00, Reykjavik (arrival 10 Sep); ±30 min',
);

// ===== Chinese: season / week / month / year =====
e(
  'zh',
  'period',
  'B4',
  '上礼拜',
  (c) => dayWin(c, c.monday(1), 7),
  '上礼拜 = 上周, the previous Monday-to-Monday week: 9 Nov → 16 Nov 00:00 (arrival Thu 19 Nov)',
);
e(
  'zh',
  'period',
  'C3',
  '今年春天',
  (c) => seasonWin(c, 'spring', 2026),
  "this year's spring (over at arrival, 6 Jul): Mar–May 2026, Chicago (1 Mar CST → 1 Jun CDT)",
);
e(
  'zh',
  'period',
  'G2',
  '二月份',
  (c) => monthWin(c, ...c.lastMonth(2)),
  '二月份 = the most recent past whole February: February 2026, CET',
);
e(
  'zh',
  'period',
  'B2',
  '去年十二月',
  (c) => monthWin(c, 2025, 12),
  '去年 = 2025 (arrival 1 Feb 2026): December 2025, whole month',
);
e(
  'zh',
  'period',
  'A2',
  '上上个周末',
  (c) => dayWin(c, addDays(c.monday(2), 5), 2),
  '上上个 = two calendar weeks back (as 上上周): the weekend of the week of 23 Feb, Sat 28 Feb → Mon 2 Mar 00:00 PST',
);

// ===== Chinese: sun =====
e(
  'zh',
  'sun',
  'B1',
  '前天傍晚',
  (c) => sunOn(c, c.back(2), 'bangwan'),
  '前天 = Sat 28 Nov, Beijing: [sunset − 60 min, nautical dusk]',
);
e(
  'zh',
  'sun',
  'G1',
  '黄昏时分',
  (c) => sunLast(c, 'dusk'),
  '黄昏: arrival 07:30, so the most recent is Berlin yesterday (1 Dec), [sunset, nautical dusk]',
);
e(
  'zh',
  'sun',
  'S2',
  '天蒙蒙亮的时候',
  (c) => sunLast(c, 'dawn'),
  '天蒙蒙亮 (first faint light) = 天亮: Sydney this morning (1 Dec; arrival 06:30), [nautical dawn, sunrise]',
);
e(
  'zh',
  'sun',
  'L1',
  '昨儿日落那会儿',
  (c) => sunOn(c, c.back(1), 'sunset'),
  '昨儿 = 昨天: London, Wed 18 Nov, sunset ± 20 min',
);
e(
  'zh',
  'sun',
  'N2',
  '今天黄昏',
  (c) => sunOn(c, c.today, 'dusk'),
  'New York, 31 Dec (arrival 23:00): [sunset, nautical dusk]',
);
e(
  'zh',
  'sun',
  'C3',
  '前天黎明时分',
  (c) => sunOn(c, c.back(2), 'dawn'),
  '前天 = Sat 4 Jul, Chicago: [nautical dawn, sunrise]',
);

// ===== Chinese: written zones =====
e(
  'zh',
  'zone',
  'U1',
  '2026-11-19 21:40（北京时间）',
  () => clock(Z('Asia/Shanghai', 2026, 11, 19, 21, 40), 'm'),
  '北京时间 = +08:00: 19 Nov 21:40 = 13:40Z; that minute',
);
e(
  'zh',
  'zone',
  'U1',
  '北京时间今早7点',
  (c) => clock(c.wall(c.todayIn('Asia/Shanghai'), 7, 0, 0, 'Asia/Shanghai'), 'h'),
  'no place: the Beijing clock at arrival reads Sat 21 Nov 17:00 → 今早 (= 今天早上) 7点 = 21 Nov 07:00 +08:00 (23:00Z on the 20th); ±30 min',
);
e(
  'zh',
  'zone',
  'N1',
  '北京时间晚上10点半',
  (c) => clock(c.lastWall(22, 30, 0, 'Asia/Shanghai'), 'q'),
  'written Beijing time at New York: the Beijing clock at arrival reads 22:10, so the most recent 22:30 +08:00 is Sun 22 Nov (14:30Z, 09:30 EST); 半 ±7.5 min',
  MISMATCH,
);
e(
  'zh',
  'zone',
  'U3',
  '东八区8月9日晚上8点',
  () => clock(Z('UTC+8', 2026, 8, 9, 20), 'h'),
  '东八区 = UTC+8: 9 Aug 20:00 = 12:00Z; ±30 min',
);
e(
  'zh',
  'zone',
  'Z4',
  '太平洋时间11月15日下午3点',
  () => clock(Z('America/Los_Angeles', 2026, 11, 15, 15), 'h'),
  '太平洋时间 = Pacific Time (PST, −08:00, on 15 Nov), agreeing with the Los Angeles timezone field: 23:00Z; ±30 min',
);
e(
  'zh',
  'zone',
  'B3',
  '美国东部时间8月14日上午9点',
  () => clock(Z('America/New_York', 2026, 8, 14, 9), 'h'),
  '美国东部时间 (EDT, −04:00, in August) written at Beijing: 14 Aug 09:00 EDT = 13:00Z = 21:00 Beijing; ±30 min',
  MISMATCH,
);

// ===== Chinese: DST =====
e(
  'zh',
  'dst',
  'C1',
  '今天凌晨2点40分',
  (c) => clock(c.wall(c.today, 2, 40), 'm'),
  'Chicago sprang forward 02:00 → 03:00 today: 02:40 never existed; CST (08:40Z) and CDT (07:40Z) readings, each that minute',
);
e(
  'zh',
  'dst',
  'C1',
  '大约五个小时前',
  (c) => ago(c, 5, HOUR, true),
  'instant arithmetic across the spring-forward: arrival 09:00 CDT (14:00Z) − 5 h ± 30 min, 大约 +15 → 08:15Z–09:45Z (03:15–04:45 CDT)',
);
e(
  'zh',
  'dst',
  'A2',
  '周日凌晨2点半',
  (c) => clock(partClock(c, c.lastWd(7), 'early', 2, 30), 'q'),
  'Sunday 8 Mar, Los Angeles sprang forward 02:00 → 03:00: 02:30 never existed; PST (10:30Z) and PDT (09:30Z) readings, 半 ±7.5 min around each',
);
e(
  'zh',
  'dst',
  'S1',
  '今日凌晨',
  (c) => partWin(c, c.today, 'early'),
  '今日 = 今天: 凌晨 00:00 AEST → 06:00 AEDT, 5 hours (Sydney sprang forward at 02:00, 5 Oct 2025)',
);
e(
  'zh',
  'dst',
  'A1',
  '今儿个',
  (c) => [lo(c.wall(c.today, 0)), c.now],
  '今儿个 = 今天: 00:00 PST → arrival 10:00 PDT (9 hours: the clocks went forward at 02:00)',
  CLIP,
);

// ===== Chinese: clock + day / part of day =====
e(
  'zh',
  'combo',
  'B1',
  '上周六凌晨三点',
  (c) => clock(partClock(c, addDays(c.monday(1), 5), 'early', 3), 'h'),
  "上周六 = the previous calendar week's Saturday (28 Nov; arrival Mon 30 Nov) 03:00; ±30 min",
);
e(
  'zh',
  'combo',
  'C2',
  '周日下午四点左右',
  (c) => clock(partClock(c, c.lastWd(7), 'afternoon', 4), 'h', true),
  'the most recent Sunday (29 Nov) 16:00 CST; ±30 min, 左右 +15',
);
e(
  'zh',
  'combo',
  'X2',
  '大约凌晨两点半',
  (c) => clock(partClock(c, c.today, 'early', 2, 30), 'q', true),
  "凌晨两点半 → 02:30 today (arrival 03:15), Xi'an; 半 ±7.5 min, 大约 +15",
);
e(
  'zh',
  'combo',
  'B2',
  '昨晚22:15',
  (c) => clock(partClock(c, c.back(1), 'night', 22, 15), 'm'),
  '昨晚 → Sat 31 Jan 22:15; that minute',
);
e(
  'zh',
  'combo',
  'X1',
  '傍晚六点',
  (c) => {
    const w = clock(partClock(c, c.today, 'evening', 6), 'h');
    // 18:00 ± 30 min lies inside today's 傍晚 ([sunset − 60 min, nautical dusk]) at Xi'an
    const b = sunOn(c, c.today, 'bangwan').w;
    if (!(b[0] <= w[0] && w[1] <= b[1])) throw new Error('傍晚六点 outside 傍晚');
    return { w, note: sunNote(c, sunTimes(c, c.today), 'bangwan') };
  },
  "傍晚 → 六点 = 18:00 today (arrival 20:00), Xi'an; ±30 min; the window lies inside today's 傍晚",
);
e(
  'zh',
  'combo',
  'T1',
  '今早7点',
  (c) => clock(partClock(c, c.today, 'morning', 7), 'h'),
  '今早 = 今天早上 → 07:00 today JST; ±30 min',
);
e(
  'zh',
  'combo',
  'N3',
  '昨晚十一点半',
  (c) => clock(partClock(c, c.back(1), 'night', 11, 30), 'q'),
  '昨晚 → Mon 1 Jun 23:30 EDT (arrival Tue 02:30); 半 ±7.5 min',
);
e(
  'zh',
  'combo',
  'G2',
  '今晚八点左右',
  (c) => clock(partClock(c, c.today, 'night', 8), 'h', true),
  '今晚 = 今天晚上 → 20:00 today CEST (arrival 23:00); ±30 min, 左右 +15',
);
e(
  'zh',
  'combo',
  'K2',
  '晚上10点一刻',
  (c) => clock(partClock(c, c.today, 'night', 10, 15), 'q'),
  '晚上 → 22:15; the most recent is today (arrival 23:00 IST); 一刻 ±7.5 min',
);
e(
  'zh',
  'combo',
  'S3',
  '礼拜六中午12点',
  (c) => clock(c.wall(c.lastWd(6), 12), 'h'),
  '中午12点 is a clock hour (convention 4): Saturday 20 Jun 12:00 AEST; ±30 min',
);
e(
  'zh',
  'combo',
  'Z3',
  '前天夜里两点',
  (c) => clock(partClock(c, c.back(2), 'night', 2), 'h'),
  'no place; report timezone Europe/London: 前天 (Mon 23 Nov) 夜里 runs to 06:00 Tue, so 两点 → Tue 24 Nov 02:00 GMT (as 昨晚十二点 → 00:00 today); ±30 min',
);
e(
  'zh',
  'combo',
  'G2',
  '晚上8点到9点之间',
  (c) => span(partClock(c, c.today, 'night', 8), partClock(c, c.today, 'night', 9)),
  'a written range: 20:00 → 21:00 today CEST as stated, no margin',
);
e(
  'zh',
  'combo',
  'K1',
  '昨天下午两点到三点',
  (c) => span(partClock(c, c.back(1), 'afternoon', 2), partClock(c, c.back(1), 'afternoon', 3)),
  'a written range: Sat 31 Oct 14:00 → 15:00 IST as stated, no margin',
);

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------
// the second held-out set must not reuse a phrase or an arrival of phrases.json or holdout.json
const EARLIER = ['phrases.json', 'holdout.json'].flatMap((f) => readJson(f));
const earlierPhrases = new Set(EARLIER.map((x) => x.phrase.trim().toLowerCase()));
const earlierArrivals = new Set(EARLIER.map((x) => x.receivedAt));
for (const [k, a] of Object.entries(ARRIVALS)) {
  if (earlierArrivals.has(utcStamp(arrivalInstant(a, PLACES))))
    throw new Error(`arrival ${k} already used by phrases.json or holdout.json`);
}

const seenPhrase = new Set();
const out = buildEntries(ENTRIES, ARRIVALS, PLACES, {
  idPrefix: 'h2-',
  strict: true,
  checkPhrase: (en) => {
    const norm = en.phrase.trim().toLowerCase();
    if (earlierPhrases.has(norm))
      throw new Error(`phrase already in phrases.json or holdout.json: ${en.phrase}`);
    if (seenPhrase.has(norm)) throw new Error(`phrase used twice in holdout2: ${en.phrase}`);
    seenPhrase.add(norm);
  },
});
writeOrCheck([['holdout2.json', out]], out.length);

// summary
summary(out, HOLDOUT_SUMMARY);
