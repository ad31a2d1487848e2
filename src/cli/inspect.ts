/**
 * `tipwire inspect FILE…`: what intake reads from an attachment's bytes, as JSON: the
 * type its magic bytes say, its pixel size from the header, why it would be refused,
 * its camera metadata (ExifFacts), and on top `takenAt` (ISO 8601 with the offset it
 * was read in, else the camera's local time without one) and `gps` ({lat, lon} or
 * null). `--type` is the media type the sender would declare (default: none). The
 * settings are the media block's (TIPWIRE_MEDIA_MAX_BYTES…); the GPS position's zone
 * comes from normalize's zone finder. Several files give a JSON array, in their order.
 * The rules are verify/media/'s.
 */
import type { Command } from 'commander';
import { openSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import type { MediaFacts } from '../domain/media.js';
import { createZoneFinder } from '../normalize/zone-finder.js';
import { pointZoneAt } from '../normalize/zones.js';
import { mediaFactsOf, tooLarge } from '../verify/media/media-facts.js';
import { configFrom, ExitError } from './shared.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2002-07-13T15:58:28+01:00` (milliseconds when it has some), `…Z` at offset 0. */
export function isoWithOffset(at: number, offsetMinutes: number): string {
  const local = new Date(at + offsetMinutes * 60_000).toISOString();
  const wall = at % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23);
  if (offsetMinutes === 0) return `${wall}Z`;
  const abs = Math.abs(offsetMinutes);
  return `${wall}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function inspectView(facts: MediaFacts) {
  const exif = facts.exif;
  const takenAt =
    exif?.takenAt != null && exif.takenAtOffsetMinutes !== null
      ? isoWithOffset(exif.takenAt, exif.takenAtOffsetMinutes)
      : (exif?.localTime ?? null);
  return {
    detectedType: facts.detectedType,
    width: facts.width,
    height: facts.height,
    rejected: facts.rejected,
    takenAt,
    gps: exif?.gps ? { lat: exif.gps.lat, lon: exif.gps.lon } : null,
    exif,
  };
}

/** The file's bytes, or only its head when it is over the limit; an error naming the file otherwise. */
function readBytes(file: string, maxBytes: number): { bytes: Buffer; size: number } {
  try {
    const size = statSync(file).size;
    if (size <= maxBytes) return { bytes: readFileSync(file), size };
    const head = Buffer.alloc(64);
    const fd = openSync(file, 'r');
    try {
      const n = readSync(fd, head, 0, head.length, 0);
      return { bytes: head.subarray(0, n), size };
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ExitError(`cannot read ${file}: ${reason}`, 1);
  }
}

export function inspectCommand(program: Command) {
  program
    .command('inspect')
    .description(
      'what intake reads from a file: its type by magic bytes, pixel size, refusal, camera metadata (EXIF), as JSON',
    )
    .argument('<files...>', 'the file (a photo, a document…); several give a JSON array')
    .option(
      '--type <media-type>',
      'the media type a sender would declare for it (image/jpeg…); default: none',
      '',
    )
    .action(async (files: string[], opts: { type: string }) => {
      const settings = configFrom({}).verify;
      const zoneAt = pointZoneAt(createZoneFinder());
      const views = [];
      for (const file of files) {
        const { bytes, size } = readBytes(file, settings.mediaMaxBytes);
        const facts =
          size > settings.mediaMaxBytes
            ? tooLarge(bytes, size, settings.mediaMaxBytes)
            : await mediaFactsOf(bytes, opts.type, settings, zoneAt);
        views.push(inspectView(facts));
      }
      console.log(JSON.stringify(files.length === 1 ? views[0] : views, null, 2));
    });
}
