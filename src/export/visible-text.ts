/**
 * Text from a reporter shown as a label (an attachment's file name): control and
 * invisible format characters — right-to-left overrides, zero-width spaces and
 * joiners, bidi isolates — are written out as `<U+202E>`, so `invoice‮fdp.exe` cannot
 * pass for `invoiceexe.pdf`. The original stays sealed as evidence.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const EVERY_HIDDEN = new RegExp(HIDDEN.source, 'gu');

const codePoint = (c: string) =>
  `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;

export function visibleLabel(text: string): string {
  return text.replace(EVERY_HIDDEN, codePoint);
}

/** Whether the text holds characters that `visibleLabel` writes out. */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text);
}
