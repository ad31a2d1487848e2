/**
 * The correlate rule's settings: how far a report's place and time may stretch to be
 * one event with an incident, what makes a report too vague to glue incidents, how
 * many candidates a search may bring, and the profile (extent, duration) of each kind.
 */
import { z } from 'zod';
import { intIn, numberIn, setting } from '../domain/settings.js';
import { EVENT_KIND_CODES, type EventKind } from '../domain/event-kinds.js';

/** How far an event of a kind spreads and how long it lasts. */
export interface KindProfile {
  extentMeters: number;
  durationMinutes: number;
}

/** `*` is the profile of a report or incident that names no kind. */
export type KindProfiles = Readonly<Record<EventKind | '*', KindProfile>>;

export const DEFAULT_KIND_PROFILES: KindProfiles = {
  '*': { extentMeters: 150, durationMinutes: 90 },
  fire: { extentMeters: 250, durationMinutes: 240 },
  explosion: { extentMeters: 350, durationMinutes: 120 },
  gas_leak: { extentMeters: 200, durationMinutes: 240 },
  gunfire: { extentMeters: 350, durationMinutes: 45 },
  assault: { extentMeters: 120, durationMinutes: 45 },
  theft: { extentMeters: 120, durationMinutes: 60 },
  vandalism: { extentMeters: 120, durationMinutes: 90 },
  intrusion: { extentMeters: 150, durationMinutes: 90 },
  surveillance: { extentMeters: 120, durationMinutes: 180 },
  suspicious_vehicle: { extentMeters: 150, durationMinutes: 240 },
  suspicious_person: { extentMeters: 120, durationMinutes: 90 },
  drone: { extentMeters: 500, durationMinutes: 60 },
  suspicious_package: { extentMeters: 100, durationMinutes: 180 },
  traffic_accident: { extentMeters: 120, durationMinutes: 120 },
  flood: { extentMeters: 300, durationMinutes: 480 },
  crowd: { extentMeters: 300, durationMinutes: 300 },
  medical: { extentMeters: 100, durationMinutes: 60 },
  routine: { extentMeters: 100, durationMinutes: 120 },
};

/** `kind=metres/minutes` pairs, comma-separated, overriding the defaults: `fire=500/300,*=250/60`. */
const kindProfiles = z.string().transform((text, ctx): KindProfiles => {
  const out: Record<string, KindProfile> = { ...DEFAULT_KIND_PROFILES };
  for (const part of text.split(',')) {
    // A part that does not read leaves the kind '' (no kind): refused below.
    // Stryker disable StringLiteral,ArrayDeclaration: any other text in its place is no kind either, refused the same way
    const [, kind = '', extent, duration] =
      /^\s*([a-z_*]+)\s*=\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(part) ?? [];
    // Stryker restore StringLiteral,ArrayDeclaration
    if (kind !== '*' && !(EVENT_KIND_CODES as string[]).includes(kind)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${part.trim().slice(0, 40)}" must be kind=metres/minutes with a kind of ${['*', ...EVENT_KIND_CODES].join(', ')}`,
      });
      return z.NEVER;
    }
    const extentMeters = Number(extent);
    const durationMinutes = Number(duration);
    if (
      extentMeters < 1 ||
      extentMeters > 100_000 ||
      durationMinutes < 1 ||
      durationMinutes > 10_080
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `${kind}: extent must be 1–100000 m and duration 1–10080 minutes`,
      });
      return z.NEVER;
    }
    out[kind] = { extentMeters, durationMinutes };
  }
  return out as KindProfiles;
});

