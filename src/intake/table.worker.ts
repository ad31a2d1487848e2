/**
 * Worker thread entry: Benford's tests over an attached table (verify/benford/
 * attached-table.ts), off the event loop. The table's bytes arrive transferred; the
 * answer is plain data.
 */
import { serveTasks } from '../platform/worker-pool.js';
import { benfordOfTable, type TableBenford } from '../verify/benford/attached-table.js';
import type { TableTask } from './media-reader.js';

serveTasks<TableTask, TableBenford>(({ bytes, settings }) => ({
  output: benfordOfTable(new TextDecoder('utf-8').decode(bytes), settings),
}));
