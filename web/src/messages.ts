/**
 * Every part's catalogue, by namespace. A part adds its own `messages.ts` and one
 * line here; test/web-i18n.test.ts checks both languages have the same keys.
 */
import type { Catalogue } from './i18n.js';
import { incident } from './incident/messages.js';
import { map } from './map/messages.js';
import { shell } from './shell/messages.js';

export const namespaces: Record<string, Catalogue> = { shell, incident, map };
