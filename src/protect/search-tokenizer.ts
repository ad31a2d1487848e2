/**
 * Blind-index tokens for stored text (narratives, who/what, messages), with the work
 * per request bounded: a short text is tokenized at once, a long one in a worker
 * thread, so that no report, however long, holds the event loop (see blind-index.ts
 * for the terms and their cap).
 */
import { blindTokens, searchTerms, TOKEN_BYTES } from './blind-index.js';
import { createWorkerPool, type WorkerPool } from '../platform/worker-pool.js';

export interface TokenizeRequest {
  text: string;
  maxTerms: number;
}

export interface SearchTokenizerSettings {
  /** Texts up to this many UTF-16 units are tokenized on the calling thread. */
  inlineMaxChars: number;
  /** Most distinct search terms taken from one text. */
  maxTerms: number;
  /** Worker threads for longer texts. */
  workers: number;
  /** Long texts allowed to wait for a worker before intake answers 503. */
  maxQueued: number;
  /**
   * Terms whose tokens are kept in memory and reused (0: none). Only a short-lived bulk
   * import sets it: in the server, remembered words would outlive their sealed report.
   */
  cacheTerms?: number;
}

export interface SearchTokenizer {
  /** The tokens of `text`; off the event loop when the text is long. */
  tokens(text: string): Promise<Buffer[]>;
  /** The tokens of a text known to be short (bounded by its schema), on this thread. */
  tokensNow(text: string): Buffer[];
  close(): Promise<void>;
}

/** The pure step both paths share. */
export function tokensOf(text: string, key: Buffer, maxTerms: number): Buffer[] {
  return blindTokens(searchTerms(text, maxTerms), key);
}

/** Splits the worker's answer back into tokens. */
function splitTokens(joined: ArrayBuffer): Buffer[] {
  const all = Buffer.from(joined);
  const tokens: Buffer[] = [];
  for (let at = 0; at + TOKEN_BYTES <= all.length; at += TOKEN_BYTES) {
    tokens.push(all.subarray(at, at + TOKEN_BYTES));
  }
  return tokens;
}

export function createSearchTokenizer(deps: {
  indexKey: Buffer;
  settings: SearchTokenizerSettings;
  /** The compiled search-worker.js. */
  workerScript: () => URL;
}): SearchTokenizer {
  const { indexKey, settings } = deps;
  let pool: WorkerPool<TokenizeRequest, ArrayBuffer> | null = null;
  // Started on the first long text: most commands never need it.
  const workers = () =>
    (pool ??= createWorkerPool<TokenizeRequest, ArrayBuffer>({
      script: deps.workerScript(),
      size: settings.workers,
      maxQueued: settings.maxQueued,
      workerData: { indexKey: new Uint8Array(indexKey) },
    }));
  const cacheTerms = settings.cacheTerms ?? 0;
  const cache = new Map<string, Buffer>();
  /** Like blindTokens, through the cache; a full cache starts again empty. */
  const cachedTokens = (terms: string[]) =>
    terms.map((term) => {
      let token = cache.get(term);
      if (token === undefined) {
        [token] = blindTokens([term], indexKey) as [Buffer];
        if (cache.size >= cacheTerms) cache.clear();
        cache.set(term, token);
      }
      return token;
    });
  const tokensNow = (text: string) =>
    cacheTerms > 0
      ? cachedTokens(searchTerms(text, settings.maxTerms))
      : tokensOf(text, indexKey, settings.maxTerms);

  return {
    async tokens(text) {
      if (text.length <= settings.inlineMaxChars) return tokensNow(text);
      return splitTokens(await workers().run({ text, maxTerms: settings.maxTerms }));
    },
    tokensNow,
    async close() {
      await pool?.close();
      pool = null;
    },
  };
}
