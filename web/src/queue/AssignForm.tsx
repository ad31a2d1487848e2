/**
 * Route a case to a field office, or to none (supervisors: POST /reports/:id/assignment),
 * choosing among GET /api/v1/offices, read when the case opens.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import { OfficeForm, type Office } from '../common/CaseForms.js';
import type { ReportView } from './types.js';

export function AssignForm({
  report,
  onDone,
}: {
  report: ReportView;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('queue');
  const [offices, setOffices] = useState<Office[] | null>(null);

  useEffect(() => {
    let live = true;
    call<{ items: Office[] }>('offices').then(
      (answer) => live && setOffices(answer.items),
      () => live && setOffices([]),
    );
    return () => {
      live = false;
    };
  }, []);

  if (offices !== null && offices.length === 0 && !report.officeId)
    return <p className="hint">{t('assign.noOffices')}</p>;
  return (
    <OfficeForm
      path={`reports/${encodeURIComponent(report.id)}/assignment`}
      officeId={report.officeId}
      offices={offices ?? []}
      title={t('assign.heading')}
      submitLabel={t('assign.submit')}
      onDone={onDone}
    />
  );
}
