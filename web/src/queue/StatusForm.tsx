/** Change a case's status, with a reason for the audit trail (POST /reports/:id/status). */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import { useLang } from '../i18n.js';
import { labelOf } from '../meta.js';
import { useMeta } from '../shell/context.js';
import type { ReportView } from './types.js';
import { ResultLine, useAction } from './useAction.js';

export function StatusForm({
  report,
  onDone,
}: {
  report: ReportView;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  const id = useId();
  // Starts at the case's status; later updates leave a choice alone.
  const [status, setStatus] = useState<string>(report.status);
  const [reason, setReason] = useState('');
  const statusRef = useRef<HTMLSelectElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const { busy, result, say, run } = useAction();
  const label = (code: string) => labelOf(meta.statuses, code, lng);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (status === report.status) {
      say(t('status.same', { status: label(status) }), true);
      statusRef.current?.focus();
      return;
    }
    if (!reason.trim()) {
      say(t('status.needReason'), true);
      reasonRef.current?.focus();
      return;
    }
    const done = await run(t('status.saving'), async () => {
      await call(`reports/${encodeURIComponent(report.id)}/status`, {
        body: { status, reason: reason.trim() },
      });
      return t('status.done', { status: label(status) });
    });
    if (done) {
      setReason('');
      await onDone();
    }
  }

  return (
    <form
      className="case-form"
      noValidate
      aria-label={t('status.heading')}
      onSubmit={(e) => void submit(e)}
    >
      <h4>{t('status.heading')}</h4>
      <label htmlFor={`${id}-status`}>{t('status.new')}</label>
      <select
        id={`${id}-status`}
        ref={statusRef}
        value={status}
        onChange={(e) => setStatus(e.target.value)}
      >
        {meta.statuses.map((s) => (
          <option key={s.code} value={s.code}>
            {s[lng]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{t('status.reason')}</label>
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
        {t('status.submit')}
      </button>
      <ResultLine result={result} />
    </form>
  );
}
