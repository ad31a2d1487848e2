/** Filters over the loaded reports (filters.ts says why they are not the server's). */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { useMeta } from '../shell/context.js';
import { isFiltering, NO_OFFICE, NO_REPORT_FILTER, type ReportFilter } from './filters.js';
import { FilterSelect, isoFromLocalInput, localInputFromIso } from './FilterSelect.js';

export function ReportFilters({
  filter,
  onChange,
  options,
}: {
  filter: ReportFilter;
  onChange: (next: ReportFilter) => void;
  options: { categories: string[]; flags: string[]; offices: string[] };
}) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  const sinceId = useId();
  const set = (patch: Partial<ReportFilter>) => onChange({ ...filter, ...patch });
  const plain = (values: string[]) => values.map((v) => ({ value: v, label: v }));
  return (
    <details className="filters" open={isFiltering(filter) || undefined}>
      <summary>{t('filter.legend')}</summary>
      <div className="filter-row">
        <FilterSelect
          label={t('filter.status')}
          value={filter.status}
          options={meta.statuses.map((s) => ({ value: s.code, label: s[lng] }))}
          onChange={(status) => set({ status })}
        />
        <FilterSelect
          label={t('filter.category')}
          value={filter.category}
          options={plain(options.categories)}
          onChange={(category) => set({ category })}
        />
        <FilterSelect
          label={t('filter.flag')}
          value={filter.flag}
          options={plain(options.flags)}
          onChange={(flag) => set({ flag })}
        />
        <FilterSelect
          label={t('filter.office')}
          value={filter.office}
          options={[{ value: NO_OFFICE, label: t('filter.noOffice') }, ...plain(options.offices)]}
          onChange={(office) => set({ office })}
        />
        <span className="filter">
          <label htmlFor={sinceId}>{t('filter.since')}</label>
          <input
            id={sinceId}
            type="datetime-local"
            value={localInputFromIso(filter.since)}
            onChange={(e) => set({ since: isoFromLocalInput(e.target.value) })}
          />
        </span>
        {isFiltering(filter) && (
          <button
            type="button"
            className="secondary small"
            onClick={() => onChange(NO_REPORT_FILTER)}
          >
            {t('filter.clear')}
          </button>
        )}
      </div>
      <p className="hint">{t('filter.note')}</p>
    </details>
  );
}