export const CORRELATE_SETTINGS = {
  kindProfiles: setting(
    'TIPWIRE_CORRELATE_KIND_PROFILES',
    'How far an event of each kind spreads and how long it lasts, as kind=metres/minutes pairs overriding the defaults (`*`: no kind named), e.g. fire=500/300,*=250/60.',
    kindProfiles,
    DEFAULT_KIND_PROFILES,
  ),
  tolerance: setting(
    'TIPWIRE_CORRELATE_TOLERANCE',
    'How many times its stated accuracy and time precision a witness may be off and still be one event with an incident.',
    numberIn(0.5, 10),
    1.5,
  ),
  timeSlackMinutes: setting(
    'TIPWIRE_CORRELATE_TIME_SLACK_MINUTES',
    'Minutes added on each side of every observation interval before comparing (clocks and rounding).',
    numberIn(0, 1440),
    5,
  ),
  unstatedTimeMinutes: setting(
    'TIPWIRE_CORRELATE_UNSTATED_TIME_MINUTES',
    'A report that states no time (or none that could be read) is taken to describe the last this many minutes before it was received.',
    numberIn(1, 10_080),
    240,
  ),
  copyWindowHours: setting(
    'TIPWIRE_CORRELATE_COPY_WINDOW_HOURS',
    'A vague report whose text is near-identical (TIPWIRE_CORRELATE_DUPLICATE_TEXT_SIMILARITY) to a report received at most this many hours before or after it joins that report’s incident: a copy of one message. The same both ways, so an import lists its lines in any order; a message sent again later than this is a campaign of its own.',
    numberIn(0, 720),
    48,
  ),
  seenFromAfarMeters: setting(
    'TIPWIRE_CORRELATE_SEEN_FROM_AFAR_METERS',
    'A report whose text says its sender saw or heard the event from afar (“in the distance”, “a few blocks north of me”, “远处”, “两条街外”; correlate/seen-from-afar.ts) places the event within this many metres of the point it gives, the sender’s own: its accuracy is taken as at least this, so it is vague. 0: such words change nothing.',
    numberIn(0, 100_000),
    2000,
  ),
  defaultAccuracyMeters: setting(
    'TIPWIRE_CORRELATE_DEFAULT_ACCURACY_METERS',
    'The accuracy assumed for a stored point that has none. Points normalized now always have one (for a point stated without it, see TIPWIRE_PLACE_UNSTATED_ACCURACY_METERS).',
    numberIn(1, 100_000),
    100,
  ),
  vagueAccuracyMeters: setting(
    'TIPWIRE_CORRELATE_VAGUE_ACCURACY_METERS',
    'A report whose place is less accurate than this is vague: it never joins two incidents and only attaches to one that clearly stands out among its matches (TIPWIRE_CORRELATE_ATTACH_MIN_SHARE).',
    numberIn(1, 1_000_000),
    1000,
  ),
  vaguePrecisionMinutes: setting(
    'TIPWIRE_CORRELATE_VAGUE_PRECISION_MINUTES',
    'A report whose time is less precise than ± this many minutes is vague (as for TIPWIRE_CORRELATE_VAGUE_ACCURACY_METERS).',
    numberIn(1, 525_600),
    90,
  ),
  attachMaxAccuracyMeters: setting(
    'TIPWIRE_CORRELATE_ATTACH_MAX_ACCURACY_METERS',
    'A vague report less accurate than this (a whole city) is kept apart even when one incident matches: it says too little to be joined.',
    numberIn(1, 20_000_000),
    10_000,
  ),
  citywideAttachMinReports: setting(
    'TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS',
    'A report placed only as a whole city (less accurate than TIPWIRE_CORRELATE_ATTACH_MAX_ACCURACY_METERS, with a time precise enough to attach and a kind of event named) attaches only to an incident that at least this many precise reports place, and only when that incident stands out among all the report fits (TIPWIRE_CORRELATE_ATTACH_MIN_SHARE): a city-wide report is likelier about an event many people saw than about one sighting among the many a city has that nobody else reported. A copy of a message such a report follows its copies only into an incident that many place. 0: a whole-city report is always kept apart.',
    intIn(0, 1000),
    3,
  ),
  citywideMaxCandidates: setting(
    'TIPWIRE_CORRELATE_CITYWIDE_MAX_CANDIDATES',
    'Most incidents a whole-city report (see TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS) is compared with: a city holds more incidents at once than a street, and a search cut short keeps the report apart as ambiguous (a likelier match may have been left out).',
    intIn(1, 10_000),
    256,
  ),
  attachMaxPrecisionMinutes: setting(
    'TIPWIRE_CORRELATE_ATTACH_MAX_PRECISION_MINUTES',
    'A vague report whose time is less precise than ± this many minutes is kept apart even when one incident matches.',
    numberIn(1, 525_600),
    720,
  ),
  attachMinShare: setting(
    'TIPWIRE_CORRELATE_ATTACH_MIN_SHARE',
    'A vague report attaches to the incident it fits best only when that incident holds at least this share (0.5–1) of the weight of all it fits, a weight being its precise reports × how likely the report’s place and time are from it (normals of the two accuracies and the kind’s extent, and of the two time precisions and the kind’s duration); else it is kept apart as ambiguous. 1: only a single match. Also the share of a message’s copies in placed incidents that one of them must hold for a vague copy to follow them there.',
    numberIn(0.5, 1),
    0.8,
  ),
  maxCandidates: setting(
    'TIPWIRE_CORRELATE_MAX_CANDIDATES',
    'Most incidents a report is compared with (the index search is cut there, however dense the area).',
    intIn(1, 10_000),
    64,
  ),
  vagueRechecks: setting(
    'TIPWIRE_CORRELATE_VAGUE_RECHECKS',
    'Most vague reports kept apart (no match, or none standing out) that a new precise report looks at again, each with its own candidate search: one may now have a match that stands out.',
    intIn(0, 1000),
    8,
  ),
  citywideRecheckReads: setting(
    'TIPWIRE_CORRELATE_CITYWIDE_RECHECK_READS',
    'Most whole-city reports kept apart (see TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS) that a new precise report reads from their index, near it in place and time, when its incident may reach the reports such a report needs to attach: those naming a kind it or the incidents it fits name are looked at again (TIPWIRE_CORRELATE_CITYWIDE_RECHECKS).',
    intIn(0, 10_000),
    32,
  ),
  citywideRechecks: setting(
    'TIPWIRE_CORRELATE_CITYWIDE_RECHECKS',
    "Most of those whole-city reports a new precise report looks at again, each with a city-wide candidate search (TIPWIRE_CORRELATE_CITYWIDE_MAX_CANDIDATES): one sent before the event's witnesses may now attach to their incident. 0: a whole-city report is looked at only when it arrives.",
    intIn(0, 1000),
    4,
  ),
  duplicateTextSimilarity: setting(
    'TIPWIRE_CORRELATE_DUPLICATE_TEXT_SIMILARITY',
    'A vague report whose narrative is at least this similar (estimated Jaccard of word or character shingles, 0–1) to reports of one incident is a copy of their message and joins it (see TIPWIRE_CORRELATE_COPY_WINDOW_HOURS).',
    numberIn(0.05, 1),
    0.6,
  ),
  sameSourceTextSimilarity: setting(
    'TIPWIRE_CORRELATE_SAME_SOURCE_TEXT_SIMILARITY',
    'Reports in one incident whose narratives are at least this similar (estimated Jaccard, 0–1) count as one source. Lower than the copy threshold: a short copy with a typo, a merged word and a forwarding prefix is about 0.6 alike, and the 64-slot sketch estimates that ± 0.06, so at 0.5 one such campaign in a hundred still counted twice; at 0.45 none of 300 keys split it.',
    numberIn(0.05, 1),
    0.45,
  ),
  sourcePairsMax: setting(
    'TIPWIRE_CORRELATE_SOURCE_PAIRS_MAX',
    'Up to this many reports with text in an incident, every pair of their texts is compared when counting sources; beyond it only pairs sharing a sketch band (LSH), which misses some alike pairs but keeps the work linear.',
    intIn(0, 100_000),
    200,
  ),
};

