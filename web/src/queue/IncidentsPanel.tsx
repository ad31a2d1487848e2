/**
 * The incidents list: its order and filters (the server's), the virtual list (Enter opens
 * the incident's view). A loaded row that changed so that it no longer matches is hidden.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { navigate } from '../shell/route.js';
import { incidentOptions, isFiltering, matchesIncident, type IncidentFilter } from './filters.js';
import { IncidentFilters } from './IncidentFilters.js';
import { INCIDENT_ROW_HEIGHT, IncidentRow } from './IncidentRow.js';
import { ListFooter, ListStatus } from './ListParts.js';
import type { QueueState, QueueStore } from './queue-store.js';
import type { OfficeChoice } from './ReportFilters.js';
import { listOf } from './rows.js';
import type { IncidentItem } from './types.js';
import { VirtualList } from './VirtualList.js';

const incidentRowId = (id: string) => `incident-${id.replace(/[^\w-]/g, '_')}`;

export function IncidentsPanel({
  store,
  state,
  offices,
}: {
  store: QueueStore;
  state: QueueState;
  offices: (loaded: string[]) => OfficeChoice[] | null;
}) {
  const { t } = useTranslation('queue');
  const lng = useLang();
  const [activeId, setActiveId] = useState<string | null>(null);
  const filter = state.incidentsQuery.filter;
  const setFilter = useCallback(
    (next: IncidentFilter) => store.setIncidentsQuery({ filter: next }),
    [store],
  );
  const list = state.incidents;
  const items = useMemo(() => listOf(list.rows), [list.rows]);
  const shown = useMemo(
    () => (isFiltering(filter) ? items.filter((i) => matchesIncident(i, filter)) : items),
    [items, filter],
  );
  const options = useMemo(() => incidentOptions(items), [items]);
  const activeIndex = activeId === null ? -1 : shown.findIndex((i) => i.id === activeId);
  const loadMore = useCallback(() => void store.loadMore('incidents'), [store]);
  const empty = list.loading
    ? t('empty.loading')
    : list.error
      ? t('empty.failed')
      : items.length > 0
        ? t('empty.filtered')
        : isFiltering(filter)
          ? t('empty.filters')
          : t('empty.incidents');

  return (
    <section
      className="list-panel"
      aria-labelledby="incidents-heading"
      aria-busy={list.loading}
      data-testid="incidents-panel"
    >
      <h2 id="incidents-heading" className="visually-hidden">
        {t('list.incidents')}
      </h2>
      <IncidentFilters
        query={state.incidentsQuery}
        onQuery={store.setIncidentsQuery}
        filter={filter}
        onFilter={setFilter}
        offices={offices(options.offices)}
      />
      <ListStatus
        scope={isFiltering(filter) ? t('scope.filtered') : ''}
        loaded={items.length}
        shown={shown.length}
        filtering={shown.length !== items.length}
        testId="incidents-count"
      />
      {shown.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <VirtualList<IncidentItem>
          items={shown}
          label={t('list.incidents')}
          describedBy="queue-keys"
          rowHeight={INCIDENT_ROW_HEIGHT}
          rowId={(i) => incidentRowId(i.id)}
          rowData={(i) => ({ 'data-incident-id': i.id })}
          activeIndex={activeIndex}
          onActiveChange={(index) => setActiveId(shown[index]?.id ?? null)}
          onOpen={(item) => navigate({ view: 'incident', id: item.id })}
          onNearEnd={list.cursor ? loadMore : undefined}
          renderRow={(item) => <IncidentRow item={item} lng={lng} />}
        />
      )}
      <ListFooter
        hasMore={list.cursor !== null}
        busy={list.loadingMore}
        label={t('more.incidents')}
        onMore={loadMore}
      />
    </section>
  );
}
