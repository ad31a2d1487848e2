/** An action's failure in words: the server's own message and the fields it names. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation('incident');
  if (error instanceof ApiError) {
    return (
      <div role="alert" className="incident-error" data-testid="action-error">
        <p>{t('error.server', { status: error.status, message: error.message })}</p>
        {error.issues.length > 0 && (
          <ul>
            {error.issues.map((issue, i) => (
              <li key={i}>
                <code>{issue.path}</code>: {issue.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" className="incident-error" data-testid="action-error">
      {t('error.other', { message })}
    </p>
  );
}
