/**
 * Every part's catalogue, by namespace. A part adds its own `messages.ts` and one
 * line here; web/src/i18n.test.ts checks both languages have the same keys.
 */
import type { Catalogue } from './i18n.js';
import { incident } from './incident/messages.js';
import { queue } from './queue/messages.js';
import { map } from './map/messages.js';
import { shell } from './shell/messages.js';
import { publicPages } from './public/messages.js';
import { calltaker } from './calltaker/messages.js';
import { common } from './common/messages.js';
import { media } from './common/media-messages.js';

export const namespaces: Record<string, Catalogue> = {
  shell,
  queue,
  incident,
  public: publicPages,
  calltaker,
  map,
  common,
  media,
};
