/**
 * What the call-taker's form holds, as the report it sends and as the draft it has
 * scored while the call goes on (the same fields, without the caller's number), and
 * how a ± reads. Pure.
 */
import {
  categoryOf,
  compact,
  locationOf,
  textOf,
  type HowKnown,
  type ReportBody,
  type ReportDraft,
} from '../common/report-body.js';

export interface CallFields {
  narrative: string;
  when: string;
  whenPick: string;
  timezone: string;
  place: string;
  lat: string;
  lon: string;
  accuracy: string;
  category: string;
  categoryOther: string;
  subjects: string;
  howKnown: string;
  phone: string;
}

export const EMPTY_CALL: CallFields = {
  narrative: '',
  when: '',
  whenPick: '',
  timezone: '',
  place: '',
  lat: '',
  lon: '',
  accuracy: '',
  category: '',
  categoryOther: '',
  subjects: '',
  howKnown: '',
  phone: '',
};

/** The claims and texts of the form (no caller), as both the draft and the report carry them. */
function content(f: CallFields) {
  return {
    narrative: textOf(f.narrative) === undefined ? undefined : f.narrative,
    observedAt: textOf(f.when),
    timezone: textOf(f.timezone),
    location: locationOf({ place: f.place, lat: f.lat, lon: f.lon, accuracy: f.accuracy }),
    category: categoryOf(f.category, f.categoryOther),
    subjects: textOf(f.subjects),
    howKnown: (f.howKnown || undefined) as HowKnown | undefined,
  };
}

/** What POST /api/v1/reports/preview scores: never the caller's number. */
export function draftOf(f: CallFields): ReportDraft {
  return compact({ channel: 'phone' as const, ...content(f) });
}

/**
 * The next questions a call-taker can still answer once the report is sent: the fields
 * PATCH /api/v1/reports/:id takes (the narrative is sealed and files go only with the
 * report, so their questions are not answered there).
 */
export const ANSWERABLE = [
  'observedAt',
  'timezone',
  'location',
  'howKnown',
  'subjects',
  'category',
] as const;
export type AnswerField = (typeof ANSWERABLE)[number];
export type ReportAnswers = Partial<Pick<ReportBody, AnswerField>>;

export const isAnswerable = (field: string): field is AnswerField =>
  (ANSWERABLE as readonly string[]).includes(field);

/** The PATCH body answering `field`'s question from what the form holds, or null when nothing was given. */
export function answerOf(field: AnswerField, f: CallFields): ReportAnswers | null {
  const value = content(f)[field];
  return value === undefined ? null : ({ [field]: value } as ReportAnswers);
}

/** What POST /api/v1/reports stores, sent on the caller's behalf. */
export function reportOf(f: CallFields): ReportBody {
  const phone = textOf(f.phone);
  return compact({
    channel: 'phone' as const,
    ...content(f),
    narrative: f.narrative,
    caller: phone ? { phone } : undefined,
  });
}

/** A ± in seconds as the largest unit that keeps it readable. */
export function durationParts(seconds: number): { unit: 's' | 'min' | 'h' | 'd'; n: number } {
  const round = (x: number) => Math.round(x * 10) / 10;
  if (seconds < 120) return { unit: 's', n: Math.round(seconds) };
  if (seconds < 3600) return { unit: 'min', n: round(seconds / 60) };
  if (seconds < 2 * 86_400) return { unit: 'h', n: round(seconds / 3600) };
  return { unit: 'd', n: round(seconds / 86_400) };
}

/** A ± in metres, in km from 10 km. */
export function distanceParts(metres: number): { unit: 'm' | 'km'; n: number } {
  return metres < 10_000
    ? { unit: 'm', n: Math.round(metres) }
    : { unit: 'km', n: Math.round(metres / 100) / 10 };
}

/** A score in [0, 1] as whole percent. */
export const percentOf = (score: number) => Math.round(score * 100);
