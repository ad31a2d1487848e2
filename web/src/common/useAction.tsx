/**
 * A case action's state for its form: busy while it runs, then what happened, said
 * in the form (role=status): a refusal in the viewer's words with the fields it names
 * (errors.ts). A 401 says nothing here: the sign-in gate takes over.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { errorWords, type FieldIssue } from './errors.js';
import { FieldList } from './ErrorText.js';

export interface ActionResult {
  text: string;
  error: boolean;
  fields?: FieldIssue[];
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
      else setResult({ ...errorWords(err, t), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, result, say, run };
}

export function ResultLine({ result }: { result: ActionResult | null }) {
  return (
    <div role="status">
      <p className={result?.error ? 'result bad' : 'result'}>{result?.text ?? ''}</p>
      {result?.fields && <FieldList fields={result.fields} />}
    </div>
  );
}
