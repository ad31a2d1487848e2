/**
 * Turns validated Report JSON into the report that is stored: server-side id and
 * arrival time, the caller's number replaced by its pseudonyms, and the narrative
 * and attachments sealed. Protection runs here, in memory, before anything is
 * written: a queued raw number or narrative would be a stored one. What later stages
 * need from the text is read here too, while it is in the clear: counts for
 * completeness, the kinds of event it names and its keyed sketch for correlation.
 */
import { kindsOfReport } from '../correlate/event-kind.js';
import { textSketch } from '../correlate/text-sketch.js';
import { createHash } from 'node:crypto';
import { validationError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { MediaFacts } from '../domain/media.js';
import type { ObservableType, ReportObservable } from '../domain/text.js';
import type { FoundObservable, TextAnalysis } from './text-analysis.js';
import type {
  Claims,
  NewAttachment,
  NewReport,
  ObservableToken,
  Report,
  TextFacts,
} from '../domain/report.js';
import { saysRepeat } from '../correlate/says-repeat.js';
import { seenFromAfar } from '../correlate/seen-from-afar.js';
import { countWords, isVagueWho } from '../normalize/completeness.js';
import { toE164 } from '../protect/pseudonym.js';
import { sealFile } from '../protect/sealed-file.js';
import type { Vault } from '../protect/vault.js';
import type { StagedFile } from './file-stager.js';
import { canonicalJson } from './canonical-json.js';
import type { ReportInput } from './report-schema.js';

export interface Protection {
  /** The caller's pseudonyms under the current and previous epoch keys. */
  pseudonymsOf(e164: string): { current: string; previous: string | null };
  vault: Vault;
  /** Blind-index tokens of a text; a long text is tokenized off the event loop. */
  searchTokens(text: string): Promise<Buffer[]>;
  /** The key of narratives' sketches (the keyring's `text-sketch` subkey). */
  textSketchKey: Buffer;
  /** A keyed hash of a report's content (HMAC: the text is not testable against guesses). */
  contentHash(content: string): string;
  /**
   * What a file's bytes say of it (type by magic bytes, pixel size, camera metadata,
   * why it is refused further reading: verify/media), read while they are in the
   * clear, before sealing. Never throws on any bytes.
   */
  readMedia(data: Buffer, declaredType: string): Promise<MediaFacts>;
  /** Plaintext bytes per sealed segment of a file (TIPWIRE_ATTACHMENT_SEGMENT_BYTES). */
  fileSegmentBytes: number;
  /**
   * The language model's score of the narrative and the observables of the narrative
   * and who/what (text-analysis.ts), made in the text worker; null when it could not
   * make them now. Not called by intake: a new report's text is read after it is stored
   * (text-backlog.ts); an operator's new who/what is read at once.
   */
  analyzeText(narrative: string, subjects: string | null): Promise<TextAnalysis | null>;
  /** The keyed token of an observable: the same in every report that names it. */
  observableToken(type: ObservableType, value: string): string;
}

/** The stored report a new version is for: its id, and its data key (wrapped). */
export interface VersionTarget {
  id: string;
  dataKey: Buffer;
  /** SHA-256 (hex) of the files it holds: a resend's copy of one is not attached again. */
  attachmentHashes: ReadonlySet<string>;
  /**
   * Whether the stored version says its sender reported this before. A new version keeps
   * it: its "Correction:" / "更正：" is about this report, not about another one sent first.
   */
  saysRepeat: boolean;
}

/** What a new version of `report` is built against (its files' digests opened from their sealed facts). */
export function versionTargetOf(
  report: Pick<Report, 'id' | 'sealed' | 'attachments' | 'textFacts'>,
  vault: Pick<Vault, 'openAttachmentFacts'>,
): VersionTarget {
  const { id, sealed } = report;
  return {
    id,
    dataKey: sealed.dataKey,
    attachmentHashes: new Set(
      report.attachments.map(
        (a) => vault.openAttachmentFacts(id, sealed.dataKey, a.id, a.sealedMeta).sha256,
      ),
    ),
    saysRepeat: report.textFacts.saysRepeat === true,
  };
}

export interface NewReportDeps {
  now: number;
  newId: (kind: IdKind, nowMs: number) => string;
  protection: Protection;
  defaultPhoneRegion?: string;
  /** Whether the sender may state its own receivedAt (imports, authenticated partners). */
  mayStateReceivedAt: boolean;
  /** The principal sending on the caller's behalf; null for the public. */
  submittedBy?: string | null;
  /**
   * Who may send new versions of it by its externalId (`import`, `token:<id>`,
   * `user:<name>`); null or absent for the public. Kept only with an externalId.
   */
  sender?: string | null;
  /** Build a new version of this stored report (its id and data key) instead of a new report. */
  versionOf?: VersionTarget;
}

/**
 * Builds the stored report. The caller's number is turned into pseudonyms and
 * dropped from `input` first, before anything waits: from then on nothing of ours
 * refers to the raw number any more. Then each file's bytes are read (media facts)
 * and sealed; the search tokens follow (a long narrative's come from a worker thread).
 */
export async function toNewReport(
  input: ReportInput,
  deps: NewReportDeps,
  staged: readonly StagedFile[] = [],
): Promise<NewReport> {
  checkReceivedAt(input, deps.mayStateReceivedAt);
  const pseudonyms = takeCaller(input, deps);
  const id = deps.versionOf?.id ?? deps.newId('report', deps.now);
  const files = await filesToStore(input, deps, staged);
  const draft = draftReport(input, deps, { id, pseudonyms, files, uploaded: staged });
  const searchTokens = await deps.protection.searchTokens(
    `${input.narrative}\n${input.subjects ?? ''}`,
  );
  return { ...draft, searchTokens };
}

/**
 * The checks toNewReport makes beyond the schema, alone: what a dry run of an import
 * needs to refuse the same lines, without keys or a store. Throws validation_failed.
 */
export function checkReportInput(
  input: ReportInput,
  deps: Pick<NewReportDeps, 'mayStateReceivedAt' | 'defaultPhoneRegion'>,
): void {
  checkReceivedAt(input, deps.mayStateReceivedAt);
  if (input.caller) callerE164(input.caller.phone, deps.defaultPhoneRegion);
}

function checkReceivedAt(input: ReportInput, mayStateReceivedAt: boolean): void {
  if (input.receivedAt !== undefined && !mayStateReceivedAt) {
    throw validationError([
      {
        path: 'receivedAt',
        message: 'only imports and authenticated partners may set it; leave it out',
      },
    ]);
  }
}

/** The caller's number in E.164, or the validation error naming `caller.phone`. */
function callerE164(phone: string, defaultPhoneRegion: string | undefined): string {
  const e164 = toE164(phone, defaultPhoneRegion);
  if (e164) return e164;
  throw validationError([
    {
      path: 'caller.phone',
      message: defaultPhoneRegion
        ? 'is not a possible phone number'
        : 'is not a possible phone number (numbers without +country code need TIPWIRE_DEFAULT_PHONE_REGION)',
    },
  ]);
}

type Pseudonyms = { current: string; previous: string | null } | null;

/**
 * The caller's number turned into its pseudonyms and dropped from `input`, before
 * anything waits: from then on nothing of ours refers to the raw number any more.
 */
function takeCaller(input: ReportInput, deps: NewReportDeps): Pseudonyms {
  if (!input.caller) return null;
  const { phone } = input.caller;
  delete (input as { caller?: unknown }).caller;
  return deps.protection.pseudonymsOf(callerE164(phone, deps.defaultPhoneRegion));
}

/** The files of a JSON body, decoded, each with its id; a resend's copy of a file the report holds is left out. */
function filesOf(input: ReportInput, deps: NewReportDeps) {
  const target = deps.versionOf;
  return (input.attachments ?? [])
    .map((a) => ({
      id: deps.newId('attachment', deps.now),
      filename: a.filename,
      contentType: a.contentType.toLowerCase(),
      data: Buffer.from(a.dataBase64, 'base64'),
    }))
    .filter((f) => !target?.attachmentHashes.has(sha256(f.data)));
}

/** A file on its way into the stored report: its facts, and its bytes sealed or staged. */
type FileToStore = StagedFile & { sealed: NewAttachment['sealed'] };

/**
 * The report's files: a JSON body's read (media facts) and sealed in memory, segment by
 * segment; a multipart upload's already staged (file-stager.ts), less the copies of files
 * a resent report holds.
 */
async function filesToStore(
  input: ReportInput,
  deps: NewReportDeps,
  staged: readonly StagedFile[],
): Promise<FileToStore[]> {
  const decoded = filesOf(input, deps);
  const media = await Promise.all(
    decoded.map((f) => deps.protection.readMedia(f.data, f.contentType)),
  );
  const segmentBytes = deps.protection.fileSegmentBytes;
  const inMemory = decoded.map((f, i): FileToStore => {
    const { fileKey, segments, sizeBytes, sha256: digest } = sealFile(f.id, f.data, segmentBytes);
    return {
      id: f.id,
      filename: f.filename,
      contentType: f.contentType,
      sizeBytes,
      sha256: digest,
      fileKey,
      segmentBytes,
      media: media[i]!,
      sealed: { segments },
    };
  });
  const target = deps.versionOf;
  const uploaded = staged
    .filter((f) => !target?.attachmentHashes.has(f.sha256))
    .map((f): FileToStore => ({ ...f, sealed: 'staged' }));
  return [...inMemory, ...uploaded];
}

interface DraftParts {
  id: string;
  pseudonyms: Pseudonyms;
  files: FileToStore[];
  /** Every file the upload staged, those left out as copies too (they are in the content). */
  uploaded: readonly StagedFile[];
}

function draftReport(
  input: ReportInput,
  deps: NewReportDeps,
  { id, pseudonyms, files, uploaded }: DraftParts,
): Omit<NewReport, 'searchTokens'> {
  const target = deps.versionOf;
  const subjects = input.subjects ?? null;
  const { vault } = deps.protection;
  const sealed = target
    ? vault.sealVersion(id, target.dataKey, input.narrative, files, subjects)
    : vault.sealReport(id, input.narrative, files, subjects);
  const claims = claimsOf(input);
  const externalId = input.externalId ?? null;
  return {
    id,
    externalId,
    channel: input.channel,
    category: input.category ?? null,
    receivedAt: input.receivedAt !== undefined ? Date.parse(input.receivedAt) : deps.now,
    claims,
    callerPseudonym: pseudonyms?.current ?? null,
    callerLink: pseudonyms?.previous ?? null,
    submittedBy: deps.submittedBy ?? null,
    sender: externalId === null ? null : (deps.sender ?? null),
    contentHash: contentHashOf(input, deps.protection, uploaded),
    sealed: { dataKey: sealed.dataKey, narrative: sealed.narrative, subjects: sealed.subjects },
    textFacts: versionFacts(textFactsOf(input.narrative, subjects), target),
    eventKinds: kindsOfReport(input.category ?? null, input.narrative),
    textSketch: textSketch(input.narrative, deps.protection.textSketchKey),
    attachments: files.map((f) => ({
      id: f.id,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      sealedMeta: sealed.attachments.get(f.id)!.meta,
      media: f.media,
      segmentBytes: f.segmentBytes,
      sealed: f.sealed,
    })),
  };
}

/**
 * Observables as stored: a phone number becomes its caller pseudonym (as F2 makes for
 * callers, so a number named in a text matches the caller who phoned from it) before
 * anything keeps it; each gets its keyed token; one per token.
 */
export function storedObservables(
  found: readonly FoundObservable[],
  protection: Pick<Protection, 'pseudonymsOf' | 'observableToken'>,
): ReportObservable[] {
  const stored = new Map<string, ReportObservable>();
  for (const { type, value: found_ } of found) {
    const value = type === 'phone' ? protection.pseudonymsOf(found_).current : found_;
    const token = protection.observableToken(type, value);
    if (!stored.has(token)) stored.set(token, { type, value, token });
  }
  return [...stored.values()];
}

/**
 * The observables a text worker found, as a report keeps them: sealed under its data key
 * as `[{type, value}]` (null when there are none) and each one's token for matching.
 */
export function sealedObservables(
  report: { id: string; dataKey: Buffer },
  found: readonly FoundObservable[],
  protection: Pick<Protection, 'pseudonymsOf' | 'observableToken'>,
  vault: Pick<Vault, 'sealObservables'>,
): { sealed: Buffer | null; tokens: ObservableToken[] } {
  const list = storedObservables(found, protection);
  const values = JSON.stringify(list.map(({ type, value }) => ({ type, value })));
  return {
    sealed: list.length === 0 ? null : vault.sealObservables(report.id, report.dataKey, values),
    tokens: list.map(({ type, token }) => ({ type, token })),
  };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A file as the content hash sees it. */
export type FileDigest = Pick<StagedFile, 'filename' | 'contentType' | 'sha256'>;

/**
 * The keyed hash of what a version of a report holds: narrative, who/what, claims,
 * category and files (by their digest: a JSON body's in `input`, a multipart upload's
 * staged, `uploaded`; the same files either way hash the same). Not the channel, caller,
 * arrival time or externalId: a resend that changes only those is the same version (a
 * new version replaces the content; the report keeps the rest of its first arrival).
 */
export function contentHashOf(
  input: ReportInput,
  protection: Pick<Protection, 'contentHash'>,
  uploaded: readonly FileDigest[] = [],
) {
  const content = {
    narrative: input.narrative,
    subjects: input.subjects,
    category: input.category,
    claims: claimsOf(input),
    attachments: [
      ...(input.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType.toLowerCase(),
        sha256: sha256(Buffer.from(a.dataBase64, 'base64')),
      })),
      ...uploaded.map((f) => ({
        filename: f.filename,
        contentType: f.contentType.toLowerCase(),
        sha256: f.sha256,
      })),
    ],
  };
  return protection.contentHash(canonicalJson(content));
}

