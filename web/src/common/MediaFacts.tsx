/**
 * A report's attachments as evidence, wherever a report is read (the queue's case
 * panel, the incident view): each file's name and declared type, what its bytes say
 * (media-facts.ts), the findings whose evidence names it, and two downloads: the copy
 * without identifying metadata (the server's default) and the original. Everything
 * is text: no file is ever shown inline (the server sends them as downloads), so a
 * refused file has no preview either.
 */
import { useTranslation } from 'react-i18next';
import type { MediaFacts as Facts } from '../../../src/domain/media.js';
import type { reportView } from '../../../src/export/views.js';
import { API } from '../api.js';
import { useLang } from '../i18n.js';
import { flagText, labelOf } from '../meta.js';
import { useMeta } from '../shell/context.js';
import { Time } from '../time.js';
import { formatBytes } from './format.js';
import {
  attachmentNamed,
  findingsAbout,
  hasStrippedCopy,
  mediaRows,
  reusedTextOf,
  similarityText,
  type Say,
} from './media-facts.js';
import './media.css';

type ReportView = ReturnType<typeof reportView>;
type Finding = ReportView['findings'][number];
/** An attachment as GET /api/v1/reports/:id answers it; `media` from F8 on (absent before). */
export type AttachmentView = ReportView['attachments'][number] & { media?: Facts | null };

/** The path of an attachment's download: the stripped copy, or the original. */
export function attachmentHref(reportId: string, attachmentId: string, original = false): string {
  const path = `${API}reports/${encodeURIComponent(reportId)}/attachments/${encodeURIComponent(attachmentId)}`;
  return original ? `${path}?copy=original` : path;
}

function useSay(): Say {
  const { t } = useTranslation('media');
  return (key, values) => t(key, values ?? {});
}

/** One attachment's facts read from its bytes; nothing when the server read none. */
export function MediaFacts({ attachment }: { attachment: AttachmentView }) {
  const lng = useLang();
  const say = useSay();
  const rows = mediaRows(attachment.media, attachment, lng, say);
  if (rows.length === 0) return null;
  return (
    <dl className="media-facts" data-testid="media-facts">
      {rows.map((row) => (
        <div key={row.fact} data-fact={row.fact} className={row.warn ? 'warn' : undefined}>
          <dt>{row.term}</dt>
          <dd>
            {row.iso ? (
              <Time iso={row.iso} seconds />
            ) : (
              <span className="text" dir="auto">
                {row.text}
              </span>
            )}
            {row.note && (
              <span className="media-note" dir="auto">
                {row.note}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function AttachmentFindings({ findings }: { findings: Finding[] }) {
  const { t } = useTranslation('media');
  const meta = useMeta();
  const lng = useLang();
  if (findings.length === 0) return null;
  return (
    <div className="media-findings">
      <span className="media-term">{t('term.findings')}</span>
      <ul>
        {findings.map((f) => (
          <li
            key={`${f.check}:${f.code}:${f.at}`}
            className={`severity-${f.severity}`}
            data-finding={f.code}
          >
            <strong>{labelOf(meta.severities, f.severity, lng)}</strong> <code>{f.code}</code> —{' '}
            {flagText(meta, f.code, lng)}
            {f.message ? <span className="media-note">{f.message[lng]}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "on GPS.jpg" after a finding in a report's list, when its evidence names one of the files. */
export function FindingFile({
  attachments,
  evidence,
}: {
  attachments: readonly AttachmentView[];
  evidence: Record<string, unknown>;
}) {
  const { t } = useTranslation('media');
  const file = attachmentNamed(attachments, evidence);
  if (!file) return null;
  return (
    <span className="media-sub" data-finding-file={file.id}>
      {' '}
      {t('findingOn', { file: file.filename })}
    </span>
  );
}

/**
 * Under a `media.reused` finding of kind text: each earlier report its narrative copies,
 * with how alike (never any of the text: the evidence holds none).
 */
export function FindingReusedText({
  code,
  evidence,
}: {
  code: string;
  evidence: Record<string, unknown>;
}) {
  const { t } = useTranslation('media');
  const reused = reusedTextOf({ code, evidence });
  if (!reused || reused.matches.length === 0) return null;
  return (
    <ul className="media-sub" data-testid="finding-reused-text">
      {reused.matches.map((m) => (
        <li key={m.reportId}>
          {t('reused.text', { report: m.reportId, similarity: similarityText(m.similarity) })}
        </li>
      ))}
      {reused.more > 0 && <li>{t('reused.more', { count: reused.more })}</li>}
    </ul>
  );
}

/** The attachments of a report with their evidence and downloads; nothing when it has none. */
export function AttachmentList({
  reportId,
  attachments,
  findings,
  heading: Heading = 'h4',
}: {
  reportId: string;
  attachments: readonly AttachmentView[];
  findings: readonly Finding[];
  heading?: 'h3' | 'h4';
}) {
  const { t } = useTranslation('media');
  const lng = useLang();
  if (attachments.length === 0) return null;
  return (
    <section className="media-attachments" data-testid="attachments">
      <Heading>{t('heading')}</Heading>
      <ul className="attachments">
        {attachments.map((a) => (
          <li key={a.id} data-attachment={a.id}>
            <div>
              <span className="text" dir="auto" data-testid="attachment-name">
                {a.filename}
              </span>{' '}
              <span className="media-sub">
                {t('declared', { type: a.contentType, size: formatBytes(a.sizeBytes, lng) })}
              </span>{' '}
              {a.sha256 && (
                <span className="media-sub mono" title={a.sha256}>
                  sha256 {a.sha256.slice(0, 12)}…
                </span>
              )}{' '}
              {a.hiddenCharactersInName && <span className="media-hidden">{t('hiddenName')}</span>}
            </div>
            <MediaFacts attachment={a} />
            <AttachmentFindings findings={findingsAbout(findings, a.id)} />
            <div className="media-downloads">
              {hasStrippedCopy(a.media) && (
                <a href={attachmentHref(reportId, a.id)} download data-download="copy">
                  {t('download.copy')}
                </a>
              )}
              <a
                href={attachmentHref(reportId, a.id, true)}
                download
                data-download="original"
                title={t('download.originalHint')}
              >
                {hasStrippedCopy(a.media) ? t('download.original') : t('download.asReceived')}
              </a>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
