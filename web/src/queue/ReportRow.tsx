/** One report in the list: when received, how, its category, status, text, time, place, flags. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n.js';
import { labelOf } from '../meta.js';
import { useMeta } from '../shell/context.js';
import { hrefOf } from '../shell/route.js';
import { Time } from '../time.js';
import { FlagBadges, QueueBadge, StatusBadge } from './Badges.js';
import { excerpt } from '../common/format.js';
import { LocationText } from './Location.js';
import { ObservedShort } from './Observed.js';
import type { ReportItem } from './types.js';

/** Rows are this tall (px): the virtual list positions them by it. */
export const REPORT_ROW_HEIGHT = 92;

function Narrative({ item }: { item: ReportItem }) {
  const { t } = useTranslation('queue');
  if (item.full)
    return (
      <p className="row-text" dir="auto" title={item.full.narrative}>
        {excerpt(item.full.narrative)}
      </p>
    );
  return <p className="row-text muted">{t(item.failed ? 'row.failed' : 'row.loading')}</p>;
}

/** `lng` is passed so that a language change renders the memoized row again. */
export const ReportRow = memo(function ReportRow({
  item,
  lng,
}: {
  item: ReportItem;
  lng: Language;
}) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const r = item.full ?? item.live;
  return (
    <div className="report-row">
      <div className="row-line">
        <Time iso={r.receivedAt} />
        <span className="channel">{labelOf(meta.channels, r.channel, lng)}</span>
        {r.category && (
          <span className="category" dir="auto">
            {r.category}
          </span>
        )}
        <StatusBadge status={item.full?.status} />
        <QueueBadge queue={r.queue} />
      </div>
      <Narrative item={item} />
      <div className="row-line sub">
        <ObservedShort item={item} />
        <LocationText item={item} />
        <FlagBadges flags={r.flags} />
        {r.incidentId && (
          <a
            className="mono incident-link"
            href={hrefOf({ view: 'incident', id: r.incidentId })}
            onClick={(e) => e.stopPropagation()}
          >
            {t('row.incident', { id: r.incidentId })}
          </a>
        )}
      </div>
    </div>
  );
});
