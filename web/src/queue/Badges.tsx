/** Status, queue and flag badges, labelled and explained by the server's catalogue. */
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { flagText, labelOf } from '../meta.js';
import { useMeta } from '../shell/context.js';

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const meta = useMeta();
  const lng = useLang();
  if (!status) return <span className="muted">…</span>;
  const known = meta.statuses.some((s) => s.code === status);
  return (
    <span className={`badge status${known ? ` status-${status}` : ''}`} data-status={status}>
      {labelOf(meta.statuses, status, lng)}
    </span>
  );
}

/** Only the abuse queue is marked: it is the exception (supervisors see it). */
export function QueueBadge({ queue }: { queue: string | null | undefined }) {
  const meta = useMeta();
  const lng = useLang();
  if (queue !== 'abuse') return null;
  return <span className="badge abuse">{labelOf(meta.queues, queue, lng)}</span>;
}

/** Flag codes as badges, their meaning on hover. */
export function FlagBadges({ flags }: { flags: readonly string[] }) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  if (flags.length === 0) return <span className="muted">{t('row.noFlags')}</span>;
  return (
    <ul className="badges">
      {flags.map((code) => (
        <li key={code} className="badge flag" title={flagText(meta, code, lng)}>
          {code}
        </li>
      ))}
    </ul>
  );
}

/** Flags with their meaning written out (the case panel). */
export function FlagList({ flags }: { flags: readonly string[] }) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  if (flags.length === 0) return <p className="muted">{t('flags.none')}</p>;
  return (
    <ul className="flag-list">
      {flags.map((code) => (
        <li key={code} data-flag={code}>
          <code className="badge flag">{code}</code> <span>{flagText(meta, code, lng)}</span>
        </li>
      ))}
    </ul>
  );
}
