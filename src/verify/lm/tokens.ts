/**
 * The language model's tokens: a text → sentences → tokens, the same way for training
 * and for scoring.
 *
 * - NFKC first (full-width Ａ１ → A1), then lower case.
 * - Sentences end at . ! ? ; and a line break, and always at 。！？；… (Chinese stops
 *   need no following space); a full stop ends one only before a space or the end, so
 *   "3.5 km" and "evil.com" stay whole.
 * - Each Han character is one token (Chinese is written without spaces: characters,
 *   not words, as the issue asks). Any other run of letters, marks and digits is one
 *   word, an apostrophe inside it kept ("don't", "driver’s" → "driver's").
 * - A word made only of digits is `<num>`: numbers are almost never in the training
 *   text, and which number it is says nothing of how the text was written.
 * - Punctuation and symbols are dropped.
 *
 * Mixed text ("我在 Main Street 看到无人机") gives both kinds in one sequence:
 * 我 在 main street 看 到 无 人 机; the model is one model over both.
 */

/** Tokens written in place of every number (digits only). */
export const NUMBER_TOKEN = '<num>';

const HAN = /\p{Script=Han}/u;
/**
 * Sentence ends: Chinese stops anywhere, Latin ones before a space, line breaks (a stop
 * at the very end needs no split: punctuation is dropped anyway).
 */
const SENTENCE_END = /[。！？；…\n]|[.!?;](?=\s)/u;
/** A Han character, or a run of other letters, marks and digits with inner apostrophes. */
const TOKEN =
  /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+(?:'(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+)*/gu;
const ALL_DIGITS = /^\p{N}+$/u;

/** The tokens of one sentence (no sentence splitting). */
export function tokensOf(sentence: string): string[] {
  const text = sentence.normalize('NFKC').toLowerCase().replaceAll('’', "'");
  const tokens: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    tokens.push(ALL_DIGITS.test(token) ? NUMBER_TOKEN : token);
  }
  return tokens;
}

/** The text's sentences as token lists; sentences without a token are left out. */
export function sentencesOf(text: string): string[][] {
  return text
    .split(SENTENCE_END)
    .map(tokensOf)
    .filter((tokens) => tokens.length > 0);
}

/** Whether a token is a Han character (how the text's language is told). */
export const isHanToken = (token: string): boolean => HAN.test(token);

/** `zh` when at least half the tokens are Han characters, else `en`. */
export function languageOf(tokens: readonly string[]): 'en' | 'zh' {
  const han = tokens.filter(isHanToken).length;
  return han * 2 >= tokens.length && han > 0 ? 'zh' : 'en';
}
