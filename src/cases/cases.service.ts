/**
 * Reading and working cases as a principal: scope (a case outside it is a 404),
 * opening the sealed text, and an audit record for every look at protected fields
 * and every change of state. Routes call these; these never touch HTTP.
 */
import { canSeeCase } from '../access/scope.js';
import { recategorizedKinds } from '../correlate/event-kind.js';
import { AppError } from '../domain/errors.js';
import type { SunEvidence } from '../domain/evidence.js';
import type { IdKind } from '../domain/ids.js';
import type { CaseStatus, Report } from '../domain/report.js';
import {
  reportView,
  versionView,
  type MessageView,
  type ObservableView,
  type OpenedText,
} from '../export/views.js';
import { openFileSegments } from '../protect/sealed-file.js';
import type { Vault } from '../protect/vault.js';
import type { SearchTokenizer } from '../protect/search-tokenizer.js';
import { reportProcessedEvent } from '../notify/report-events.js';
import {
  claimsOf,
  sealedObservables,
  textFactsOf,
  type ClaimField,
  type Protection,
} from '../intake/new-report.js';
import type { ObservableType } from '../domain/text.js';
import type { ReportInput } from '../intake/report-schema.js';
import { STRIPPED_TYPES, stripMetadata } from '../verify/media/strip.js';
import type { AsyncStore, StoreTx } from '../store/port.js';
import type { Principal } from '../access/principal.js';
import { splitListEntry, type AuditAppend, type AuditEntryInput } from '../audit/audit-log.js';

/** The slice of the store cases work on. */
export type CasesStore = Pick<
  AsyncStore,
  'reports' | 'incidents' | 'events' | 'messages' | 'findings' | 'files' | 'transaction'
>;

export interface CaseDeps {
  store: CasesStore;
  vault: Vault;
  search: SearchTokenizer;
  audit: AuditAppend;
  clock: () => number;
  newId: (kind: IdKind, nowMs: number) => string;
  /** Normalizes a report again (inside the caller's transaction) and queues the rest. */
  renormalize: (reportId: string, tx: StoreTx) => Promise<void>;
  /** Called after a change was committed with its live event (wakes the live stream). */
  onEvent: () => void;
  /**
   * The largest file opened whole to make a copy without its metadata
   * (TIPWIRE_MEDIA_MAX_BYTES, the bound of what intake reads whole); a larger one is sent
   * as received, a segment at a time.
   */
  strippedCopyMaxBytes: number;
  /** The text analysis and observable tokens of intake (an answer's who/what is read for observables too). */
  protection: Pick<Protection, 'analyzeText' | 'observableToken' | 'pseudonymsOf'>;
}

/** Answers an operator may add: the claim fields, who/what and the category. */
export type Answers = Partial<Pick<ReportInput, ClaimField | 'subjects' | 'category'>>;

const noSuchReport = () => new AppError('not_found', 'not_found', 'no report with this id');

/** The characters of a report's opened text: narrative, who/what and messages. */
const textLength = (t: OpenedText) =>
  t.narrative.length +
  (t.subjects?.length ?? 0) +
  t.messages.reduce((n, m) => n + m.text.length, 0);

