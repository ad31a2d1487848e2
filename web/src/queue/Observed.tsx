/**
 * When it happened, as normalized: the UTC interval (in the viewer's zone, UTC on
 * hover, and written out in UTC in the case), the reporter's local reading and its zone.
 * A local time whose zone is unknown is shown as local, flagged: its UTC interval only
 * says which instants some zone on Earth would allow. A time that could not be read is
 * shown as given.
 */
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { flagText } from '../meta.js';
import { useMeta } from '../shell/context.js';
import { Time } from '../time.js';
import { localReading, utcText } from '../common/format.js';
import type { ReportItem, ReportView } from './types.js';

type TimeView = NonNullable<ReportView['time']>;

interface Observed {
  from: string | null;
  to: string | null;
  /** The full normalized view, when the report has been read. */
  time: TimeView | null;
  /** What the reporter wrote, when it could not be read. */
  given: string | null;
}

export function observedOf(item: ReportItem): Observed {
  if (item.full) {
    const t = item.full.time;
    const given = item.full.claims.observedAt;
    return {
      from: t?.observedFrom ?? null,
      to: t?.observedTo ?? null,
      time: t,
      given: !t && given !== undefined ? String(given) : null,
    };
  }
  return { from: item.live.observedFrom, to: item.live.observedTo, time: null, given: null };
}

function Badge({ code, text }: { code: string; text: string }) {
  const meta = useMeta();
  const lng = useLang();
  return (
    <span className="badge warn" title={flagText(meta, code, lng)}>
      {text}
    </span>
  );
}

function Interval({ from, to }: { from: string | null; to: string | null }) {
  return (
    <>
      <Time iso={from} seconds />
      {to && to !== from && (
        <>
          {' – '}
          <Time iso={to} seconds />
        </>
      )}
    </>
  );
}

/** One line, for a row. */
export function ObservedShort({ item }: { item: ReportItem }) {
  const { t } = useTranslation('queue');
  const o = observedOf(item);
  if (o.given !== null)
    return (
      <span>
        <span dir="auto">{o.given}</span>{' '}
        <Badge code="time.unparsed" text={t('observed.notRead')} />
      </span>
    );
  if (o.time?.observedLocal && !o.time.zoneSource)
    return (
      <span>
        {t('observed.local', { local: localReading(o.time.observedLocal) })}{' '}
        <Badge code="time.zone_unknown" text={t('observed.zoneUnknown')} />
      </span>
    );
  if (!o.from) return <span className="muted">—</span>;
  return <Interval from={o.from} to={o.to} />;
}

/** Everything the report's time says, for the case panel. */
export function ObservedFull({ item }: { item: ReportItem }) {
  const { t } = useTranslation('queue');
  const o = observedOf(item);
  const time = o.time;
  if (o.given !== null || !time || (time.observedLocal && !time.zoneSource))
    return (
      <div>
        <ObservedShort item={item} />
        {time?.observedFrom && time.observedTo && (
          <div className="sub">
            {t('observed.utcAny', {
              from: utcText(time.observedFrom),
              to: utcText(time.observedTo),
            })}
          </div>
        )}
      </div>
    );
  const details: string[] = [];
  if (time.observedLocal)
    details.push(t('observed.reporterLocal', { local: localReading(time.observedLocal) }));
  if (time.timezone) details.push(t('observed.zone', { zone: time.timezone }));
  if (time.zoneSource) details.push(t('observed.zoneFrom', { source: time.zoneSource }));
  if (time.precisionSeconds)
    details.push(t('observed.precision', { seconds: time.precisionSeconds }));
  if (time.vague) details.push(t('observed.vague'));
  return (
    <div>
      <Interval from={time.observedFrom} to={time.observedTo} />
      <div className="sub" data-testid="observed-utc">
        {time.observedTo && time.observedTo !== time.observedFrom
          ? t('observed.utc', { from: utcText(time.observedFrom), to: utcText(time.observedTo) })
          : t('observed.utcAt', { at: utcText(time.observedFrom) })}
      </div>
      {details.length > 0 && <div className="sub">{details.join(' · ')}</div>}
    </div>
  );
}
