/**
 * Defanged indicators back to their live form, keeping where each character came
 * from, so that an observable found in the refanged text is reported with its span in
 * the text as written.
 *
 * Refanged (any case): `hxxp`/`hxxps` before `://` (or its defanged forms) → http/https;
 * `[:]//` and `[://]` → `://`; `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `{dot}` → `.`, and
 * `[@]`, `[at]`, `(at)`, `{at}` → `@`, each with the spaces inside the brackets and one
 * on either side ("evil [dot] com"); `\.` → `.`. Words without brackets ("evil dot com",
 * "john at example") are not refanged: in ordinary sentences they are far more often
 * words than indicators.
 */

const DEFANGED = new RegExp(
  [
    String.raw`(?<scheme>[hH](?:xx|XX|xX|Xx)[pP])(?=[sS]?(?:\[:\]\/\/|\[:\/\/\]|:\/\/))`,
    String.raw`(?<colon>\[:\]\/\/|\[:\/\/\])`,
    String.raw`(?<dot> ?[\[({] *(?:\.|[dD][oO][tT]) *[\])}] ?|\\\.)`,
    String.raw`(?<at> ?[\[({] *(?:@|[aA][tT]) *[\])}] ?)`,
  ].join('|'),
  'g',
);

export interface Refanged {
  text: string;
  /** For each character of `text`, the span of the original it came from. */
  from: Int32Array;
  to: Int32Array;
}

export function refang(original: string): Refanged {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let copied = 0;
  const copy = (end: number) => {
    text += original.slice(copied, end);
    for (let i = copied; i < end; i++) {
      from.push(i);
      to.push(i + 1);
    }
    copied = end;
  };
  for (const match of original.matchAll(DEFANGED)) {
    const g = match.groups!;
    const replacement = g.scheme ? 'http' : g.colon ? '://' : g.dot ? '.' : '@';
    copy(match.index);
    const end = match.index + match[0].length;
    text += replacement;
    for (let i = 0; i < replacement.length; i++) {
      from.push(match.index);
      to.push(end);
    }
    copied = end;
  }
  copy(original.length);
  return { text, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** The span of the original text that the refanged span [start, end) came from. */
export function originalSpan(
  refanged: Refanged,
  start: number,
  end: number,
): { start: number; end: number } {
  return { start: refanged.from[start]!, end: refanged.to[end - 1]! };
}

/**
 * An indicator made safe to show (not clickable), the usual way: hxxp, [://], [.],
 * [at]. `refang` undoes it.
 */
export function defang(value: string): string {
  return value
    .replace(/^http(?=s?:\/\/)/i, 'hxxp')
    .replace('://', '[://]')
    .replaceAll('.', '[.]')
    .replaceAll('@', '[at]');
}
