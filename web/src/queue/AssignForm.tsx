/**
 * Route a case to a field office, or to none (supervisors: POST /reports/:id/assignment),
 * choosing among GET /api/v1/offices.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import type { ReportView } from './types.js';
import { ResultLine, useAction } from './useAction.js';

interface Office {
  id: string;
  name: string;
}

/** The value of "no office" in the select. */
const NONE = '';

export function AssignForm({
  report,
  onDone,
}: {
  report: ReportView;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('queue');
  const id = useId();
  const [offices, setOffices] = useState<Office[] | null>(null);
  const [office, setOffice] = useState<string>(report.officeId ?? NONE);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLInputElement>(null);
  const { busy, result, say, run } = useAction();

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

  const nameOf = (officeId: string) => offices?.find((o) => o.id === officeId)?.name ?? officeId;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (office === (report.officeId ?? NONE)) {
      say(t('assign.same'), true);
      return;
    }
    if (!reason.trim()) {
      say(t('assign.needReason'), true);
      reasonRef.current?.focus();
      return;
    }
    const done = await run(t('assign.saving'), async () => {
      await call(`reports/${encodeURIComponent(report.id)}/assignment`, {
        body: { officeId: office === NONE ? null : office, reason: reason.trim() },
      });
      return office === NONE ? t('assign.doneNone') : t('assign.done', { office: nameOf(office) });
    });
    if (done) {
      setReason('');
      await onDone();
    }
  }

  if (offices !== null && offices.length === 0 && !report.officeId)
    return <p className="hint">{t('assign.noOffices')}</p>;
  return (
    <form
      className="case-form"
      noValidate
      aria-label={t('assign.heading')}
      onSubmit={(e) => void submit(e)}
    >
      <h4>{t('assign.heading')}</h4>
      <label htmlFor={`${id}-office`}>{t('assign.office')}</label>
      <select id={`${id}-office`} value={office} onChange={(e) => setOffice(e.target.value)}>
        <option value={NONE}>{t('assign.none')}</option>
        {(offices ?? []).map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{t('assign.reason')}</label>
      <input
        id={`${id}-reason`}
        ref={reasonRef}
        type="text"
        maxLength={500}
        autoComplete="off"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit" disabled={busy}>
        {t('assign.submit')}
      </button>
      <ResultLine result={result} />
    </form>
  );
}
