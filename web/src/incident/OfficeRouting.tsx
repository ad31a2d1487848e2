/**
 * Routing the incident, with all its reports, to a field office (supervisors): the
 * offices are read only when the form is opened, so other roles never ask for them.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import { OfficeForm } from '../common/CaseForms.js';
import { ErrorText } from '../common/ErrorText.js';
import type { OfficesAnswer } from './types.js';

export function OfficeRouting({
  incidentId,
  officeId,
  onDone,
}: {
  incidentId: string;
  officeId: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation('incident');
  const [offices, setOffices] = useState<OfficesAnswer['items'] | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function openForm() {
    setOpen(true);
    setError(null);
    try {
      setOffices((await call<OfficesAnswer>('offices')).items);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="office-title" className="incident-section" data-testid="office">
      <h2 id="office-title">{t('office.title')}</h2>
      {!open ? (
        <button type="button" onClick={() => void openForm()}>
          {t('office.open')}
        </button>
      ) : offices === null ? (
        error === null && <p aria-busy="true">{t('loading')}</p>
      ) : (
        <OfficeForm
          path={`incidents/${encodeURIComponent(incidentId)}/assignment`}
          officeId={officeId}
          offices={offices}
          title={t('office.form')}
          submitLabel={t('office.submit')}
          onDone={onDone}
        />
      )}
      {error !== null && <ErrorText error={error} />}
    </section>
  );
}
