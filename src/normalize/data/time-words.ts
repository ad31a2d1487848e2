/**
 * Words of time in English and Chinese that chrono-node does not read the way a
 * tip line needs (vague words, parts of the day, seasons, "N units ago" in
 * Chinese). Hours are local wall-clock hours; an end past 24 runs into the next day.
 */

/** Words that make a statement approximate; they widen the interval. */
export const VAGUE_EN =
  /\b(?:around|about|abt|approximately|approx\.?|roughly|circa|ca\.|sometime|some time|or so|give or take|maybe|probably|perhaps|i think|apparently)\b|-?ish\b|~/g;
/** 许 after a time is the police log's "about" (22时48分许). */
export const VAGUE_ZH = /左右|大概|大约|大致|约莫|前后|差不多|上下|估计|可能|好像|约|(?<=[分点时])许/g;

/** "just now": within `justNowSeconds` before arrival. */
export const JUST_NOW_EN =
  /\b(?:just now|right now|a moment ago|moments ago|just a moment ago|just happened|happening now|now)\b/;
export const JUST_NOW_ZH = /就在刚才|刚才|刚刚|方才|此刻|现在|正在/;

export interface Daypart {
  name: string;
  startHour: number;
  endHour: number;
  /** How a bare 12-hour clock reading inside it is read: add 12 to hours below this. */
  pmBelow: number;
}

const part = (name: string, startHour: number, endHour: number, pmBelow = 0): Daypart => ({
  name,
  startHour,
  endHour,
  pmBelow,
});

export const DAYPARTS = {
  // Parts named by the sun (SUN_PARTS) are placed from the sun at the place and date;
  // these hours are used only where no place is known, wide enough for latitudes up
  // to about 60° and zones set far from their meridian (Kashgar's sunrise in November
  // is after 09:30 Beijing time).
  dawn: part('dawn', 3, 10),
  sunrise: part('sunrise', 3, 10),
  early_morning: part('early_morning', 0, 6),
  morning: part('morning', 6, 12),
  /** "early this morning": from the small hours (police reports say it of 02:00) to 09:00. */
  morning_early: part('morning_early', 0, 9),
  forenoon: part('forenoon', 8, 12),
  noon: part('noon', 11, 14, 3),
  afternoon: part('afternoon', 12, 18, 12),
  sunset: part('sunset', 15, 23, 12),
  dusk: part('dusk', 15, 23, 12),
  early_evening: part('early_evening', 14, 23, 12),
  evening: part('evening', 18, 23, 12),
  night: part('night', 18, 30, 12),
  late_night: part('late_night', 22, 28, 12),
} as const satisfies Record<string, Daypart>;

export type DaypartName = keyof typeof DAYPARTS;

export const DAYPARTS_EN: [RegExp, DaypartName][] = [
  [/\b(?:at |in the )?(?:dawn|daybreak|first light|break of day|crack of dawn)\b/, 'dawn'],
  [/\b(?:at |around )?(?:sunrise|sunup)\b|\b(?:as |when )?the sun (?:came|comes|was coming) up\b/, 'sunrise'],
  [/\b(?:in the )?early hours\b|\bwee hours\b|\bsmall hours\b/, 'early_morning'],
  [/\b(?:in the )?early\s+(?:(?:this|in the)\s+)?morning\b/, 'morning_early'],
  [/\b(?:in the )?morning\b/, 'morning'],
  [/\b(?:at )?(?:midday|lunchtime)\b/, 'noon'],
  [/\b(?:in the )?(?:afternoon|arvo)\b/, 'afternoon'],
  [/\b(?:at |around )?sunset\b|\bsundown\b|\b(?:as |when )?the sun (?:went|goes|was going) down\b/, 'sunset'],
  [/\b(?:at )?(?:dusk|nightfall|twilight)\b|\b(?:as |when )?night fell\b|\b(?:when |as )?it (?:got|was getting|gets) dark\b/, 'dusk'],
  [/\b(?:in the )?evening\b/, 'evening'],
  [/\blate (?:at )?night\b/, 'late_night'],
  [/\b(?:at |in the )?night\b/, 'night'],
];

export const DAYPARTS_ZH: [RegExp, DaypartName][] = [
  [/凌晨/, 'early_morning'],
  [/黎明|天蒙蒙亮|天亮|拂晓|破晓|天刚亮|清晨/, 'dawn'],
  [/日出|太阳出来|太阳升起|出太阳/, 'sunrise'],
  [/早上|早晨|一早|大早/, 'morning'],
  [/上午/, 'forenoon'],
  [/中午|午饭|正午/, 'noon'],
  [/下午|午后/, 'afternoon'],
  [/日落|太阳下山|太阳落山/, 'sunset'],
  [/黄昏|天擦黑|天黑|入夜/, 'dusk'],
  [/傍晚/, 'early_evening'],
  [/半夜|深夜|午夜|后半夜/, 'late_night'],
  [/晚上|夜里|夜间|夜晚|晚间|晚(?=\s*[\d一二两三四五六七八九十])/, 'night'],
];

/**
 * Parts of the day named by the sun: each end is a sun event of suncalc (at the
 * place, on that local day) plus minutes, before the margin setting
 * (TIPWIRE_TIME_SUN_MARGIN_MINUTES) widens both ends. Dawn runs from nautical dawn
 * (sun 12° below the horizon, first light) to sunrise; dusk from sunset to nautical
 * dusk; 傍晚 ("towards evening") begins an hour before sunset.
 */