export function createCases(deps: CaseDeps) {
  const { store, vault, audit } = deps;

  /**
   * A stored file's plaintext, in order: a segment at a time (protect/sealed-file.ts), or,
   * for a file stored before schema version 14, whole. Its first chunk is opened before
   * this returns, so a file that is missing or altered fails before anything is sent.
   */
  async function openedFile(
    report: Report,
    meta: Report['attachments'][number],
  ): Promise<AsyncIterable<Buffer>> {
    const { dataKey } = report.sealed;
    const missing = () => new AppError('not_found', 'not_found', 'no attachment with this id');
    if (meta.segmentBytes === null) {
      const sealed = await store.reports.attachmentData(report.id, meta.id);
      if (!sealed) throw missing();
      const whole = vault.openAttachment(report.id, dataKey, meta.id, sealed);
      return (async function* () {
        yield whole;
      })();
    }
    const fileKey = vault.openFileKey(report.id, dataKey, meta.id, meta.sealedMeta);
    if (!fileKey) throw missing();
    async function* sealedSegments() {
      for (let seq = 0; ; seq++) {
        const data = await store.files.segment(meta.id, seq);
        if (!data) return;
        yield { seq, data };
      }
    }
    const opened = openFileSegments(fileKey, meta.id, sealedSegments());
    const first = await opened.next();
    return (async function* () {
      if (!first.done) yield first.value;
      yield* opened;
    })();
  }
  // The audit trail appends on the same connection, inside the port's transaction.
  const record = (entry: AuditEntryInput) => store.transaction(async () => audit(entry));

  /**
   * A change of a case, its audit record and a live event (`report.updated`, the same
   * metadata as `report.processed`), committed together; then the stream is woken.
   */
  async function change(reportId: string, apply: (tx: StoreTx) => Promise<void>) {
    await store.transaction(async (tx) => {
      await apply(tx);
      const updated = await tx.reports.get(reportId);
      if (!updated) return;
      const incident = updated.incidentId ? await tx.incidents.get(updated.incidentId) : null;
      const event = reportProcessedEvent(updated, incident);
      await tx.events.append('report.updated', event.payload, deps.clock());
    });
    deps.onEvent();
  }

  /** The report, if it exists and the principal may see it; else 404 (and a refusal on record). */
  async function visible(principal: Principal, id: string): Promise<Report> {
    const report = await store.reports.get(id);
    if (!report) throw noSuchReport();
    if (!canSeeCase(principal, report)) {
      await record({
        actor: principal.id,
        action: 'access.refused',
        target: `report:${id}`,
        reason: 'outside the principal’s scope',
      });
      throw noSuchReport();
    }
    return report;
  }

  async function messagesOf(report: Report): Promise<MessageView[]> {
    return (await store.messages.forReport(report.id)).map((m) => ({
      id: m.id,
      author: m.author,
      text: vault.openMessage(report.id, report.sealed.dataKey, m.id, m.bodySealed),
      at: new Date(m.createdAt).toISOString(),
    }));
  }

  async function open(report: Report): Promise<OpenedText> {
    return {
      narrative: vault.openNarrative(report),
      subjects: vault.openSubjects(report),
      attachments: report.attachments.map((a) => ({
        id: a.id,
        contentType: a.contentType,
        sizeBytes: a.sizeBytes,
        ...vault.openAttachmentFacts(report.id, report.sealed.dataKey, a.id, a.sealedMeta),
        media: a.media,
      })),
      messages: await messagesOf(report),
      observables: await observablesOf(report),
    };
  }

  /**
   * The observables of the narrative and a new who/what, sealed, with their tokens; null
   * when the text worker could not read them now (those stored stay).
   */
  async function observablesWith(report: Report, subjects: string) {
    const analysis = await deps.protection.analyzeText(vault.openNarrative(report), subjects);
    if (!analysis) return null;
    return sealedObservables(
      { id: report.id, dataKey: report.sealed.dataKey },
      analysis.observables,
      deps.protection,
      vault,
    );
  }

  /** The report's observables, opened, with the count of other reports naming each. */
  async function observablesOf(report: Report): Promise<ObservableView[]> {
    const opened = vault.openObservables(report);
    if (!opened) return [];
    const list = JSON.parse(opened) as { type: ObservableType; value: string }[];
    const tokens = list.map((o) => deps.protection.observableToken(o.type, o.value));
    const counts = await store.reports.observableCounts(tokens, report.id);
    return list.map((o, i) => ({ ...o, otherReports: counts.get(tokens[i]!) ?? 0 }));
  }

  return {
    visible,
    /** One report with its text; the look is on record first. */
    async read(principal: Principal, report: Report) {
      const opened = await open(report);
      await record({
        actor: principal.id,
        action: 'report.read',
        target: `report:${report.id}`,
        reason: 'opened the report',
      });
      return reportView(report, opened, await store.findings.forReport(report.id));
    },
    /**
     * A page of reports with their text, as many as fit in `textBudget` characters
     * (at least one): a page of long narratives is cut short rather than built whole.
     * Records name every report shown (several records for a long page).
     */
    async readMany(principal: Principal, page: Report[], reason: string, textBudget: number) {
      const views: ReturnType<typeof reportView>[] = [];
      let used = 0;
      for (const report of page) {
        if (views.length > 0 && used >= textBudget) break;
        const opened = await open(report);
        used += textLength(opened);
        views.push(reportView(report, opened, await store.findings.forReport(report.id)));
      }
      const reports = page.slice(0, views.length);
      if (reports.length > 0) {
        const entry = {
          actor: principal.id,
          action: 'report.list_read',
          target: 'reports',
          reason,
        };
        const ids = reports.map((r) => r.id);
        await store.transaction(async () => splitListEntry(entry, 'reportIds', ids).forEach(audit));
      }
      return views;
    },
    /** The versions later resends replaced, oldest first, with their text; the look is on record. */
    async versions(principal: Principal, report: Report) {
      const versions = await store.reports.versions(report.id);
      const { dataKey } = report.sealed;
      const views = versions.map((v) => {
        const sealed = { dataKey, ...v.sealed };
        return versionView(v, {
          narrative: vault.openNarrative({ id: report.id, sealed }),
          subjects: vault.openSubjects({ id: report.id, sealed }),
        });
      });
      await record({
        actor: principal.id,
        action: 'report.versions_read',
        target: `report:${report.id}`,
        reason: 'opened the earlier versions of the report',
        details: { versions: versions.map((v) => v.version) },
      });
      return views;
    },
    /**
     * An attachment's bytes and facts: by default a copy without identifying metadata
     * where one can be made (JPEG, PNG: verify/media/strip.ts; opened whole to make it),
     * else, or on asking for `original`, the file as received, opened a segment at a
     * time as it is sent (`data` an async iterable). `copy` says which was given.
     */
    async attachment(
      principal: Principal,
      report: Report,
      attachmentId: string,
      want: 'stripped' | 'original' = 'stripped',
    ) {
      const meta = report.attachments.find((a) => a.id === attachmentId);
      if (!meta) throw new AppError('not_found', 'not_found', 'no attachment with this id');
      const facts = vault.openAttachmentFacts(
        report.id,
        report.sealed.dataKey,
        attachmentId,
        meta.sealedMeta,
      );
      const chunks = await openedFile(report, meta);
      const strippable =
        want === 'stripped' &&
        !meta.media?.rejected &&
        meta.sizeBytes <= deps.strippedCopyMaxBytes &&
        STRIPPED_TYPES.has(meta.media?.detectedType ?? '');
      let data: Buffer | AsyncIterable<Buffer> = chunks;
      let copy: 'stripped' | 'original' = 'original';
      if (strippable) {
        const whole: Buffer[] = [];
        for await (const chunk of chunks) whole.push(chunk);
        const original = Buffer.concat(whole);
        const stripped = stripMetadata(original);
        data = stripped ?? original;
        if (stripped) copy = 'stripped';
      }
      await record({
        actor: principal.id,
        action: 'attachment.read',
        target: `report:${report.id}`,
        reason:
          copy === 'original'
            ? 'downloaded an attachment as received (with its metadata)'
            : 'downloaded an attachment without its metadata',
        details: { attachmentId, copy },
      });
      return { data, copy, contentType: meta.contentType, sizeBytes: meta.sizeBytes, ...facts };
    },
    async setStatus(principal: Principal, report: Report, status: CaseStatus, reason: string) {
      if (report.status === status) return;
      await change(report.id, async (tx) => {
        await tx.reports.setStatus(report.id, status, deps.clock());
        audit({
          actor: principal.id,
          action: 'report.status_changed',
          target: `report:${report.id}`,
          reason,
          details: { from: report.status, to: status },
        });
      });
    },
    /** Routes a case to a field office (or back to none). */
    async assign(principal: Principal, report: Report, officeId: string | null, reason: string) {
      await change(report.id, async (tx) => {
        await tx.reports.assignOffice(report.id, officeId);
        audit({
          actor: principal.id,
          action: 'report.assigned',
          target: `report:${report.id}`,
          reason,
          details: { from: report.officeId, to: officeId },
        });
      });
    },
    /**
     * An operator's answers to the next questions (time, place, who, how known):
     * the claims change, the report is normalized again at once (score and
     * questions follow) and goes through correlation and the live stream again. A new
     * category changes the event kinds when it names one (correlate/event-kind.ts
     * recategorizedKinds); who/what never does (kinds are the category's or the
     * narrative's).
     */
    async answer(principal: Principal, report: Report, answers: Answers) {
      const { subjects, category, ...claimFields } = answers;
      const claims = { ...report.claims, ...claimsOf(claimFields) };
      const sealedSubjects =
        subjects === undefined
          ? null
          : vault.sealSubjects(report.id, report.sealed.dataKey, subjects);
      const textFacts =
        subjects === undefined
          ? report.textFacts
          : { ...report.textFacts, who: textFactsOf('', subjects).who };
      // Tokens before the transaction: it may await nothing but the store.
      const tokens = subjects === undefined ? null : deps.search.tokensNow(subjects);
      const observables = subjects === undefined ? null : await observablesWith(report, subjects);
      await store.transaction(async (tx) => {
        await tx.reports.updateClaims(report.id, claims, textFacts, sealedSubjects);
        if (category !== undefined) {
          await tx.reports.setCategory(report.id, category);
          // The narrative is sealed: the kinds follow the new category alone.
          await tx.reports.setEventKinds(
            report.id,
            recategorizedKinds(report.eventKinds, category),
          );
        }
        if (tokens) await tx.reports.addSearchTokens(report.id, tokens);
        if (observables)
          await tx.reports.replaceObservables(report.id, observables.sealed, observables.tokens);
        await deps.renormalize(report.id, tx);
        // The audit trail appends on the same connection, inside this transaction.
        audit({
          actor: principal.id,
          action: 'report.answered',
          target: `report:${report.id}`,
          reason: 'added answers to the report',
          details: { fields: Object.keys(answers).sort() },
        });
      });
    },
    /**
     * An analyst's evidence on the report's photo (it shows daylight; a shadow's bearing
     * and length), or null to clear it: stored, audited, and the report's checks run again
     * (the stages after normalize, as after an answer).
     */
    async setSunEvidence(principal: Principal, report: Report, evidence: SunEvidence | null) {
      await store.transaction(async (tx) => {
        await tx.reports.setSunEvidence(report.id, evidence);
        await deps.renormalize(report.id, tx);
        audit({
          actor: principal.id,
          action: 'report.evidence_set',
          target: `report:${report.id}`,
          reason: evidence
            ? 'gave evidence on the report’s photo'
            : 'cleared the evidence on the report’s photo',
          details: {
            daylightPhoto: evidence?.daylightPhoto ?? null,
            shadow: evidence?.shadow ?? null,
          },
        });
      });
    },
    /**
     * A message on the report's thread: an operator's question (shown to the reporter
     * through the receipt) or the reporter's answer (searchable by analysts).
     */
    async addMessage(
      report: Report,
      from: { author: 'operator' | 'reporter'; actor: string },
      text: string,
    ) {
      const operator = from.author === 'operator';
      // A reporter's message is searchable; a long one is tokenized off the event loop.
      const tokens = operator ? [] : await deps.search.tokens(text);
      const now = deps.clock();
      const id = deps.newId('message', now);
      await change(report.id, async (tx) => {
        await tx.messages.insert({
          id,
          reportId: report.id,
          author: from.author,
          authorId: operator ? from.actor : null,
          bodySealed: vault.sealMessage(report.id, report.sealed.dataKey, id, text),
          createdAt: now,
        });
        if (!operator) await tx.reports.addSearchTokens(report.id, tokens);
        audit({
          actor: from.actor,
          action: operator ? 'report.message_sent' : 'receipt.message_added',
          target: `report:${report.id}`,
          reason: operator ? 'asked the reporter' : 'the reporter added information',
          details: { messageId: id },
        });
      });
      return id;
    },
  };
}

export type Cases = ReturnType<typeof createCases>;
