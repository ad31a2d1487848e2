/**
 * The selected report: what the reporter said (as text, never as markup), when and
 * where as normalized, its flags and findings with the catalogue's explanations,
 * its attachments with what their bytes say (common/MediaFacts.tsx), the messages
 * with the reporter, and its case actions (status, a message).
 */
import { useTranslation } from 'react-i18next';
import { useMeta } from '../shell/context.js';
import { flagText, labelOf } from '../meta.js';
import type { Language } from '../i18n.js';
import { Time } from '../time.js';
import { useErrorLine } from '../common/ErrorText.js';
import { localReading, utcInterval } from '../common/format.js';
import { AttachmentList, FindingFile, FindingReusedText } from '../common/MediaFacts.js';
import { CaseActions } from './CaseActions.js';
import { placeText } from './Timeline.js';
import type { ReportBody } from './types.js';
import type { ReportEntry } from './useIncident.js';

export function ReportDetails({
  reportId,
  entry,
  onChanged,
}: {
  reportId: string;
  entry: ReportEntry | undefined;
  onChanged: () => void;
}) {
  const { t } = useTranslation('incident');
  const errorLine = useErrorLine();
  return (
    <section
      aria-labelledby="report-title"
      className="incident-section report-details"
      data-testid="report-details"
    >
      <h2 id="report-title">{t('report.title', { id: reportId })}</h2>
      {entry === undefined ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : entry.state === 'failed' ? (
        <p role="alert">{t('report.failed', { message: errorLine(entry.error) })}</p>
      ) : (
        <Details report={entry.report} onChanged={onChanged} />
      )}
    </section>
  );
}

function Details({ report, onChanged }: { report: ReportBody; onChanged: () => void }) {
  const { t, i18n } = useTranslation('incident');
  const lng: Language = i18n.language === 'zh' ? 'zh' : 'en';
  const meta = useMeta();
  const time = report.time;
  return (
    <>
      <dl className="report-facts">
        <div>
          <dt>{t('report.category')}</dt>
          <dd data-testid="report-category">{report.category ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('report.channel')}</dt>
          <dd>{labelOf(meta.channels, report.channel, lng)}</dd>
        </div>
        <div>
          <dt>{t('report.status')}</dt>
          <dd data-testid="report-status">{labelOf(meta.statuses, report.status, lng)}</dd>
        </div>
        <div>
          <dt>{t('report.received')}</dt>
          <dd>
            <Time iso={report.receivedAt} />
          </dd>
        </div>
        <div>
          <dt>{t('report.utc')}</dt>
          <dd>{time ? utcInterval(time.observedFrom, time.observedTo) : '—'}</dd>
        </div>
        <div>
          <dt>{t('report.local')}</dt>
          <dd>
            {time
              ? t('timeline.local', {
                  reading: localReading(time.observedLocal, time.observedLocalEnd),
                  zone: time.timezone ?? t('timeline.noZone'),
                })
              : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('report.place')}</dt>
          <dd>{placeText(report, lng, t)}</dd>
        </div>
        {report.place?.text ? (
          <div>
            <dt>{t('report.placeText')}</dt>
            <dd>{report.place.text}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('report.queue')}</dt>
          <dd>{labelOf(meta.queues, report.queue, lng)}</dd>
        </div>
        <div>
          <dt>{t('report.pinned')}</dt>
          <dd>{report.incidentPinned ? t('report.pinnedYes') : t('report.pinnedNo')}</dd>
        </div>
        {report.incidentReason ? (
          <div data-testid="report-incident-reason">
            <dt>
              {t(
                report.incidentReason === 'cluster.citywide'
                  ? 'report.incidentGuess'
                  : 'report.incidentReason',
              )}
            </dt>
            <dd>{flagText(meta, report.incidentReason, lng)}</dd>
          </div>
        ) : null}
        {report.seenFromAfar || report.saysRepeat ? (
          <div>
            <dt>{t('report.textSays')}</dt>
            <dd data-testid="report-text-says">
              {[
                report.seenFromAfar ? t('report.seenFromAfar') : null,
                report.saysRepeat ? t('report.saysRepeat') : null,
              ]
                .filter((line) => line !== null)
                .join(lng === 'zh' ? '；' : '; ')}
            </dd>
          </div>
        ) : null}
      </dl>
      <h3>{t('report.narrative')}</h3>
      <p className="narrative" data-testid="report-narrative">
        {report.narrative}
      </p>
      {report.subjects ? (
        <>
          <h3>{t('report.subjects')}</h3>
          <p className="narrative">{report.subjects}</p>
        </>
      ) : null}
      <h3>{t('report.flags')}</h3>
      {report.flags.length === 0 ? (
        <p className="muted">{t('report.noFlags')}</p>
      ) : (
        <ul className="flags" data-testid="report-flags">
          {report.flags.map((code) => (
            <li key={code}>
              <code>{code}</code> — {flagText(meta, code, lng)}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('report.findings')}</h3>
      {report.findings.length === 0 ? (
        <p className="muted">{t('report.noFindings')}</p>
      ) : (
        <ul className="findings" data-testid="report-findings">
          {report.findings.map((f, i) => (
            <li key={i} className={`severity-${f.severity}`}>
              <strong>{labelOf(meta.severities, f.severity, lng)}</strong> <code>{f.code}</code> —{' '}
              {flagText(meta, f.code, lng)}
              {f.message ? <span className="finding-message">{f.message[lng]}</span> : null}
              <span className="muted">
                {' '}
                {t('report.check', { check: f.check, version: f.checkVersion })}
              </span>
              <FindingFile attachments={report.attachments} evidence={f.evidence} />
              <FindingReusedText code={f.code} evidence={f.evidence} />
            </li>
          ))}
        </ul>
      )}
      <AttachmentList
        reportId={report.id}
        attachments={report.attachments}
        findings={report.findings}
        heading="h3"
      />
      <h3>{t('report.messages')}</h3>
      {report.messages.length === 0 ? (
        <p className="muted">{t('report.noMessages')}</p>
      ) : (
        <ol className="messages" data-testid="report-messages">
          {report.messages.map((m) => (
            <li key={m.id}>
              <strong>
                {m.author === 'reporter' ? t('report.fromReporter') : t('report.fromOperator')}
              </strong>{' '}
              <Time iso={m.at} />: <span className="narrative">{m.text}</span>
            </li>
          ))}
        </ol>
      )}
      <CaseActions report={report} onChanged={onChanged} />
    </>
  );
}
