/**
 * The reading of new reports' text, after they are stored: intake never waits for it.
 * A report arrives with its text `pending`; this takes the oldest pending ones in
 * batches, opens their narrative and who/what (the vault, on this thread: decryption
 * only), has the text worker score and search them (text-analyzer.ts), and stores the
 * score, the observables (sealed, phone numbers as caller pseudonyms) and their tokens.
 * When the score gives a finding under today's settings, the report is verified again
 * (its next pass from the verify stage, so its incident's confidence follows); otherwise
 * the pipeline is left alone, which is the usual case. Heavy work, put off under load:
 * while the pipeline is behind (TIPWIRE_VERIFY_DEFER_HEAVY_LAG_MS) a turn reads nothing. Durable: a report stays pending
 * until its result is written, so a crash only repeats the work. A text the worker could
 * not read is marked failed (with the reason's code logged, never the text).
 */
import type { ObservableToken } from '../domain/report.js';
import type { TextScoreFacts } from '../domain/text.js';
import type { Vault } from '../protect/vault.js';
import type { AsyncStore, StoreTx } from '../store/port.js';
import { sealedObservables, type Protection } from './new-report.js';

export interface TextBacklogDeps {
  store: Pick<AsyncStore, 'reports' | 'transaction'>;
  vault: Pick<Vault, 'openNarrative' | 'openSubjects' | 'sealObservables'>;
  protection: Pick<Protection, 'analyzeText' | 'pseudonymsOf' | 'observableToken'>;
  /** Whether a score gives a finding under the settings in effect (the perplexity check). */
  judges(score: TextScoreFacts): boolean;
  /** Queues the report's verification again (its next pass), in the transaction. */
  reverify(tx: StoreTx, reportId: string): Promise<void>;
  /** Reports read per batch (one transaction writes a batch). */
  batch: number;
  /** How long one drain may go on taking batches (ms); the rest waits for the next turn. */
  budgetMs: number;
  /**
   * How long the oldest due pipeline job has waited (ms): while it is more than
   * `deferLagMs`, a turn reads nothing (the reading is heavy work; correlation goes first).
   */
  backlogLagMs(): Promise<number>;
  deferLagMs: number;
  clock: () => number;
  onFailed?: (reportId: string, code: string) => void;
}

/** Reports read per batch: one transaction writes them (64 short texts: about 0.1 s of worker time). */
export const TEXT_BACKLOG_BATCH = 64;
/** How long one turn of the job goes on taking batches before it yields to the next turn. */
export const TEXT_BACKLOG_BUDGET_MS = 1000;

interface Result {
  id: string;
  version: number;
  textScore: TextScoreFacts | null;
  observables: Buffer | null;
  tokens: ObservableToken[];
  state: 'done' | 'failed';
}

export function createTextBacklog(deps: TextBacklogDeps) {
  const { store, vault, protection } = deps;

  async function read(row: Awaited<ReturnType<typeof store.reports.pendingText>>[number]) {
    const failed = (code: string): Result => {
      deps.onFailed?.(row.id, code);
      // Stryker disable next-line ArrayDeclaration: a token that is not {type, token} is not stored (INSERT OR IGNORE of a NULL token), the same as none
      return { ...row, textScore: null, observables: null, tokens: [], state: 'failed' };
    };
    let narrative: string;
    let subjects: string | null;
    try {
      const report = { id: row.id, sealed: row.sealed };
      narrative = vault.openNarrative(report);
      subjects = vault.openSubjects(report);
    } catch (err) {
      return failed((err as { code?: string }).code ?? 'unreadable');
    }
    const analysis = await protection.analyzeText(narrative, subjects);
    if (!analysis) return failed('text_worker_unavailable');
    const { sealed, tokens } = sealedObservables(
      { id: row.id, dataKey: row.sealed.dataKey },
      analysis.observables,
      protection,
      vault,
    );
    return {
      id: row.id,
      version: row.version,
      textScore: analysis.score,
      observables: sealed,
      tokens,
      state: 'done',
    } satisfies Result;
  }

  return {
    /** Reads pending texts, batch after batch, within the time budget; returns how many. */
    async drain(): Promise<number> {
      if ((await deps.backlogLagMs()) > deps.deferLagMs) return 0;
      const until = deps.clock() + deps.budgetMs;
      let total = 0;
      for (;;) {
        const rows = await store.reports.pendingText(deps.batch);
        // Stryker disable next-line ConditionalExpression: an empty batch writes nothing and ends the loop below anyway
        if (rows.length === 0) return total;
        const results = await Promise.all(rows.map(read));
        await store.transaction(async (tx) => {
          for (const r of results) {
            const written = await tx.reports.setTextAnalysis(r.id, r.version, r);
            if (written && r.textScore && deps.judges(r.textScore)) await deps.reverify(tx, r.id);
          }
        });
        total += rows.length;
        // Stryker disable next-line ConditionalExpression: without the short-batch test the next turn finds none pending and returns the same total
        if (rows.length < deps.batch || deps.clock() >= until) return total;
        // Let the event loop run between batches: a batch whose texts all fail to open awaits
        // only the store's resolved promises, so a turn would hold the loop for up to its
        // whole budget (bench:incident-assign's v1 stores, with unreadable copied texts).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  };
}
