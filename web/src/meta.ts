/**
 * The server's code catalogue (GET /api/v1/meta): flag meanings, statuses, queues,
 * stages, channels, roles and event kinds in English and Chinese. The type is the
 * server's own answer type; the page keeps no copy of any label.
 */
import type { metaAnswer } from '../../src/server/routes/meta.js';
import { call } from './api.js';
import type { Language } from './i18n.js';

export type Meta = ReturnType<typeof metaAnswer>;
/** One entry of a labelled list (statuses, queues, stages, channels, roles…). */
export interface Labelled {
  code: string;
  en: string;
  zh: string;
}

let loaded: Promise<Meta> | null = null;

/** Fetched once per page (the browser revalidates it by its ETag). */
export function loadMeta(): Promise<Meta> {
  loaded ??= call<Meta>('meta').catch((err: unknown) => {
    loaded = null;
    throw err;
  });
  return loaded;
}

/** A code's label from one of the catalogue's lists; the code itself if unknown. */
export function labelOf(
  list: readonly (Pick<Labelled, 'en' | 'zh'> & { code: string })[],
  code: string,
  lng: Language,
): string {
  const item = list.find((l) => l.code === code);
  return item ? item[lng] : code;
}

/** A flag's or finding's meaning; the code itself if the catalogue does not know it. */
export function flagText(meta: Meta, code: string, lng: Language): string {
  const f = (meta.flags as Record<string, { en: string; zh: string } | undefined>)[code];
  return f ? f[lng] : code;
}

export function kindText(meta: Meta, code: string, lng: Language): string {
  const k = (meta.eventKinds as Record<string, { en: string; zh: string } | undefined>)[code];
  return k ? k[lng] : code;
}
