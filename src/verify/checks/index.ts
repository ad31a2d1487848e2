/**
 * The registered checks, in the order they run. A new check is a new file in this
 * folder and one line here.
 */
import type { Check } from '../check.js';
import { benfordCheck } from '../benford/benford.check.js';
import { perplexityCheck } from '../lm/perplexity.check.js';
import { mediaReuseCheck } from '../near-dup/media-reuse.check.js';
import { SUN_CHECKS } from '../sun/sun.checks.js';
import { attachmentCheck } from './attachment.check.js';
import { exifCheck } from './exif.check.js';
import { timeSourcesCheck } from './time-sources.check.js';

export const CHECKS: readonly Check[] = [
  timeSourcesCheck,
  exifCheck,
  attachmentCheck,
  mediaReuseCheck,
  benfordCheck,
  perplexityCheck,
  ...SUN_CHECKS,
];
