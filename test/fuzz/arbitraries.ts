/**
 * fast-check generators shared by the fuzz suites: what reporters, typos and
 * attackers put in the time and place fields (counts in every unit word, English
 * and Chinese, ISO 8601 at the ends of its years, epoch numbers past the Date
 * range, zone names, DST edges, coordinates at and beyond ±90/±180), and the
 * unicode that breaks naive code (lone surrogates, RTL and zero-width marks).
 * Lengths stay within the report schema (src/intake/report-schema.ts).
 */
import fc from 'fast-check';
import type { ClaimedLocation } from '../../src/domain/report.js';
import { NUMBER_WORDS_EN, UNITS_EN, UNITS_ZH } from '../../src/normalize/data/time-words.js';
import type { TimeInput } from '../../src/normalize/time.js';

/** The report schema's limits. */
export const OBSERVED_AT_MAX = 200;
export const LOCATION_TEXT_MAX = 500;
export const COORDINATE_TEXT_MAX = 64;
export const PRECISION_MAX = 10 * 365 * 86_400;

/** Characters that trip up text handling: lone surrogates, bidi controls, zero-width, NUL. */
export const NASTY_CHARACTERS = [
  '\ud800',
  '\udfff',
  '\udbff\udfff',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u200f',
  '\u061c',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0000',
  '\u0085',
  '\u2028',
  '\ufffd',
  '𠀀',
  '👩‍👩‍👧‍👦',
  '🇨🇳',
  'é',
  'ﷺ',
  'İ',
  'ß',
] as const;

export const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const pad = (n: number) => String(n).padStart(2, '0');

/** The arrival most properties read against: Friday 2026-11-20, 21:40 in Shanghai. */
export const RECEIVED = Date.parse('2026-11-20T13:40:00Z');

export const ZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Kathmandu',
  'America/New_York',
  'America/St_Johns',
  'Europe/London',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Pacific/Chatham',
  'Etc/GMT+12',
  'Etc/GMT-14',
  'Antarctica/Troll',
  'UTC',
] as const;
export const NOT_ZONES = [
  'Mars/Olympus',
  'utc+8',
  '',
  ' ',
  'Asia/Shanghai\u0000',
  '../../etc/passwd',
];

/** Local times next to real DST transitions (gaps, overlaps, a skipped day). */
export const DST_EDGES = [
  ['America/New_York', '2024-03-10T02:30'],
  ['America/New_York', '2024-11-03T01:30'],
  ['Europe/London', '2025-03-30T01:30'],
  ['Europe/Berlin', '2025-10-26T02:30'],
  ['Australia/Lord_Howe', '2025-10-05T02:15'],
  ['Pacific/Apia', '2011-12-30T12:00'],
  ['America/St_Johns', '2025-11-02T00:30'],
  ['Antarctica/Troll', '2025-03-30T01:30'],
] as const;

const ZH_DIGITS = '零〇一二两三四五六七八九十几好';

/** Counts as a reporter, a typo or an attacker writes them. */
export const count = fc.oneof(
  fc.nat({ max: 100 }).map(String),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.constantFrom(
    '99999999999',
    '99999999',
    '100020775',
    '200000000',
    '200000001',
    '547945',
    '547946',
    '0',
    '0.5',
    '1.5',
    '.5',
    '5.',
    '1e400',
    '-0',
  ),
  fc.stringMatching(/^[1-9]\d{0,189}$/),
  fc.stringMatching(/^\d{1,12}\.\d{1,12}$/),
  pick(Object.keys(NUMBER_WORDS_EN)),
);
export const zhCount = fc.oneof(
  count,
  fc.string({ unit: pick([...ZH_DIGITS]), minLength: 1, maxLength: 12 }),
  fc.constantFrom('一个半', '半', '两三', '十几', '几十', '三五', '好几'),
);

export const englishAgo = fc
  .tuple(count, fc.constantFrom(' ', '', '  ', ' '.repeat(150)), pick(Object.keys(UNITS_EN)))
  .chain(([n, gap, unit]) =>
    pick(['ago', 'before', 'earlier', 'back']).map((w) => `${n}${gap}${unit} ${w}`),
  );
