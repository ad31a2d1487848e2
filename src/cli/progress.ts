/**
 * Progress of a long command on stderr: a bar redrawn in place on a terminal, one
 * plain line every few seconds otherwise (a log file, CI). `formatProgress` is pure;
 * the reporter gets its clock and its stream passed in. Never prints a report's
 * content: counts, rates and times only.
 */

export interface ProgressState {
  /** What is being counted, e.g. "import" or "pipeline". */
  label: string;
  /** Items done (lines read, reports processed). */
  done: number;
  /** Name of the items, plural: "lines", "reports". */
  unit: string;
  /** How far along, 0..1, when the total is known (bytes of a file, jobs queued). */
  fraction: number | null;
  elapsedMs: number;
  /** A count worth a mention at the end of the line (`3 updated`), if any. */
  note?: string | null;
}

const BAR_WIDTH = 24;

/** 12345 → "12,345". */
const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** Seconds → "45s", "3m05s", "1h02m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One line: `import [#####-----] 41% 12,345 lines 4,100 lines/s ETA 5s`. The bar and
 * the ETA only when the fraction is known; the ETA once something was done; the note
 * (`, 3 updated`) last.
 */
export function formatProgress(p: ProgressState, bar: boolean): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.done / seconds : 0;
  const parts = [p.label];
  if (p.fraction !== null) {
    const f = Math.min(1, Math.max(0, p.fraction));
    const filled = Math.round(f * BAR_WIDTH);
    if (bar) parts.push(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`);
    parts.push(`${Math.floor(f * 100)}%`);
  }
  parts.push(`${count(p.done)} ${p.unit}`, `${count(rate)} ${p.unit}/s`);
  if (p.fraction !== null && p.fraction > 0 && p.fraction < 1) {
    parts.push(`ETA ${formatDuration((seconds * (1 - p.fraction)) / p.fraction)}`);
  } else {
    parts.push(`${formatDuration(seconds)} elapsed`);
  }
  return p.note ? `${parts.join(' ')}, ${p.note}` : parts.join(' ');
}

export interface ProgressOptions {
  /** Where to write; a terminal gets a bar redrawn in place. */
  out: { write(text: string): unknown; isTTY?: boolean };
  /** Monotonic milliseconds. */
  now: () => number;
  /** Least time between two redraws of the bar on a terminal. */
  redrawMs: number;
  /** Least time between two plain lines when `out` is not a terminal. */
  lineIntervalMs: number;
}

/** A reporter for one phase: `update` as often as you like, `done` once at the end. */
export function createProgress(label: string, unit: string, options: ProgressOptions) {
  const { out, now } = options;
  const tty = out.isTTY === true;
  const started = now();
  const interval = tty ? options.redrawMs : options.lineIntervalMs;
  let lastAt = started;
  /** Items done at the last line written; null before the first. */
  let shown: number | null = null;

  const line = (done: number, fraction: number | null, note?: string | null) =>
    formatProgress({ label, unit, done, fraction, elapsedMs: now() - started, note }, tty);

  return {
    update(done: number, fraction: number | null, note?: string | null) {
      const at = now();
      if (at - lastAt < interval) return;
      lastAt = at;
      const text = line(done, fraction, note);
      // \r and clear-to-end: a shorter line leaves nothing of the longer one behind.
      out.write(tty ? `\r${text}\x1b[K` : `${text}\n`);
      shown = done;
    },
    done(done: number, fraction: number | null, note?: string | null) {
      // A terminal keeps the final bar; a log gets a last line if it had others before
      // and the last of them is not already this one.
      if (tty) out.write(`\r${line(done, fraction, note)}\x1b[K\n`);
      else if (shown !== null && shown !== done) out.write(`${line(done, fraction, note)}\n`);
    },
  };
}
