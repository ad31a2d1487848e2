/**
 * A report opened from the list: read anew when opened (GET /api/v1/reports/:id, on the
 * audit trail), shown with its facts, text, flags, findings, attachments and messages,
 * and worked: its status, a question to the reporter, and (supervisors) its office.
 * Live updates of the report (report.updated: a status, a message, an answer) reach the
 * panel through the list's store.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api.js';
import { QuestionForm, StatusForm } from '../common/CaseForms.js';
import { useSession } from '../shell/context.js';
import { AssignForm } from './AssignForm.js';
import { Attachments, CaseFacts, Findings, Flags } from './CaseFacts.js';
import { Observables } from './Observables.js';
import type { QueueState, QueueStore } from './queue-store.js';
import { Thread } from './Thread.js';
import type { ReportView } from './types.js';

type Loaded =
  | { state: 'loading' }
  | { state: 'ready'; report: ReportView }
  | { state: 'failed'; status: number | null; message: string };

export function CasePanel({
  id,
  store,
  state,
  onClose,
}: {
  id: string;
  store: QueueStore;
  state: QueueState;
  onClose: () => void;
}) {
  const { t } = useTranslation('queue');
  const { me } = useSession();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  const read = useCallback(async () => {
    try {
      const report = await call<ReportView>(`reports/${encodeURIComponent(id)}`);
      setLoaded({ state: 'ready', report });
      store.showReport(report);
    } catch (err) {
      setLoaded({
        state: 'failed',
        status: err instanceof ApiError ? err.status : null,
        message: err instanceof Error ? err.message : String(err),
      });
    }
  }, [id, store]);

  useEffect(() => {
    setLoaded({ state: 'loading' });
    void read();
  }, [read]);

  // The list's copy is the newest once it has one (live updates land there).
  const listed = state.reports.rows.byId.get(id)?.full ?? null;
  const report = loaded.state === 'ready' ? (listed ?? loaded.report) : null;
  const supervisor = me.roles.includes('supervisor');

  return (
    <section className="case" aria-labelledby="case-heading" data-testid="case" data-case-for={id}>
      <div className="case-head">
        <h3 id="case-heading">
          {t('case.heading')} <span className="mono">{id}</span>
        </h3>
        <button type="button" className="secondary small" onClick={onClose}>
          {t('case.close')}
        </button>
      </div>
      {loaded.state === 'loading' && <p aria-busy="true">{t('case.loading')}</p>}
      {loaded.state === 'failed' && (
        <p role="alert" className="error">
          {loaded.status === 404 ? t('case.gone') : t('case.failed', { message: loaded.message })}
        </p>
      )}
      {report && (
        <>
          <CaseFacts report={report} />
          <section>
            <h4>{t('section.narrative')}</h4>
            <p className="narrative text" dir="auto" data-testid="narrative">
              {report.narrative}
            </p>
          </section>
          <Flags report={report} />
          <Findings report={report} />
          <Observables report={report} />
          <Attachments report={report} />
          <div className="case-columns">
            <Thread messages={report.messages} />
            <div className="case-forms">
              <StatusForm key={`status-${report.id}`} report={report} onDone={read} />
              <QuestionForm key={`question-${report.id}`} reportId={report.id} onDone={read} />
              {supervisor && (
                <AssignForm key={`assign-${report.id}`} report={report} onDone={read} />
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