export const chineseAgo = fc
  .tuple(
    zhCount,
    fc.constantFrom('', '个', ' ', ' '.repeat(150), ' 个 半 '),
    pick(Object.keys(UNITS_ZH)),
    pick(['前', '之前', '以前']),
  )
  .map(([n, ge, unit, ago]) => `${n}${ge}${unit}${ago}`);

export const englishWords = [
  'yesterday',
  'today',
  'tonight',
  'tomorrow',
  'last night',
  'this morning',
  'the day before yesterday',
  'last week',
  'next month',
  'last year',
  'last autumn',
  'in the winter of last year',
  'on monday',
  'last friday',
  'at midnight',
  'noon',
  'around 10 pm',
  '3:15 pm',
  '21:10',
  '12 am',
  '0:00',
  'just now',
  'about',
  'ish',
  'sometime',
  'Nov 3 2024',
  '3 March 0050',
  'Sep 13 275760',
  'year 9999',
  'December 31, 9999',
  'Feb 29',
  'the 31st',
];
export const chineseWords = [
  '昨晚十点左右',
  '三天前下午',
  '刚才',
  '大前天',
  '前天晚上',
  '今早',
  '明天',
  '上周五',
  '下个星期天',
  '去年秋天',
  '前年的冬季',
  '上个月',
  '今年',
  '凌晨12点',
  '两点半',
  '十点一刻',
  '2024年11月3日',
  '9999年12月31日',
  '0050年3月1日',
  '左右',
  '大概',
];
export const garbage = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  pick(NASTY_CHARACTERS),
  fc.constantFrom(
    '\t',
    '\n',
    ' '.repeat(150),
    '1'.repeat(150),
    '十'.repeat(100),
    '.'.repeat(100),
    ':'.repeat(60),
  ),
);

export const isoDate = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 50, 99, 100, 1970, 9999)),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`);
export const isoTime = fc
  .tuple(
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 60 }),
    fc.option(fc.stringMatching(/^\d{1,9}$/)),
  )
  .map(([h, mi, s, frac]) => `T${pad(h)}:${pad(mi)}:${pad(s)}${frac ? `.${frac}` : ''}`);
export const isoOffset = fc.oneof(
  fc.constant(''),
  fc.constant('Z'),
  fc
    .tuple(pick(['+', '-']), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 60 }))
    .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
);
export const isoText = fc.oneof(
  fc.tuple(isoDate, fc.option(isoTime), isoOffset).map(([d, t, o]) => `${d}${t ?? ''}${o}`),
  fc.constantFrom(
    '+275760-09-13',
    '+275760-09-13T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    '275760-09-13',
    '0000-01-01T00:00:00+14:00',
    '0000-01-01',
    '9999-12-31T23:59:59.999999999-18:00',
    '9999-12-31',
  ),
);

/** Real phrases, alone, combined, or inside garbage; never longer than the schema allows. */
export const observedText = fc
  .oneof(
    { weight: 3, arbitrary: englishAgo },
    { weight: 3, arbitrary: chineseAgo },
    { weight: 2, arbitrary: pick(englishWords) },
    { weight: 2, arbitrary: pick(chineseWords) },
    { weight: 2, arbitrary: isoText },
    {
      weight: 3,
      arbitrary: fc
        .array(
          fc.oneof(
            englishAgo,
            chineseAgo,
            pick(englishWords),
            pick(chineseWords),
            isoText,
            garbage,
          ),
          { minLength: 2, maxLength: 6 },
        )
        .chain((parts) => pick([' ', '', ', ', '\u3000']).map((sep) => parts.join(sep))),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: OBSERVED_AT_MAX }) },
    { weight: 1, arbitrary: fc.stringMatching(/^\d{9,13}(\.\d{1,6})?$/) },
  )
  .map((s) => s.slice(0, OBSERVED_AT_MAX));

/** Epoch numbers: ordinary, at the schema's limits, at the Date range's ends, and beyond. */
export const epochNumber = fc.oneof(
  fc.integer({ min: 0, max: 1e13 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(
    0,
    -0,
    1e11 - 1,
    1e11,
    1e13,
    8.64e12,
    8.64e15,
    -8.64e15,
    8.64e15 + 1,
    8.64e18,
    -8.64e18,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    Infinity,
    -Infinity,
    NaN,
  ),
);

export const precision = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: PRECISION_MAX }),
    fc.constantFrom(0, PRECISION_MAX, PRECISION_MAX + 1, 1e300, 0.5),
  ),
  { nil: undefined },
);

export const degrees = fc.oneof(
  fc.double({ min: -200, max: 200, noNaN: true }),
  fc.constantFrom(0, 90, -90, 180, -180, 90.0000001, -180.0000001, 1e308, -1e308, 5e-324),
);
export const point = fc.option(fc.record({ lat: degrees, lon: degrees }), { nil: null });

/** Arrival: usually now-ish; sometimes the schema's extremes or the Date range's ends. */
export const receivedAt = fc.oneof(
  { weight: 6, arbitrary: fc.constant(RECEIVED) },
  {
    weight: 2,
    arbitrary: fc.integer({
      min: Date.parse('0000-01-01T00:00:00Z'),
      max: Date.parse('9999-12-31T23:59:59Z'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Date.parse('0000-01-01T00:00:00Z'),
      Date.parse('9999-12-31T23:59:59Z'),
      8.64e15 - 1,
      -8.64e15,
      8.64e15 - 2 * 86_400_000,
      Date.parse('2024-03-10T07:00:00Z'),
      NaN,
    ),
  },
);

export const timeInput: fc.Arbitrary<TimeInput> = fc.record({
  observedAt: fc.oneof(
    { weight: 5, arbitrary: observedText },
    { weight: 1, arbitrary: epochNumber },
  ),
  timezone: fc.option(fc.oneof(pick(ZONES), pick(NOT_ZONES)), { nil: undefined }),
  precisionSeconds: precision,
  receivedAt,
  point,
});

export const coordinateText = fc
  .oneof(
    fc.string({
      unit: pick([...`0123456789 .,+-−°º˚'′’‘"″”“NSEWnsew度分秒北南东西纬经緯經`]),
      maxLength: COORDINATE_TEXT_MAX,
    }),
    fc.constantFrom(
      `34°15'39.6"N`,
      '90°N',
      '90°S',
      '180°E',
      '180°W',
      '90.0000001',
      `89°59'60"N`,
      '北纬34°15′',
      '东经108°56′',
      '-0',
      '999999999999999999999999',
    ),
  )
  .map((s) => s.slice(0, COORDINATE_TEXT_MAX));

