/**
 * A case action's state for its form: busy while it runs, then what happened, said
 * in the form (role=status). A 401 says nothing here: the sign-in gate takes over.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';

export interface ActionResult {
  text: string;
  error: boolean;
}

export function useAction() {
  const { t } = useTranslation('common');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);

  const say = (text: string, error = false) => setResult({ text, error });

  /** Runs `action`; resolves true when it succeeded. */
  async function run(pending: string, action: () => Promise<string>): Promise<boolean> {
    setBusy(true);
    say(pending);
    try {
      say(await action());
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setResult(null);
      else if (err instanceof ApiError && err.status === 403) say(t('action.forbidden'), true);
      else if (err instanceof ApiError && err.status === 404) say(t('action.gone'), true);
      else
        say(
          t('action.failed', { message: err instanceof Error ? err.message : String(err) }),
          true,
        );
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, result, say, run };
}

export function ResultLine({ result }: { result: ActionResult | null }) {
  return (
    <p className={result?.error ? 'result bad' : 'result'} role="status">
      {result?.text ?? ''}
    </p>
  );
}
