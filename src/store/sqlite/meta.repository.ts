/** Facts about the database itself, in its `meta` table (ids and fingerprints, no secrets). */
import type { MetaRepository } from '../store.js';
import type { Db } from './database.js';

export function createMetaRepository(db: Db): MetaRepository {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const set = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const remove = db.prepare('DELETE FROM meta WHERE key = ?');
  const anyData = db.prepare('SELECT 1 FROM reports UNION ALL SELECT 1 FROM audit_log LIMIT 1');
  return {
    get: (key) => (get.get(key) as string | undefined) ?? null,
    set(key, value) {
      set.run(key, value);
    },
    delete(key) {
      remove.run(key);
    },
    holdsData: () => anyData.get() !== undefined,
  };
}
