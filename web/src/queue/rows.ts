/**
 * An ordered list of rows keyed by id, changed only by returning a new one (React
 * state): a known id is replaced where it is, a new one goes to the top or the bottom,
 * so a page merged twice, or an event for a row already shown, never duplicates it.
 */
export interface Rows<T extends { id: string }> {
  readonly ids: readonly string[];
  readonly byId: ReadonlyMap<string, T>;
}

export const emptyRows = <T extends { id: string }>(): Rows<T> => ({ ids: [], byId: new Map() });

/** Each item in place if known; the unknown ones at the top (in their order) or the bottom. */
export function upsertMany<T extends { id: string }>(
  rows: Rows<T>,
  items: readonly T[],
  where: 'top' | 'bottom',
): Rows<T> {
  if (items.length === 0) return rows;
  const byId = new Map(rows.byId);
  const added: string[] = [];
  for (const item of items) {
    if (!byId.has(item.id)) added.push(item.id);
    byId.set(item.id, item);
  }
  const ids =
    added.length === 0
      ? rows.ids
      : where === 'top'
        ? [...added, ...rows.ids]
        : [...rows.ids, ...added];
  return { ids, byId };
}

/**
 * A first page merged in its order (the server's), the rows not in it kept around it:
 * those that rank above the page's first item (newer: a live row that came before the
 * page did), or whose rank is unknown, above it; the others below, in their order.
 */
export function mergeFirstPage<T extends { id: string }>(
  rows: Rows<T>,
  items: readonly T[],
  rank: (item: T) => number,
): Rows<T> {
  if (items.length === 0) return rows;
  const byId = new Map(rows.byId);
  for (const item of items) byId.set(item.id, item);
  const inPage = new Set(items.map((i) => i.id));
  const top = rank(items[0]!);
  const above: string[] = [];
  const below: string[] = [];
  for (const id of rows.ids) {
    if (inPage.has(id)) continue;
    const r = rank(rows.byId.get(id)!);
    (Number.isNaN(r) || r > top ? above : below).push(id);
  }
  return { ids: [...above, ...inPage, ...below], byId };
}

export const upsert = <T extends { id: string }>(rows: Rows<T>, item: T, where: 'top' | 'bottom') =>
  upsertMany(rows, [item], where);

export function remove<T extends { id: string }>(rows: Rows<T>, id: string): Rows<T> {
  if (!rows.byId.has(id)) return rows;
  const byId = new Map(rows.byId);
  byId.delete(id);
  return { ids: rows.ids.filter((i) => i !== id), byId };
}

/** The row moved to `index` of the list without it (added there if new). */
export function placeAt<T extends { id: string }>(rows: Rows<T>, item: T, index: number): Rows<T> {
  const ids = rows.ids.filter((i) => i !== item.id);
  const at = Math.max(0, Math.min(index, ids.length));
  const byId = new Map(rows.byId);
  byId.set(item.id, item);
  return { ids: [...ids.slice(0, at), item.id, ...ids.slice(at)], byId };
}

/** The rows in order. */
export const listOf = <T extends { id: string }>(rows: Rows<T>): T[] =>
  rows.ids.map((id) => rows.byId.get(id)!);
