/**
 * The paths a long narrative takes at intake, run once on a made-up text before `serve`
 * listens: the first long text a process sees otherwise pays V8's compilation of them
 * and the search worker's start on the event loop (measured on a 100,000-unit narrative:
 * /health waited 74–106 ms for the first, 40–58 ms for the next). Nothing is stored.
 */
import { kindsOfReport } from '../correlate/event-kind.js';
import { textSketch } from '../correlate/text-sketch.js';
import { textFactsOf, type Protection } from './new-report.js';

/** A text of `units` UTF-16 units: Han characters, emoji and ASCII words in turn. */
export function warmUpText(units: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < units; i++) {
    const part =
      i % 3 === 0
        ? String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))
        : i % 3 === 1
          ? String.fromCodePoint(0x1f600 + (i % 64))
          : ` w${i} `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, units);
}

export async function warmUpLongTexts(
  protection: Pick<Protection, 'searchTokens' | 'textSketchKey' | 'vault'>,
  units: number,
): Promise<void> {
  const text = warmUpText(units);
  // Sealed under a fresh data key and dropped: no key or text is kept.
  protection.vault.sealReport('r_warm_up', text, []);
  textFactsOf(text, null);
  kindsOfReport(null, text);
  textSketch(text, protection.textSketchKey);
  await protection.searchTokens(text);
}
