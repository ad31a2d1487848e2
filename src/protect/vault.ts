/**
 * Sealing and opening a report's protected text: the narrative, attachments and
 * follow-up messages. Each report has its own data key, stored wrapped by the
 * master key; each sealed value is bound (AAD) to its report, kind and id, so it
 * cannot be moved to another row. Opening anything altered fails with
 * `integrity_failure`. Search tokens are made apart from sealing (search-tokenizer.ts),
 * except for legacy text sealed at start-up and for queries.
 */
import { blindTokens, queryTokens, searchTerms } from './blind-index.js';
import { newDataKey, open, seal, unwrapDataKey, wrapDataKey, type MasterKey } from './envelope.js';

export interface VaultKeys {
  /** The master key new data keys are wrapped with. */
  master: () => MasterKey;
  /** Any master key by id (the current or a retired one). */
  masterById: (id: string) => Buffer | null;
  /** Key of the blind index. */
  indexKey: Buffer;
}

export interface SealedReport {
  dataKey: Buffer;
  narrative: Buffer;
  subjects: Buffer | null;
  /** Per attachment id: its sealed `{filename, sha256, fileKey}` (its bytes are sealed apart). */
  attachments: Map<string, { meta: Buffer }>;
}

export interface AttachmentFacts {
  filename: string;
  sha256: string;
}

const aad = (reportId: string, kind: string, itemId = '') => `report:${reportId}:${kind}:${itemId}`;

/**
 * A new file's facts to seal: its name, SHA-256 (hex) and the key of its segments
 * (protect/sealed-file.ts), which is kept nowhere else.
 */
export type NewFile = { id: string; filename: string; sha256: string; fileKey: Buffer };

const sealedFacts = (a: NewFile) =>
  JSON.stringify({ filename: a.filename, sha256: a.sha256, fileKey: a.fileKey.toString('base64') });

