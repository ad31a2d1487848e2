/**
 * The repeat-dialer rule, a pure function over one caller's calls: a caller who
 * calls more than `maxCallsInRow` times in a row — each call within `windowMs` of
 * the one before — is flagged from the call that crosses the line onwards, until a
 * gap longer than the window ends the run. Judged on arrival times in time order,
 * whatever order the calls were stored in (imports), so the answer is the same
 * however the history was assembled.
 */
import { FLAG } from '../domain/flags.js';

export const REPEAT_DIALER_FLAG = FLAG.abuse.repeat_dialer;

export interface RepeatRule {
  /** Calls in a row that are still fine (the seed's "3 times"). */
  maxCallsInRow: number;
  /** Longest gap between two calls of one run. */
  windowMs: number;
}

export function repeatDialerCalls(
  calls: { id: string; receivedAt: number }[],
  rule: RepeatRule,
): Set<string> {
  // Stryker disable next-line EqualityOperator: two calls have the same id only when they are the same call
  const ordered = [...calls].sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1));
  const flagged = new Set<string>();
  let run = 0;
  ordered.forEach((call, i) => {
    const previous = ordered[i - 1];
    run = previous && call.receivedAt - previous.receivedAt <= rule.windowMs ? run + 1 : 1;
    if (run > rule.maxCallsInRow) flagged.add(call.id);
  });
  return flagged;
}
