/**
 * Calls `fn` once, `waitMs` after the last of a burst of calls, with that call's
 * arguments (the map's `moveend`s while the user pans, the slider's input events).
 * `cancel` drops a pending call (the view unmounting); `flush` makes it now. The
 * timers are passed in so tests control time.
 */

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  cancel(): void;
  flush(): void;
  readonly pending: boolean;
}

const globalTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
};

export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  waitMs: number,
  timers: Timers = globalTimers,
): Debounced<A> {
  let handle: unknown = null;
  let last: A | null = null;
  const run = () => {
    handle = null;
    const args = last!;
    last = null;
    fn(...args);
  };
  const debounced = (...args: A) => {
    last = args;
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(run, Math.max(0, waitMs));
  };
  debounced.cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    last = null;
  };
  debounced.flush = () => {
    if (handle === null) return;
    timers.clearTimeout(handle);
    run();
  };
  Object.defineProperty(debounced, 'pending', { get: () => handle !== null });
  return debounced as Debounced<A>;
}
