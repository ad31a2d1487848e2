/**
 * Worker thread entry: Benford's tests over an attached table, a CSV or an XLSX workbook
 * (verify/benford/attached-table.ts), off the event loop. The table's bytes arrive
 * transferred; the answer is plain data.
 */
import { serveTasks } from '../platform/worker-pool.js';
import {
  benfordOfTable,
  benfordOfXlsx,
  type TableBenford,
} from '../verify/benford/attached-table.js';
import type { TableTask } from './media-reader.js';

serveTasks<TableTask, TableBenford>(({ bytes, format, settings }) => ({
  output:
    format === 'xlsx'
      ? benfordOfXlsx(bytes, settings)
      : benfordOfTable(new TextDecoder('utf-8').decode(bytes), settings),
}));
