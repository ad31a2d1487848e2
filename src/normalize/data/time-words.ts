/**
 * Words of time in English and Chinese that chrono-node does not read the way a
 * tip line needs (vague words, parts of the day, seasons, "N units ago" in
 * Chinese). Hours are local wall-clock hours; an end past 24 runs into the next day.
 */

/** Words that make a statement approximate; they widen the interval. */
export const VAGUE_EN =
  /\b(?:around|about|approximately|approx\.?|roughly|circa|ca\.|sometime|some time|or so|give or take|maybe|probably|perhaps|i think|apparently)\b|-?ish\b/g;
export const VAGUE_ZH = /左右|大概|大约|大致|约莫|前后|差不多|上下|估计|可能|好像|约/g;

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
  dawn: part('dawn', 4, 7),
  early_morning: part('early_morning', 0, 6),
  morning: part('morning', 6, 12),
  forenoon: part('forenoon', 8, 12),
  noon: part('noon', 11, 14, 3),
  afternoon: part('afternoon', 12, 18, 12),
  dusk: part('dusk', 17, 20, 12),
  evening: part('evening', 18, 23, 12),
  night: part('night', 18, 30, 12),
  late_night: part('late_night', 22, 28, 12),
} as const satisfies Record<string, Daypart>;

export type DaypartName = keyof typeof DAYPARTS;

export const DAYPARTS_EN: [RegExp, DaypartName][] = [
  [/\b(?:at |in the )?dawn\b|\bdaybreak\b|\bsunrise\b/, 'dawn'],
  [/\b(?:in the )?early (?:hours|morning)\b|\bwee hours\b/, 'early_morning'],
  [/\b(?:in the )?morning\b/, 'morning'],
  [/\b(?:at )?(?:midday|lunchtime)\b/, 'noon'],
  [/\b(?:in the )?afternoon\b/, 'afternoon'],
  [/\b(?:at )?(?:dusk|sunset|nightfall)\b/, 'dusk'],
  [/\b(?:in the )?evening\b/, 'evening'],
  [/\blate (?:at )?night\b/, 'late_night'],
  [/\b(?:at |in the )?night\b/, 'night'],
];

export const DAYPARTS_ZH: [RegExp, DaypartName][] = [
  [/凌晨/, 'early_morning'],
  [/清晨|黎明|天亮|拂晓/, 'dawn'],
  [/早上|早晨|一早|大早/, 'morning'],
  [/上午/, 'forenoon'],
  [/中午|午饭|正午/, 'noon'],
  [/下午|午后/, 'afternoon'],
  [/傍晚|黄昏|天黑/, 'dusk'],
  [/半夜|深夜|午夜|后半夜/, 'late_night'],
  [/晚上|夜里|夜间|夜晚|晚间|夜里/, 'night'],
];

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