export function createVault(keys: VaultKeys) {
  const dataKeyOf = (wrapped: Buffer) => unwrapDataKey(wrapped, keys.masterById);

  function sealWith(
    dek: Buffer,
    dataKey: Buffer,
    reportId: string,
    narrative: string,
    attachments: NewFile[],
    subjects: string | null,
  ): SealedReport {
    const sealFile = (a: NewFile) => ({
      meta: seal(dek, sealedFacts(a), aad(reportId, 'attachment-meta', a.id)),
    });
    return {
      dataKey,
      narrative: seal(dek, narrative, aad(reportId, 'narrative')),
      subjects: subjects === null ? null : seal(dek, subjects, aad(reportId, 'subjects')),
      attachments: new Map(attachments.map((a) => [a.id, sealFile(a)])),
    };
  }

  function openFacts(reportId: string, dataKey: Buffer, attachmentId: string, sealedMeta: Buffer) {
    const text = open(
      dataKeyOf(dataKey),
      sealedMeta,
      aad(reportId, 'attachment-meta', attachmentId),
    );
    return JSON.parse(text.toString('utf8')) as AttachmentFacts & { fileKey?: string };
  }

  return {
    /** Seals a new report's narrative and attachments' facts under a fresh data key. */
    sealReport(
      reportId: string,
      narrative: string,
      attachments: NewFile[],
      subjects: string | null = null,
    ): SealedReport {
      const dek = newDataKey();
      return sealWith(
        dek,
        wrapDataKey(dek, keys.master()),
        reportId,
        narrative,
        attachments,
        subjects,
      );
    },
    /**
     * Seals a new version of a stored report under the data key it already has
     * (`dataKey`, wrapped): its attachments and messages stay readable with it.
     */
    sealVersion(
      reportId: string,
      dataKey: Buffer,
      narrative: string,
      attachments: NewFile[],
      subjects: string | null = null,
    ): SealedReport {
      return sealWith(dataKeyOf(dataKey), dataKey, reportId, narrative, attachments, subjects);
    },
    /** Seals text of a report created before sealing existed (schema version 1). */
    sealLegacy(reportId: string, narrative: string) {
      const dek = newDataKey();
      return {
        dataKey: wrapDataKey(dek, keys.master()),
        narrative: seal(dek, narrative, aad(reportId, 'narrative')),
        subjects: null,
        searchTokens: blindTokens(searchTerms(narrative), keys.indexKey),
      };
    },
    sealLegacyAttachment(
      reportId: string,
      dataKey: Buffer,
      a: { id: string; filename: string; sha256: string; data: Buffer },
    ) {
      const dek = dataKeyOf(dataKey);
      return {
        data: seal(dek, a.data, aad(reportId, 'attachment', a.id)),
        meta: seal(
          dek,
          JSON.stringify({ filename: a.filename, sha256: a.sha256 }),
          aad(reportId, 'attachment-meta', a.id),
        ),
      };
    },
    openNarrative(report: { id: string; sealed: { dataKey: Buffer; narrative: Buffer } }): string {
      return open(
        dataKeyOf(report.sealed.dataKey),
        report.sealed.narrative,
        aad(report.id, 'narrative'),
      ).toString('utf8');
    },
    openSubjects(report: {
      id: string;
      sealed: { dataKey: Buffer; subjects: Buffer | null };
    }): string | null {
      const { subjects, dataKey } = report.sealed;
      return subjects
        ? open(dataKeyOf(dataKey), subjects, aad(report.id, 'subjects')).toString('utf8')
        : null;
    },
    /** Seals the observables of a report's text (`[{type, value}]` as JSON). */
    sealObservables(reportId: string, dataKey: Buffer, json: string): Buffer {
      return seal(dataKeyOf(dataKey), json, aad(reportId, 'observables'));
    },
    openObservables(report: {
      id: string;
      sealed: { dataKey: Buffer; observables?: Buffer | null };
    }): string | null {
      const { observables, dataKey } = report.sealed;
      return observables
        ? open(dataKeyOf(dataKey), observables, aad(report.id, 'observables')).toString('utf8')
        : null;
    },
    /** Seals a new who/what for an existing report (an operator's answer). */
    sealSubjects(reportId: string, dataKey: Buffer, subjects: string): Buffer {
      return seal(dataKeyOf(dataKey), subjects, aad(reportId, 'subjects'));
    },
    /** A file stored before schema version 14, sealed whole under the report's data key. */
    openAttachment(
      reportId: string,
      dataKey: Buffer,
      attachmentId: string,
      sealed: Buffer,
    ): Buffer {
      return open(dataKeyOf(dataKey), sealed, aad(reportId, 'attachment', attachmentId));
    },
    /** An attachment's name and SHA-256 (never its key). */
    openAttachmentFacts(
      reportId: string,
      dataKey: Buffer,
      attachmentId: string,
      sealedMeta: Buffer,
    ): AttachmentFacts {
      const { filename, sha256 } = openFacts(reportId, dataKey, attachmentId, sealedMeta);
      return { filename, sha256 };
    },
    /** The key of an attachment's segments; null for a file sealed whole (before version 14). */
    openFileKey(
      reportId: string,
      dataKey: Buffer,
      attachmentId: string,
      sealedMeta: Buffer,
    ): Buffer | null {
      const { fileKey } = openFacts(reportId, dataKey, attachmentId, sealedMeta);
      return typeof fileKey === 'string' ? Buffer.from(fileKey, 'base64') : null;
    },
    sealMessage(reportId: string, dataKey: Buffer, messageId: string, text: string): Buffer {
      return seal(dataKeyOf(dataKey), text, aad(reportId, 'message', messageId));
    },
    openMessage(reportId: string, dataKey: Buffer, messageId: string, sealed: Buffer): string {
      return open(dataKeyOf(dataKey), sealed, aad(reportId, 'message', messageId)).toString('utf8');
    },
    /** Blind-index tokens a search query must all match. */
    queryTokens: (q: string) => queryTokens(q, keys.indexKey),
  };
}

export type Vault = ReturnType<typeof createVault>;
