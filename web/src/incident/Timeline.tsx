/**
 * The incident's reports on one time axis: each report's UTC interval drawn as an
 * interval (timeline-layout.ts places it), beside its local reading, its UTC interval
 * in words and its place with the stated accuracy. A row's button selects the report
 * (details below); its checkbox marks it for a split. Axis ticks read in the viewer's
 * zone, with UTC on hover.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n.js';
import { formatUtc } from '../time.js';
import { useErrorLine } from '../common/ErrorText.js';
import { coordinates, distance, localReading, utcInterval } from '../common/format.js';
import { axisFor, placeOn, spanOf, ticksFor, type Axis, type Span } from './timeline-layout.js';
import type { IncidentBody, ReportBody } from './types.js';
import type { ReportEntry } from './useIncident.js';

const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

function tickText(at: number, axis: Axis, lng: Language): string {
  const long = axis.to - axis.from > 36 * 3_600_000;
  return new Intl.DateTimeFormat(lng === 'zh' ? 'zh-CN' : 'en-GB', {
    ...(long ? { month: 'short', day: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(at));
}

export function placeText(report: ReportBody, lng: Language, t: TFunction<'incident'>) {
  const p = report.place;
  if (!p) return t('place.none');
  const named = p.label ?? p.text;
  if (p.lat === null || p.lon === null)
    return named ? t('place.textOnly', { text: named }) : t('place.none');
  const point = coordinates(p.lat, p.lon);
  const accuracy =
    p.accuracyMeters === null ? t('place.accuracyUnknown') : distance(p.accuracyMeters, lng);
  return named
    ? t('place.pointNamed', { point, accuracy, name: named })
    : t('place.point', { point, accuracy });
}

interface Row {
  id: string;
  entry: ReportEntry | undefined;
  span: Span | null;
}

export function Timeline({
  incident,
  reports,
  selected,
  onSelect,
  checked,
  onToggle,
}: {
  incident: IncidentBody;
  reports: Record<string, ReportEntry>;
  selected: string | null;
  onSelect: (reportId: string) => void;
  checked: ReadonlySet<string>;
  onToggle: (reportId: string, on: boolean) => void;
}) {
  const { t, i18n } = useTranslation('incident');
  const lng: Language = i18n.language === 'zh' ? 'zh' : 'en';
  const rows: Row[] = incident.reportIds.map((id) => {
    const entry = reports[id];
    const time = entry?.state === 'ready' ? entry.report.time : null;
    return { id, entry, span: spanOf(time?.observedFrom, time?.observedTo) };
  });
  rows.sort(
    (a, b) =>
      (a.span?.from ?? Infinity) - (b.span?.from ?? Infinity) ||
      (a.span?.to ?? Infinity) - (b.span?.to ?? Infinity) ||
      a.id.localeCompare(b.id),
  );
  const incidentSpan = spanOf(incident.start, incident.end);
  const axis = axisFor([
    ...rows.flatMap((r) => (r.span ? [r.span] : [])),
    ...(incidentSpan ? [incidentSpan] : []),
  ]);
  const band = axis && incidentSpan ? placeOn(incidentSpan, axis) : null;

  return (
    <section aria-labelledby="timeline-title" className="incident-section">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <p className="muted">{t('timeline.hint')}</p>
      <div className="timeline" data-testid="timeline">
        <div className="timeline-row timeline-axis" aria-hidden="true">
          <span />
          <span />
          {axis ? (
            <svg width="100%" height="28" className="axis">
              {band && (
                <rect
                  x={pct(band.x)}
                  width={pct(band.width)}
                  y="18"
                  height="6"
                  className="axis-band"
                />
              )}
              {ticksFor(axis, 6).map((at) => {
                const x = pct(placeOn({ from: at, to: at }, axis, 0).x);
                return (
                  <g key={at}>
                    <line x1={x} x2={x} y1="14" y2="28" className="axis-tick" />
                    <text x={x} y="11" textAnchor="middle" className="axis-label">
                      <title>{formatUtc(new Date(at).toISOString())}</title>
                      {tickText(at, axis, lng)}
                    </text>
                  </g>
                );
              })}
            </svg>
          ) : (
            <span />
          )}
        </div>
        <ol className="timeline-rows">
          {rows.map((row, n) => (
            <TimelineRow
              key={row.id}
              row={row}
              n={n + 1}
              axis={axis}
              selected={selected === row.id}
              checked={checked.has(row.id)}
              onSelect={onSelect}
              onToggle={onToggle}
              lng={lng}
            />
          ))}
        </ol>
      </div>
    </section>
  );
}

function TimelineRow({
  row,
  n,
  axis,
  selected,
  checked,
  onSelect,
  onToggle,
  lng,
}: {
  row: Row;
  n: number;
  axis: Axis | null;
  selected: boolean;
  checked: boolean;
  onSelect: (reportId: string) => void;
  onToggle: (reportId: string, on: boolean) => void;
  lng: Language;
}) {
  const { t } = useTranslation('incident');
  const errorLine = useErrorLine();
  const report = row.entry?.state === 'ready' ? row.entry.report : null;
  const time = report?.time ?? null;
  const utc = time ? utcInterval(time.observedFrom, time.observedTo) : null;
  const placed = axis && row.span ? placeOn(row.span, axis) : null;
  return (
    <li
      className={selected ? 'timeline-row selected' : 'timeline-row'}
      data-testid="timeline-report"
      data-report={row.id}
    >
      <label className="split-pick">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onToggle(row.id, e.target.checked)}
        />
        <span className="visually-hidden">{t('timeline.pick', { n })}</span>
      </label>
      <button
        type="button"
        className="timeline-label"
        aria-pressed={selected}
        onClick={() => onSelect(row.id)}
      >
        <span className="timeline-n">{t('timeline.report', { n })}</span>
        {row.entry === undefined ? (
          <span className="muted">{t('loading')}</span>
        ) : row.entry.state === 'failed' ? (
          <span className="incident-error">{errorLine(row.entry.error)}</span>
        ) : time ? (
          <>
            <span data-testid="local-reading">
              {t('timeline.local', {
                reading: localReading(time.observedLocal, time.observedLocalEnd),
                zone: time.timezone ?? t('timeline.noZone'),
              })}
            </span>
            <span data-testid="utc-interval">{t('timeline.utc', { interval: utc })}</span>
            <span data-testid="report-place">{placeText(report!, lng, t)}</span>
          </>
        ) : (
          <>
            <span>{t('timeline.noTime')}</span>
            <span data-testid="report-place">{placeText(report!, lng, t)}</span>
          </>
        )}
      </button>
      {placed ? (
        <svg
          width="100%"
          height="22"
          className="track"
          role="img"
          aria-label={t('timeline.bar', { interval: utc })}
        >
          <line x1="0" x2="100%" y1="11" y2="11" className="track-line" />
          <rect
            x={pct(placed.x)}
            width={pct(placed.width)}
            y="4"
            height="14"
            rx="3"
            className={placed.widened ? 'bar bar-instant' : 'bar'}
            data-testid="interval-bar"
          />
        </svg>
      ) : (
        <span className="muted track">{t('timeline.noBar')}</span>
      )}
    </li>
  );
}
