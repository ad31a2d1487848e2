/**
 * A form whose action changes what an incident holds: filling it in asks first
 * ("Merge … into …?"), then calls the server, then says what happened or shows the
 * server's error text.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../common/ErrorText.js';

export function ConfirmedAction({
  title,
  testId,
  ready,
  submitLabel,
  question,
  confirmLabel,
  run,
  children,
}: {
  title: string;
  testId: string;
  /** Whether the form holds what the action needs. */
  ready: boolean;
  submitLabel: string;
  question: string;
  confirmLabel: string;
  /** Calls the server; resolves to what to say once done. */
  run: () => Promise<ReactNode>;
  children: ReactNode;
}) {
  const { t } = useTranslation('incident');
  const ids = useId();
  const [phase, setPhase] = useState<'edit' | 'confirm' | 'busy'>('edit');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ReactNode>(null);

  function ask(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    setError(null);
    setDone(null);
    setPhase('confirm');
  }

  async function go() {
    setPhase('busy');
    try {
      setDone(await run());
    } catch (err) {
      setError(err);
    } finally {
      setPhase('edit');
    }
  }

  return (
    <form onSubmit={ask} className="rework" aria-labelledby={`${ids}-title`} data-testid={testId}>
      <h3 id={`${ids}-title`}>{title}</h3>
      <fieldset disabled={phase !== 'edit'}>
        <legend className="visually-hidden">{title}</legend>
        {children}
        <button type="submit" disabled={!ready}>
          {submitLabel}
        </button>
      </fieldset>
      {phase !== 'edit' && (
        <div role="group" aria-labelledby={`${ids}-question`} className="confirm">
          <p id={`${ids}-question`}>{question}</p>
          <button type="button" onClick={() => void go()} disabled={phase === 'busy'} autoFocus>
            {confirmLabel}
          </button>{' '}
          <button type="button" onClick={() => setPhase('edit')} disabled={phase === 'busy'}>
            {t('cancel')}
          </button>
        </div>
      )}
      {done !== null && (
        <p role="status" className="done">
          {done}
        </p>
      )}
      {error !== null && <ErrorText error={error} />}
    </form>
  );
}
