/** Whether the live stream is open, reconnecting, or refused. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../live/stream.js';

function text(status: LiveStatus, t: TFunction<'queue'>) {
  switch (status.state) {
    case 'connecting':
      return t(status.reconnect ? 'live.reconnecting' : 'live.connecting');
    case 'live':
      return t('live.on');
    case 'waiting':
      return t('live.waiting', { seconds: Math.ceil(status.retryInMs / 1000) });
    case 'stopped':
      return t(status.why === 'forbidden' ? 'live.forbidden' : 'live.ended');
  }
}

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useTranslation('queue');
  return (
    <p
      className={`live live-${status.state}`}
      role="status"
      title={t('live.label')}
      data-testid="live"
      data-state={status.state}
    >
      <span className="live-dot" aria-hidden="true" />
      {text(status, t)}
    </p>
  );
}
