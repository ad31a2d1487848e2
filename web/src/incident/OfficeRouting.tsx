/**
 * Routing the incident, with all its reports, to a field office (supervisors): the
 * offices are read only when the form is opened, so other roles never ask for them.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import { ErrorText } from './ErrorText.js';
import type { OfficesAnswer } from './types.js';

const NONE = '';

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
  const [choice, setChoice] = useState(officeId ?? NONE);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  async function openForm() {
    setOpen(true);
    setError(null);
    try {
      setOffices((await call<OfficesAnswer>('offices')).items);
    } catch (err) {
      setError(err);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await call(`incidents/${encodeURIComponent(incidentId)}/assignment`, {
        method: 'POST',
        body: { officeId: choice === NONE ? null : choice, reason },
      });
      const name = offices?.find((o) => o.id === choice)?.name;
      setDone(name ? t('office.done', { office: name }) : t('office.doneNone'));
      setReason('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
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
        <form onSubmit={submit} className="compact-form">
          <label>
            {t('office.choose')}{' '}
            <select
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              data-testid="office-select"
            >
              <option value={NONE}>{t('office.none')}</option>
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('reason')}{' '}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              maxLength={500}
              data-testid="office-reason"
            />
          </label>
          <button type="submit" disabled={busy}>
            {t('office.submit')}
          </button>
        </form>
      )}
      {done && (
        <p role="status" className="done">
          {done}
        </p>
      )}
      {error !== null && <ErrorText error={error} />}
    </section>
  );
}