export const placeText = fc
  .oneof(
    pick([
      "Xi'an",
      '西安',
      '西安市雁塔区',
      'New York',
      'York',
      'north gate',
      '北门',
      'Springfield',
      '34.2610 108.9420',
      `34°15'39.6"N 108°56'31.2"E`,
      'N34 15.66 E108 56.52',
      '北纬34°15′ 东经108°56′',
      '90 180',
      '-90, -180',
      '0, 0',
    ]),
    fc
      .array(fc.oneof(coordinateText, garbage, pick(["Xi'an", '西安', 'Paris', 'gate'])), {
        maxLength: 8,
      })
      .map((parts) => parts.join(' ')),
    fc.string({ unit: 'binary', maxLength: LOCATION_TEXT_MAX }),
    fc.constantFrom(
      `1${' '.repeat(LOCATION_TEXT_MAX - 2)}x`,
      `1${' '.repeat(LOCATION_TEXT_MAX - 2)}1`,
      '1 '.repeat(LOCATION_TEXT_MAX / 2),
      '1°'.repeat(LOCATION_TEXT_MAX / 2),
      'N'.repeat(LOCATION_TEXT_MAX),
      'Xi an '.repeat(LOCATION_TEXT_MAX / 6),
      '西安'.repeat(LOCATION_TEXT_MAX / 2),
    ),
  )
  .map((s) => s.slice(0, LOCATION_TEXT_MAX))
  .filter((s) => s.trim().length > 0);

export const location: fc.Arbitrary<ClaimedLocation | string> = fc.oneof(
  placeText,
  fc.record(
    {
      lat: fc.oneof(degrees, coordinateText),
      lon: fc.oneof(degrees, coordinateText),
      accuracyMeters: fc.option(fc.double({ min: 0, max: 20_037_509, noNaN: true }), {
        nil: undefined,
      }),
      text: fc.option(placeText, { nil: undefined }),
    },
    { requiredKeys: ['lat', 'lon'] },
  ),
  placeText.map((text) => ({ text })),
);
