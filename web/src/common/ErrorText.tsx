/**
 * A failed call, said in the page's language (errors.ts): the sentence, then each field
 * the server refused, its path as written (so the field stays named) and its message.
 * Everything the server wrote is shown as text.
 */
import { useTranslation } from 'react-i18next';
import { errorLine, errorWords, type FieldIssue } from './errors.js';
import './errors.css';

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation('common');
  const { text, fields } = errorWords(error, t);
  return (
    <div role="alert" className="error-text" data-testid="action-error">
      <p>{text}</p>
      <FieldList fields={fields} />
    </div>
  );
}

/** The fields an error names: `path: message`, the path in code type. */
export function FieldList({ fields }: { fields: readonly FieldIssue[] }) {
  if (fields.length === 0) return null;
  return (
    <ul className="error-fields" data-testid="error-fields">
      {fields.map((f, i) => (
        <li key={i}>
          {f.path && <code>{f.path}</code>}
          {f.path && ': '}
          {f.message}
        </li>
      ))}
    </ul>
  );
}

/** Says a caught error as one line of text, in the page's language now. */
export function useErrorLine(): (error: unknown) => string {
  const { t } = useTranslation('common');
  return (error) => errorLine(error, t);
}
