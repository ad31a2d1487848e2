/**
 * The incidents list's order and filters, all the server's (GET /api/v1/incidents): sort,
 * least confidence, "active since", the kind (the catalogue's) and the office.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { kindText } from '../meta.js';
import { useMeta } from '../shell/context.js';
import { isFiltering, NO_INCIDENT_FILTER, NO_OFFICE, type IncidentFilter } from './filters.js';
import { FilterSelect, TimeFilter } from './FilterSelect.js';
import type { IncidentSort, IncidentsQuery } from './queue-store.js';
import type { OfficeChoice } from './ReportFilters.js';

const CONFIDENCES = [0.25, 0.5, 0.75, 0.9];

export function IncidentFilters({
  query,
  onQuery,
  filter,
  onFilter,
  offices,
}: {
  query: IncidentsQuery;
  onQuery: (next: Partial<IncidentsQuery>) => void;
  filter: IncidentFilter;
  onFilter: (next: IncidentFilter) => void;
  /** Offices to choose from; null: no office filter (an office sees only its own). */
  offices: OfficeChoice[] | null;
}) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  const sortId = useId();
  const minId = useId();
  return (
    <div className="toolbar">
      <div className="filter-row">
        <span className="filter">
          <label htmlFor={sortId}>{t('sort.label')}</label>
          <select
            id={sortId}
            value={query.sort}
            onChange={(e) => onQuery({ sort: e.target.value as IncidentSort })}
          >
            <option value="lastActivity">{t('sort.lastActivity')}</option>
            <option value="confidence">{t('sort.confidence')}</option>
          </select>
        </span>
        <span className="filter">
          <label htmlFor={minId}>{t('minConfidence.label')}</label>
          <select
            id={minId}
            value={query.minConfidence === null ? '' : String(query.minConfidence)}
            onChange={(e) =>
              onQuery({ minConfidence: e.target.value === '' ? null : Number(e.target.value) })
            }
          >
            <option value="">{t('minConfidence.any')}</option>
            {CONFIDENCES.map((c) => (
              <option key={c} value={String(c)}>
                {Math.round(c * 100)} %
              </option>
            ))}
          </select>
        </span>
        <TimeFilter
          label={t('incidentsFrom.label')}
          value={query.from ?? ''}
          onChange={(from) => onQuery({ from: from || null })}
        />
        <FilterSelect
          label={t('filter.kind')}
          value={filter.kind}
          options={Object.keys(meta.eventKinds).map((k) => ({
            value: k,
            label: kindText(meta, k, lng),
          }))}
          onChange={(kind) => onFilter({ ...filter, kind })}
        />
        {offices && (
          <FilterSelect
            label={t('filter.office')}
            value={filter.office}
            options={[{ value: NO_OFFICE, label: t('filter.noOffice') }, ...offices]}
            onChange={(office) => onFilter({ ...filter, office })}
          />
        )}
        {isFiltering(filter) && (
          <button
            type="button"
            className="secondary small"
            onClick={() => onFilter(NO_INCIDENT_FILTER)}
          >
            {t('filter.clear')}
          </button>
        )}
      </div>
    </div>
  );
}