/**
 * The reporter's claims about time, place and how they know, stored in the clear
 * for normalization. Who/what (`subjects`) is not among them: it is sealed.
 */
export function claimsOf(input: Partial<Pick<ReportInput, ClaimField>>): Claims {
  const claims: Claims = {};
  if (input.observedAt !== undefined) claims.observedAt = input.observedAt;
  if (input.timezone !== undefined) claims.timezone = input.timezone;
  if (input.precisionSeconds !== undefined) claims.precisionSeconds = input.precisionSeconds;
  if (input.location !== undefined) claims.location = input.location as Claims['location'];
  if (input.howKnown !== undefined) claims.howKnown = input.howKnown;
  return claims;
}

export type ClaimField = 'observedAt' | 'timezone' | 'precisionSeconds' | 'location' | 'howKnown';

/** A new version's text facts: what it says of an earlier report is its first version's. */
function versionFacts(facts: TextFacts, target: VersionTarget | undefined): TextFacts {
  return target ? { ...facts, saysRepeat: target.saysRepeat } : facts;
}

/** Counts from the text that completeness needs; the text itself is sealed. */
export function textFactsOf(narrative: string, subjects: string | null): TextFacts {
  const who = subjects?.trim() || null;
  return {
    narrativeWords: countWords(narrative),
    who: who ? { words: countWords(who), vague: isVagueWho(who) } : null,
    saysRepeat: saysRepeat(narrative),
    seenFromAfar: seenFromAfar(narrative),
  };
}
