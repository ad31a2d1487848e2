/** One incident in the list: how many reports and sources, confidence, kinds, span, place. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n.js';
import { kindText } from '../meta.js';
import { useMeta } from '../shell/context.js';
import { hrefOf } from '../shell/route.js';
import { Time } from '../time.js';
import { coordinate, percent } from '../common/format.js';
import type { IncidentItem } from './types.js';

export const INCIDENT_ROW_HEIGHT = 72;

export const IncidentRow = memo(function IncidentRow({
  item,
  lng,
}: {
  item: IncidentItem;
  lng: Language;
}) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const confidence = percent(item.confidence, lng);
  return (
    <div className="incident-row">
      <div className="row-line">
        <a className="mono" href={hrefOf({ view: 'incident', id: item.id })}>
          {item.id}
        </a>
        {typeof item.reportCount === 'number' && (
          <span className="count" data-count={item.reportCount}>
            {t('incident.reports', { count: item.reportCount })}
          </span>
        )}
        {typeof item.independentSources === 'number' && (
          <span>{t('incident.sources', { count: item.independentSources })}</span>
        )}
        {confidence && <span>{t('incident.confidence', { value: confidence })}</span>}
        {item.officeId && <span>{t('incident.office', { office: item.officeId })}</span>}
      </div>
      <div className="row-line sub">
        <span>
          <Time iso={item.start} />
          {item.end && item.end !== item.start && (
            <>
              {' – '}
              <Time iso={item.end} />
            </>
          )}
        </span>
        {item.centroid && (
          <span className="mono">
            {coordinate(item.centroid.lat)}, {coordinate(item.centroid.lon)}
          </span>
        )}
        {(item.kinds ?? []).map((k) => (
          <span key={k} className="badge kind">
            {kindText(meta, k, lng)}
          </span>
        ))}
        {item.lastActivity && (
          <span>
            {t('incident.lastActivity')} <Time iso={item.lastActivity} />
          </span>
        )}
      </div>
    </div>
  );
});
