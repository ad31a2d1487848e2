/**
 * The selected report's case actions: change its status (with a reason, audited) and
 * ask the reporter a question (seen with the receipt), the same forms as the queue's
 * case panel; the report is read again when one is done.
 */
import { useTranslation } from 'react-i18next';
import { QuestionForm, StatusForm } from '../common/CaseForms.js';
import type { ReportBody } from './types.js';

export function CaseActions({ report, onChanged }: { report: ReportBody; onChanged: () => void }) {
  const { t } = useTranslation('incident');
  return (
    <section aria-labelledby="case-actions-title" className="case-actions">
      <h3 id="case-actions-title">{t('case.title')}</h3>
      <StatusForm key={`status-${report.id}`} report={report} onDone={onChanged} />
      <QuestionForm key={`message-${report.id}`} reportId={report.id} onDone={onChanged} />
    </section>
  );
}
