/**
 * Times in the viewer's zone, with the UTC instant on hover (`title`). A bad or
 * missing value shows as a dash, never as "Invalid Date".
 */
import { currentLanguage } from './i18n.js';

const locale = () => (currentLanguage() === 'zh' ? 'zh-CN' : 'en-GB');

export function formatLocal(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(locale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    timeZoneName: 'short',
  }).format(d);
}

export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().replace('.000Z', 'Z') + ' (UTC)';
}

/** `<time>` showing the viewer's local time, UTC on hover. */
export function Time({
  iso,
  seconds = false,
}: {
  iso: string | null | undefined;
  seconds?: boolean;
}) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {formatLocal(iso, seconds)}
    </time>
  );
}