/** suncalc's names: the events that bound a part, and civil dawn and dusk that stand in. */
export type SunEvent = 'nauticalDawn' | 'dawn' | 'sunrise' | 'sunset' | 'dusk' | 'nauticalDusk';
/** The events that bound a part (SUN_PARTS). */
export type BoundingSunEvent = 'nauticalDawn' | 'sunrise' | 'sunset' | 'nauticalDusk';
export const SUN_PARTS: Partial<
  Record<DaypartName, readonly [[BoundingSunEvent, number], [BoundingSunEvent, number]]>
> = {
  dawn: [
    ['nauticalDawn', 0],
    ['sunrise', 0],
  ],
  sunrise: [
    ['sunrise', 0],
    ['sunrise', 0],
  ],
  sunset: [
    ['sunset', 0],
    ['sunset', 0],
  ],
  dusk: [
    ['sunset', 0],
    ['nauticalDusk', 0],
  ],
  early_evening: [
    ['sunset', -60],
    ['nauticalDusk', 0],
  ],
};

export const WEEKDAYS_EN = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

/** 周一 … 周日: index + 1 is the ISO weekday. */
export const WEEKDAYS_ZH = '一二三四五六日';

export const SEASONS = ['spring', 'summer', 'autumn', 'winter'] as const;
export type Season = (typeof SEASONS)[number];

export const SEASON_WORDS: Record<string, Season> = {
  spring: 'spring',
  summer: 'summer',
  autumn: 'autumn',
  fall: 'autumn',
  winter: 'winter',
  春: 'spring',
  夏: 'summer',
  秋: 'autumn',
  冬: 'winter',
};

/** First month of each season (meteorological seasons), by hemisphere. */
export const SEASON_START_MONTH: Record<'north' | 'south', Record<Season, number>> = {
  north: { spring: 3, summer: 6, autumn: 9, winter: 12 },
  south: { spring: 9, summer: 12, autumn: 3, winter: 6 },
};

export const NUMBER_WORDS_EN: Record<string, [number, number]> = {
  a: [1, 1],
  an: [1, 1],
  one: [1, 1],
  two: [2, 2],
  three: [3, 3],
  four: [4, 4],
  five: [5, 5],
  six: [6, 6],
  seven: [7, 7],
  eight: [8, 8],
  nine: [9, 9],
  ten: [10, 10],
  eleven: [11, 11],
  twelve: [12, 12],
  fifteen: [15, 15],
  twenty: [20, 20],
  thirty: [30, 30],
  forty: [40, 40],
  fifty: [50, 50],
  'a couple of': [2, 2],
  'a couple': [2, 2],
  'couple of': [2, 2],
  'a few': [2, 5],
  few: [2, 5],
  several: [3, 7],
  some: [2, 5],
};

export type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export const UNITS_EN: Record<string, TimeUnit> = {
  s: 'second',
  sec: 'second',
  secs: 'second',
  second: 'second',
  seconds: 'second',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  year: 'year',
  years: 'year',
};

export const UNITS_ZH: Record<string, TimeUnit> = {
  秒: 'second',
  秒钟: 'second',
  分: 'minute',
  分钟: 'minute',
  小时: 'hour',
  钟头: 'hour',
  天: 'day',
  日: 'day',
  周: 'week',
  星期: 'week',
  礼拜: 'week',
  月: 'month',
  年: 'year',
};

export const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Hours and minutes said in words ("quarter past nine", "nine o'clock"). */
export const CLOCK_WORDS_EN: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  'twenty-five': 25,
  'twenty five': 25,
};

/**
 * Words that say something about time, looked for in what no reader used: a phrase
 * that keeps one is flagged time.partly_read and widened to what is certain. By what
 * the unused word could change: the zone, the date, or the hour (a relation such as
 * "after" or 以后 changes the hour too).
 */
export const RESIDUE_EN: [RegExp, 'zone' | 'date' | 'hour'][] = [
  [/\b(?:utc|gmt|time ?zone)\b|(?<![\w+\u2212-])[+\u2212]\s?\d{1,2}(?::?\d{2})?\b/g, 'zone'],
  [
    /\b(?:\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?|\d{1,2}(?:st|nd|rd|th)|\d{3,4}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)[a-z]*|may|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri)(?:day)?s?|(?:satur|sun)days?|weekend|week|month|year|season|spring|summer|autumn|fall|winter|yesterday|today|tomorrow|days?)\b/g,
    'date',
  ],
  [
    /\b(?:\d+(?:[:.]\d+)*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|quarter|half|o'?clock|a\.?m\.?|p\.?m\.?|hours?|minutes?|mins?|seconds?|noon|midnight|morning|afternoon|evening|night|dawn|dusk|after|before|since|until|till|between|ago|earlier|later)\b/g,
    'hour',
  ],
];

export const RESIDUE_ZH: [RegExp, 'zone' | 'date' | 'hour'][] = [
  [/时区|[东西]\S?区|utc|gmt|[+\u2212]\s?\d{1,2}/g, 'zone'],
  [/\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?|号|號|日|月|年|周|週|星期|礼拜|禮拜|天|季|\d{3,4}/g, 'date'],
  [/[\d零〇一二两三四五六七八九十百]+|点|點|时|時|分|秒|刻|半|早|晚|午|夜|晨|前|后|後|以来/g, 'hour'],
];
