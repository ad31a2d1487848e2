/**
 * The incident at a glance: its kind (from the catalogue), whether it is open or
 * merged, its confidence as a percentage and a meter, independent sources, span,
 * centroid and radius, and the case statuses of its reports.
 */
import { useTranslation } from 'react-i18next';
import { hrefOf } from '../shell/route.js';
import { useMeta } from '../shell/context.js';
import { kindText, labelOf } from '../meta.js';
import { Time } from '../time.js';
import type { Language } from '../i18n.js';
import { coordinates, distance, percent } from '../common/format.js';
import type { IncidentBody } from './types.js';
import type { LiveMode } from './useIncident.js';

export function IncidentHeader({
  incident,
  statuses,
  live,
  onRefresh,
  refreshing,
}: {
  incident: IncidentBody;
  /** How many loaded reports are in each case status. */
  statuses: Record<string, number>;
  live: LiveMode;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { t, i18n } = useTranslation('incident');
  const lng: Language = i18n.language === 'zh' ? 'zh' : 'en';
  const meta = useMeta();
  const title = incident.category ? kindText(meta, incident.category, lng) : t('kind.none');
  const statusSummary = Object.entries(statuses)
    .map(([code, n]) =>
      t('header.statusCount', { status: labelOf(meta.statuses, code, lng), count: n }),
    )
    .join(' · ');
  return (
    <header className="incident-header">
      <h1 id="incident-title">
        {title} <span className="incident-id muted">{incident.id}</span>
      </h1>
      {incident.mergedInto ? (
        <p role="status" className="incident-merged" data-testid="merged-into">
          {t('header.mergedInto')}{' '}
          <a href={hrefOf({ view: 'incident', id: incident.mergedInto })}>{incident.mergedInto}</a>
        </p>
      ) : null}
      <div className="incident-refresh">
        <button type="button" onClick={onRefresh} disabled={refreshing}>
          {t('refresh')}
        </button>
        <span className="muted" data-testid="live-mode">
          {t(`live.${live}`)}
        </span>
      </div>
      <dl className="incident-facts">
        <div>
          <dt>{t('header.state')}</dt>
          <dd data-testid="incident-state">
            {incident.mergedInto ? t('header.merged') : t('header.open')}
            {statusSummary ? ` — ${statusSummary}` : ''}
          </dd>
        </div>
        <div>
          <dt id="confidence-label">{t('header.confidence')}</dt>
          <dd>
            <meter
              min={0}
              max={1}
              low={0.4}
              high={0.75}
              optimum={1}
              value={incident.confidence ?? 0}
              aria-labelledby="confidence-label"
            />{' '}
            <span data-testid="confidence">{percent(incident.confidence, lng) ?? '—'}</span>
          </dd>
        </div>
        <div>
          <dt>{t('header.sources')}</dt>
          <dd data-testid="independent-sources">{incident.independentSources}</dd>
        </div>
        <div>
          <dt>{t('header.reports')}</dt>
          <dd data-testid="report-count">{incident.reportCount}</dd>
        </div>
        <div>
          <dt>{t('header.span')}</dt>
          <dd>
            <Time iso={incident.start} /> – <Time iso={incident.end} />
          </dd>
        </div>
        <div>
          <dt>{t('header.place')}</dt>
          <dd data-testid="centroid">
            {incident.centroid
              ? t('header.centroid', {
                  point: coordinates(incident.centroid.lat, incident.centroid.lon),
                  radius: distance(incident.radiusMeters, lng),
                })
              : t('header.noPlace')}
          </dd>
        </div>
        <div>
          <dt>{t('header.kinds')}</dt>
          <dd>
            {incident.kinds.length
              ? incident.kinds.map((k) => kindText(meta, k, lng)).join(lng === 'zh' ? '、' : ', ')
              : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('header.office')}</dt>
          <dd>{incident.officeId ?? t('header.noOffice')}</dd>
        </div>
        <div>
          <dt>{t('header.lastActivity')}</dt>
          <dd>
            <Time iso={incident.lastActivity} />
          </dd>
        </div>
      </dl>
    </header>
  );
}
