/**
 * What the case panel shows of a report (the classic page's case view, and more):
 * status, queue, stage, office, channel, category, when received, its incident; the
 * narrative; when and where it happened; flags and findings with their meaning;
 * attachments with what their bytes say (common/MediaFacts.tsx). Everything the
 * reporter wrote is rendered as text.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { flagText, labelOf } from '../meta.js';
import { useMeta } from '../shell/context.js';
import { hrefOf } from '../shell/route.js';
import { Time } from '../time.js';
import { FlagList, QueueBadge, StatusBadge } from './Badges.js';
import { percent } from '../common/format.js';
import { AttachmentList, FindingFile, FindingReusedText } from '../common/MediaFacts.js';
import { LocationText } from './Location.js';
import { ObservedFull } from './Observed.js';
import { fullItem, type ReportView } from './types.js';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function CaseFacts({ report }: { report: ReportView }) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  const none = <span className="muted">{t('fact.none')}</span>;
  const completeness = percent(report.completeness?.score, lng);
  return (
    <dl className="case-facts">
      <Fact term={t('fact.status')}>
        <StatusBadge status={report.status} />
      </Fact>
      <Fact term={t('fact.statusSince')}>
        <Time iso={report.statusChangedAt} />
      </Fact>
      <Fact term={t('fact.queue')}>
        {report.queue === 'abuse' ? (
          <QueueBadge queue={report.queue} />
        ) : (
          labelOf(meta.queues, report.queue, lng)
        )}
      </Fact>
      <Fact term={t('fact.stage')}>{labelOf(meta.stages, report.stage, lng)}</Fact>
      <Fact term={t('fact.office')}>
        {report.officeId ? <span className="mono">{report.officeId}</span> : none}
      </Fact>
      <Fact term={t('fact.channel')}>{labelOf(meta.channels, report.channel, lng)}</Fact>
      <Fact term={t('fact.category')}>
        {report.category ? <span dir="auto">{report.category}</span> : none}
      </Fact>
      <Fact term={t('fact.received')}>
        <Time iso={report.receivedAt} seconds />
      </Fact>
      {report.externalId && (
        <Fact term={t('fact.externalId')}>
          <span className="mono" dir="auto">
            {report.externalId}
          </span>
        </Fact>
      )}
      <Fact term={t('fact.incident')}>
        {report.incidentId ? (
          <a className="mono" href={hrefOf({ view: 'incident', id: report.incidentId })}>
            {report.incidentId}
          </a>
        ) : (
          none
        )}
      </Fact>
      {completeness && <Fact term={t('fact.completeness')}>{completeness}</Fact>}
      <Fact term={t('fact.observed')}>
        <ObservedFull item={fullItem(report)} />
      </Fact>
      <Fact term={t('fact.location')}>
        <LocationText item={fullItem(report)} full />
      </Fact>
      {report.subjects && (
        <Fact term={t('fact.subjects')}>
          <span className="text" dir="auto">
            {report.subjects}
          </span>
        </Fact>
      )}
    </dl>
  );
}

export function Findings({ report }: { report: ReportView }) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  if (report.findings.length === 0) return null;
  return (
    <section>
      <h4>{t('section.findings')}</h4>
      <ul className="findings">
        {report.findings.map((f) => (
          <li key={`${f.check}:${f.code}:${f.at}`} className={`severity-${f.severity}`}>
            <span className="badge">{labelOf(meta.severities, f.severity, lng)}</span>{' '}
            <code title={flagText(meta, f.code, lng)}>{f.code}</code> <span>{f.message[lng]}</span>{' '}
            <span className="sub">
              {t('findings.check', { check: f.check, version: f.checkVersion })}
            </span>
            <FindingFile attachments={report.attachments} evidence={f.evidence} />
            <FindingReusedText code={f.code} evidence={f.evidence} />
            {Object.keys(f.evidence).length > 0 && (
              <details>
                <summary>{t('findings.evidence')}</summary>
                <pre className="evidence">{JSON.stringify(f.evidence, null, 2)}</pre>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The attachments as evidence, with their two downloads (shared with the incident view). */
export function Attachments({ report }: { report: ReportView }) {
  return (
    <AttachmentList
      reportId={report.id}
      attachments={report.attachments}
      findings={report.findings}
    />
  );
}

export function Flags({ report }: { report: ReportView }) {
  const { t } = useTranslation('queue');
  return (
    <section>
      <h4>{t('section.flags')}</h4>
      <FlagList flags={report.flags} />
    </section>
  );
}
