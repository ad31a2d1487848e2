/** The store's settings: which database file. */
import { nonEmpty, setting } from '../domain/settings.js';

export const STORE_SETTINGS = {
  dbPath: setting(
    'TIPWIRE_DB',
    'Path of the SQLite database file (created with its folder if missing).',
    nonEmpty,
    './data/tipwire.db',
  ),
};
