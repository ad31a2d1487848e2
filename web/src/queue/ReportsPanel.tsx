/**
 * The reports list: what it is asked for (a search, the queue, filters: all the server's),
 * the virtual list, "load more". A loaded row that changed so that it no longer matches
 * the filter is hidden (filters.ts).
 */
import { useCallback, useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { labelOf } from '../meta.js';
import { useMeta } from '../shell/context.js';
import { isFiltering, matchesReport, reportOptions, type ReportFilter } from './filters.js';
import type { QueueState, QueueStore } from './queue-store.js';
import { ReportFilters, type OfficeChoice } from './ReportFilters.js';
import { REPORT_ROW_HEIGHT, ReportRow } from './ReportRow.js';
import { ReportToolbar } from './ReportToolbar.js';
import { listOf } from './rows.js';
import type { ReportItem } from './types.js';
import { VirtualList } from './VirtualList.js';
import { ListFooter, ListStatus } from './ListParts.js';

export const reportRowId = (id: string) => `report-${id.replace(/[^\w-]/g, '_')}`;

export function ReportsPanel({
  store,
  state,
  canSwitchQueue,
  openId,
  onOpen,
  searchRef,
  offices,
}: {
  store: QueueStore;
  state: QueueState;
  canSwitchQueue: boolean;
  openId: string | null;
  onOpen: (id: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The offices the viewer may filter by (null: none, see officeChoices). */
  offices: (loaded: string[]) => OfficeChoice[] | null;
}) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  const [activeId, setActiveId] = useState<string | null>(openId);
  const list = state.reports;
  const query = state.reportsQuery;
  const filter = query.filter;
  const setFilter = useCallback(
    (next: ReportFilter) => store.setReportsQuery({ filter: next }),
    [store],
  );
  const items = useMemo(() => listOf(list.rows), [list.rows]);
  const shown = useMemo(
    () => (isFiltering(filter) ? items.filter((i) => matchesReport(i, filter)) : items),
    [items, filter],
  );
  const options = useMemo(() => reportOptions(items), [items]);
  const activeIndex = activeId === null ? -1 : shown.findIndex((i) => i.id === activeId);
  const loadMore = useCallback(() => void store.loadMore('reports'), [store]);

  const queueLabel = query.queue ? labelOf(meta.queues, query.queue, lng) : null;
  const empty = list.loading
    ? t('empty.loading')
    : list.error
      ? t('empty.failed')
      : items.length > 0
        ? t('empty.filtered')
        : isFiltering(filter)
          ? t('empty.filters')
          : query.q
            ? t('empty.search')
            : query.queue === 'abuse'
              ? t('empty.queue', { queue: queueLabel })
              : t('empty.reports');
  const scope = [
    query.queue && canSwitchQueue ? t('scope.queue', { queue: queueLabel }) : '',
    query.q ? t('scope.search', { q: query.q }) : '',
    isFiltering(filter) ? t('scope.filtered') : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <section
      className="list-panel"
      aria-labelledby="reports-heading"
      aria-busy={list.loading}
      data-testid="reports-panel"
    >
      <h2 id="reports-heading" className="visually-hidden">
        {t('list.reports')}
      </h2>
      <ReportToolbar
        query={query}
        onQuery={store.setReportsQuery}
        canSwitchQueue={canSwitchQueue}
        searchRef={searchRef}
      />
      <ReportFilters
        filter={filter}
        onChange={setFilter}
        categories={options.categories}
        offices={offices(options.offices)}
      />
      <ListStatus
        scope={scope}
        loaded={items.length}
        shown={shown.length}
        filtering={shown.length !== items.length}
        testId="reports-count"
      />
      {shown.length === 0 ? (
        <p className="empty" data-testid="reports-empty">
          {empty}
        </p>
      ) : (
        <VirtualList<ReportItem>
          items={shown}
          label={t('list.reports')}
          describedBy="queue-keys"
          rowHeight={REPORT_ROW_HEIGHT}
          rowId={(i) => reportRowId(i.id)}
          rowData={(i) => ({
            'data-report-id': i.id,
            ...(i.id === openId ? { 'data-open': '' } : {}),
          })}
          activeIndex={activeIndex}
          onActiveChange={(index) => setActiveId(shown[index]?.id ?? null)}
          onOpen={(item) => onOpen(item.id)}
          onNearEnd={list.cursor ? loadMore : undefined}
          renderRow={(item) => <ReportRow item={item} lng={lng} />}
        />
      )}
      <ListFooter
        hasMore={list.cursor !== null}
        busy={list.loadingMore}
        label={t('more.reports')}
        onMore={loadMore}
      />
    </section>
  );
}
