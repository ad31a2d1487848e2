/** Where it happened: the point with its uncertainty, the reporter's words, the matched place. */
import { useTranslation } from 'react-i18next';
import { coordinate } from '../common/format.js';
import type { ReportItem } from './types.js';

export function locationOf(item: ReportItem) {
  if (item.full) return item.full.place;
  const { lat, lon } = item.live;
  return lat !== null && lon !== null ? { lat, lon, accuracyMeters: null, text: null } : null;
}

export function LocationText({ item, full = false }: { item: ReportItem; full?: boolean }) {
  const { t } = useTranslation('queue');
  const p = locationOf(item);
  if (!p) return <span className="muted">—</span>;
  const label = full && 'label' in p ? p.label : null;
  const point = typeof p.lat === 'number' && typeof p.lon === 'number';
  if (!point && !p.text) return <span className="muted">—</span>;
  return (
    <span className="location">
      {point && (
        <span className="mono">
          {coordinate(p.lat)}, {coordinate(p.lon)}
          {typeof p.accuracyMeters === 'number' &&
            ` ${t('location.accuracy', { meters: p.accuracyMeters })}`}
        </span>
      )}
      {p.text && (
        <span className="sub" dir="auto">
          {p.text}
        </span>
      )}
      {label && <span className="sub">{t('location.matched', { label })}</span>}
    </span>
  );
}
