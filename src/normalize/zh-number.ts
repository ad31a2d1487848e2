/**
 * Numbers written in Chinese characters or digits, as counts: 三 → 3, 十五 → 15, 两三 →
 * 2–3 (vague). Used by the time reader (三天前, 十点) and the zone reader (东八区).
 */

/** The value of each Chinese digit. */
export const ZH_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** A count: its least and greatest value, and whether it was said vaguely (几, 两三). */
export interface Count {
  min: number;
  max: number;
  vague: boolean;
}

/** A count written in digits: 3, 15, 1.5. */
export function decimal(text: string): Count | null {
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return { min: n, max: n, vague: false };
}

/** 三 → 3, 十五 → 15, 二十 → 20, 几 → 2–9, 两三 → 2–3, 十几 → 11–19, 1.5 → 1.5. */
export function zhNumber(text: string): Count | null {
  const written = decimal(text);
  if (written) return written;
  if (text === '几' || text === '好几') return { min: 2, max: 9, vague: true };
  if (text === '十几') return { min: 11, max: 19, vague: true };
  if (text === '几十') return { min: 20, max: 90, vague: true };
  // Two neighbouring digits (两三, 七八) or 三五: a vague count between them.
  const digits = [...text].map((c) => ZH_DIGITS[c] ?? Number.NaN);
  const [a = Number.NaN, b = Number.NaN] = digits;
  if (digits.length === 2 && (b === a + 1 || (a === 3 && b === 5))) {
    return { min: a, max: b, vague: true };
  }
  const m = /^([一二两三四五六七八九])?(十)?([一二两三四五六七八九])?$/.exec(text);
  if (!m) return null;
  const [, tens, ten, ones] = m;
  let n: number;
  if (ten) n = (tens ? ZH_DIGITS[tens]! : 1) * 10 + (ones ? ZH_DIGITS[ones]! : 0);
  else if (tens && !ones) n = ZH_DIGITS[tens]!;
  else return null;
  return { min: n, max: n, vague: false };
}
