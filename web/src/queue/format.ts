/**
 * The queue's text forms, as its views call them: the shared forms of
 * common/format.ts in the page's language now (the queue's components render again
 * when it changes).
 */
import { coordinate, formatBytes as bytesIn, percent as percentIn } from '../common/format.js';
import { currentLanguage } from '../i18n.js';

export { EXCERPT_CHARS, excerpt, localReading, utcText } from '../common/format.js';

export const formatCoord = coordinate;

export const formatBytes = (n: number | null | undefined): string =>
  typeof n === 'number' && Number.isFinite(n) ? bytesIn(n, currentLanguage()) : '?';

/** `0.873` → `87%`; null → null. */
export const percent = (p: number | null | undefined): string | null =>
  percentIn(p, currentLanguage());
