/** Something the queue could not do (a list, a page, a live update), until dismissed. */
import { useTranslation } from 'react-i18next';
import type { QueueNotice } from './queue-store.js';

export function Notice({ notice, onDismiss }: { notice: QueueNotice; onDismiss: () => void }) {
  const { t } = useTranslation('queue');
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span>
        {t(`notice.${notice.action}`, {
          status: notice.status ?? t('notice.network'),
          message: notice.message,
        })}
      </span>{' '}
      <button type="button" className="secondary small" onClick={onDismiss}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