/** `name=number` pairs, comma-separated, over a fixed list of names, each in [min, max]. */
const namedNumbers = <N extends string>(
  names: readonly N[],
  defaults: Record<N, number>,
  min: number,
  max: number,
) =>
  z.string().transform((text, ctx): Readonly<Record<N, number>> => {
    const out: Record<string, number> = { ...defaults };
    for (const part of text.split(',')) {
      // A part that does not read leaves the name '' (no name): refused below.
      // Stryker disable next-line StringLiteral,ArrayDeclaration: any other text in its place is no name either, refused the same way
      const [, name = '', number] = /^\s*([a-z_]+)\s*=\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part) ?? [];
      const value = Number(number);
      if (!(names as readonly string[]).includes(name) || value < min || value > max) {
        ctx.addIssue({
          code: 'custom',
          message: `"${part.trim().slice(0, 40)}" must be name=number with a name of ${names.join(', ')} and a number from ${min} to ${max}`,
        });
        return z.NEVER;
      }
      out[name] = value;
    }
    return out as Record<N, number>;
  });

const CHANNEL_NAMES = ['phone', 'web', 'app', 'api', 'feed'] as const;
const SEVERITY_NAMES = ['info', 'notice', 'warning', 'critical'] as const;

export const DEFAULT_CHANNEL_PRIORS = { phone: 0.3, web: 0.25, app: 0.3, api: 0.35, feed: 0.4 };
export const DEFAULT_CHANNEL_RELIABILITY = {
  phone: 0.7,
  web: 0.65,
  app: 0.7,
  api: 0.7,
  feed: 0.75,
};
export const DEFAULT_SEVERITY_WEIGHTS = { info: 0, notice: -0.2, warning: -0.7, critical: -1.5 };

