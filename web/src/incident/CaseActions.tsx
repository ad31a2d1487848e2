/**
 * The selected report's case actions that exist today: change its status (with a
 * reason, audited) and send the reporter a message (seen with the receipt). Each shows
 * the server's error text, and reads the report again when done.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import { useMeta } from '../shell/context.js';
import type { Language } from '../i18n.js';
import { ErrorText } from './ErrorText.js';
import type { ReportBody } from './types.js';

export function CaseActions({ report, onChanged }: { report: ReportBody; onChanged: () => void }) {
  const { t } = useTranslation('incident');
  return (
    <section aria-labelledby="case-actions-title" className="case-actions">
      <h3 id="case-actions-title">{t('case.title')}</h3>
      <StatusForm key={`status-${report.id}`} report={report} onChanged={onChanged} />
      <MessageForm key={`message-${report.id}`} report={report} onChanged={onChanged} />
    </section>
  );
}

function StatusForm({ report, onChanged }: { report: ReportBody; onChanged: () => void }) {
  const { t, i18n } = useTranslation('incident');
  const lng: Language = i18n.language === 'zh' ? 'zh' : 'en';
  const meta = useMeta();
  const ids = useId();
  const [status, setStatus] = useState(report.status);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await call(`reports/${encodeURIComponent(report.id)}/status`, {
        method: 'POST',
        body: { status, reason },
      });
      setDone(
        t('case.statusDone', {
          status: meta.statuses.find((s) => s.code === status)?.[lng] ?? status,
        }),
      );
      setReason('');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="compact-form" aria-labelledby={`${ids}-legend`}>
      <h4 id={`${ids}-legend`}>{t('case.status')}</h4>
      <label>
        {t('case.newStatus')}{' '}
        <select
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
          data-testid="status-select"
        >
          {meta.statuses.map((s) => (
            <option key={s.code} value={s.code}>
              {s[lng]}
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
          data-testid="status-reason"
        />
      </label>
      <button type="submit" disabled={busy}>
        {t('case.setStatus')}
      </button>
      {done && (
        <p role="status" className="done">
          {done}
        </p>
      )}
      {error !== null && <ErrorText error={error} />}
    </form>
  );
}

function MessageForm({ report, onChanged }: { report: ReportBody; onChanged: () => void }) {
  const { t } = useTranslation('incident');
  const ids = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await call(`reports/${encodeURIComponent(report.id)}/messages`, {
        method: 'POST',
        body: { text },
      });
      setDone(t('case.messageDone'));
      setText('');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="compact-form" aria-labelledby={`${ids}-legend`}>
      <h4 id={`${ids}-legend`}>{t('case.message')}</h4>
      <label>
        {t('case.messageText')}{' '}
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
          rows={2}
          data-testid="message-text"
        />
      </label>
      <button type="submit" disabled={busy}>
        {t('case.send')}
      </button>
      {done && (
        <p role="status" className="done">
          {done}
        </p>
      )}
      {error !== null && <ErrorText error={error} />}
    </form>
  );
}
