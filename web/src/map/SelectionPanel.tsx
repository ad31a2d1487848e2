/**
 * The side panel of what a click selected: an incident (kind, confidence, reports,
 * independent sources, span, uncertainty, and a link to its view) or a report (kind,
 * status, observed time, place ± accuracy, narrative, its incident). What the
 * feature itself says shows at once; the details follow from the API. Server text is
 * shown as text.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorLine } from '../common/ErrorText.js';
import { distance, percent } from '../common/format.js';
import type { IncidentBody, ReportBody } from '../incident/types.js';
import type { Language } from '../i18n.js';
import { kindText, labelOf } from '../meta.js';
import { useMeta } from '../shell/context.js';
import { hrefOf } from '../shell/route.js';
import { Time } from '../time.js';
import { fetchIncident, fetchReport, type ItemProperties, type MapFeature } from './map-api.js';

type Details =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'incident'; incident: IncidentBody }
  | { state: 'report'; report: ReportBody };

/** A narrative is long; the panel shows its start. */
const NARRATIVE_CHARS = 400;

export function SelectionPanel({
  feature,
  onClose,
}: {
  feature: MapFeature<ItemProperties>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('map');
  const lng: Language = i18n.language === 'zh' ? 'zh' : 'en';
  const meta = useMeta();
  const errorLine = useErrorLine();
  const p = feature.properties;
  const [details, setDetails] = useState<Details>({ state: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setDetails({ state: 'loading' });
    const load =
      p.kind === 'incident'
        ? fetchIncident(p.id, controller.signal).then((incident): Details => ({
            state: 'incident',
            incident,
          }))
        : fetchReport(p.id, controller.signal).then((report): Details => ({
            state: 'report',
            report,
          }));
    load.then(setDetails, (err: unknown) => {
      if ((err as { name?: string }).name === 'AbortError') return;
      setDetails({ state: 'failed', error: err });
    });
    return () => controller.abort();
  }, [p.id, p.kind]);

  const incident = details.state === 'incident' ? details.incident : null;
  const report = details.state === 'report' ? details.report : null;
  const kinds = incident?.kinds ?? (p.category ? [p.category] : []);
  const title =
    kinds.length > 0
      ? kinds.map((k) => kindText(meta, k, lng)).join(lng === 'zh' ? '、' : ', ')
      : t('panel.kind.none');
  const heading = p.kind === 'incident' ? t('panel.incident') : t('panel.report');
  const incidentLink = p.kind === 'incident' ? p.id : (report?.incidentId ?? null);

  return (
    <aside
      className="map-panel"
      aria-labelledby="map-panel-title"
      data-testid="map-panel"
      data-kind={p.kind}
      data-id={p.id}
    >
      <header className="map-panel-header">
        <h2 id="map-panel-title">
          <span className="muted">{heading}</span> <span data-testid="panel-title">{title}</span>
        </h2>
        <button type="button" onClick={onClose} data-testid="panel-close">
          {t('panel.close')}
        </button>
      </header>
      <p className="map-panel-id muted">{p.id}</p>
      <dl className="map-panel-facts">
        {p.kind === 'incident' ? (
          <>
            <div>
              <dt>{t('panel.confidence')}</dt>
              <dd data-testid="panel-confidence">
                {percent(incident?.confidence ?? p.confidence, lng) ?? '—'}
              </dd>
            </div>
            <div>
              <dt>{t('panel.reports')}</dt>
              <dd data-testid="panel-reports">{incident?.reportCount ?? p.reportCount ?? '—'}</dd>
            </div>
            {incident && (
              <div>
                <dt>{t('panel.sources')}</dt>
                <dd data-testid="panel-sources">{incident.independentSources}</dd>
              </div>
            )}
          </>
        ) : (
          <div>
            <dt>{t('panel.status')}</dt>
            <dd data-testid="panel-status">
              {(report?.status ?? p.status)
                ? labelOf(meta.statuses, (report?.status ?? p.status)!, lng)
                : '—'}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('panel.span')}</dt>
          <dd>
            <Time iso={incident?.start ?? p.start} />
            {(incident?.end ?? p.end) !== (incident?.start ?? p.start) && (
              <>
                {' – '}
                <Time iso={incident?.end ?? p.end} />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('panel.radius')}</dt>
          <dd data-testid="panel-radius">± {distance(p.radiusMeters, lng)}</dd>
        </div>
      </dl>
      {report && (
        <section className="map-panel-narrative">
          <h3>{t('panel.narrative')}</h3>
          <p data-testid="panel-narrative">
            {report.narrative.length > NARRATIVE_CHARS
              ? `${report.narrative.slice(0, NARRATIVE_CHARS)}…`
              : report.narrative}
          </p>
        </section>
      )}
      {details.state === 'loading' && <p aria-busy="true">{t('panel.loading')}</p>}
      {details.state === 'failed' && (
        <p role="alert">{t('panel.failed', { message: errorLine(details.error) })}</p>
      )}
      {incidentLink && (
        <p>
          <a
            href={hrefOf({ view: 'incident', id: incidentLink })}
            data-testid="panel-incident-link"
          >
            {p.kind === 'incident' ? t('panel.open') : t('panel.openIncident')}
          </a>
        </p>
      )}
    </aside>
  );
}
