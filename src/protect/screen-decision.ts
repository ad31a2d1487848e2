/**
 * The screen stage's decision, a pure function: given every call of one caller and
 * the repeat-dialer rule (abuse.ts), which of those calls must gain or lose the
 * `abuse.repeat_dialer` flag, and the queue each then belongs in (flagged: abuse;
 * otherwise the analysts'). Calls whose verdict did not change are left alone.
 */
import type { FlagCode } from '../domain/flags.js';
import type { Queue } from '../domain/report.js';
import { repeatDialerCalls, REPEAT_DIALER_FLAG, type RepeatRule } from './abuse.js';

export interface ScreenedCall {
  id: string;
  receivedAt: number;
  flags: readonly string[];
}

export interface ScreenChange {
  id: string;
  /** The flags of the `abuse` family the call carries from now on. */
  abuseFlags: FlagCode[];
  queue: Queue;
}

export function decideScreening(calls: readonly ScreenedCall[], rule: RepeatRule): ScreenChange[] {
  const flagged = repeatDialerCalls([...calls], rule);
  const changes: ScreenChange[] = [];
  for (const call of calls) {
    const isFlagged = flagged.has(call.id);
    if (isFlagged === call.flags.includes(REPEAT_DIALER_FLAG)) continue;
    changes.push({
      id: call.id,
      abuseFlags: isFlagged ? [REPEAT_DIALER_FLAG] : [],
      queue: isFlagged ? 'abuse' : 'analyst',
    });
  }
  return changes;
}
