/**
 * Worker thread entry: a text's blind-index tokens, computed off the event loop.
 * The index key arrives once as workerData; the answer is the tokens laid end to
 * end in one transferred buffer.
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../platform/worker-pool.js';
import { tokensOf, type TokenizeRequest } from './search-tokenizer.js';

const { indexKey } = workerData as { indexKey: Uint8Array };
const key = Buffer.from(indexKey);

serveTasks<TokenizeRequest, ArrayBuffer>((request) => {
  const joined = Buffer.concat(tokensOf(request.text, key, request.maxTerms));
  const output = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.length);
  return { output, transfer: [output as ArrayBuffer] };
});