export const CONFIDENCE_SETTINGS = {
  channelPriors: setting(
    'TIPWIRE_CONFIDENCE_PRIORS',
    'The probability that an event reported through each channel is real before any corroboration, as channel=probability pairs (0.01–0.99), e.g. phone=0.3,feed=0.4.',
    namedNumbers(CHANNEL_NAMES, DEFAULT_CHANNEL_PRIORS, 0.01, 0.99),
    DEFAULT_CHANNEL_PRIORS,
  ),
  channelReliability: setting(
    'TIPWIRE_CONFIDENCE_RELIABILITY',
    'How often an independent witness through each channel is right (0.5–0.99; its weight is the log-odds of it), as channel=probability pairs.',
    namedNumbers(CHANNEL_NAMES, DEFAULT_CHANNEL_RELIABILITY, 0.5, 0.99),
    DEFAULT_CHANNEL_RELIABILITY,
  ),
  severityWeights: setting(
    'TIPWIRE_CONFIDENCE_FINDING_WEIGHTS',
    "The log-odds a check's finding adds, by severity (-5–5), as severity=number pairs, e.g. warning=-0.7,critical=-1.5.",
    namedNumbers(SEVERITY_NAMES, DEFAULT_SEVERITY_WEIGHTS, -5, 5),
    DEFAULT_SEVERITY_WEIGHTS,
  ),
  vagueWitnessShare: setting(
    'TIPWIRE_CONFIDENCE_VAGUE_WITNESS_SHARE',
    'The share of its weight a vague witness (see TIPWIRE_CORRELATE_VAGUE_ACCURACY_METERS) adds to an incident it was attached to.',
    numberIn(0, 1),
    0.5,
  ),
  maxFindingsPerSource: setting(
    'TIPWIRE_CONFIDENCE_MAX_FINDINGS_PER_SOURCE',
    'Most findings of one source that count (the rest are listed but weigh nothing), so one bad upload cannot sink an incident many witnesses saw.',
    intIn(0, 100),
    2,
  ),
};
