/** The store contract over the embedded SQLite store: a fresh database file per test. */
import { describeStoreContract } from './contract.js';
import { openSqlite } from './open-sqlite.js';

describeStoreContract('sqlite', openSqlite);
