/**
 * The reports list's filters, applied by the server to every report (filters.ts): a
 * change reads the list again. Status and flag offer the catalogue's codes; the category
 * is typed (the reporter's words), the loaded rows' categories suggested; the offices are
 * the ones the viewer may list (QueueView), none for an office's own staff.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { useMeta } from '../shell/context.js';
import { isFiltering, NO_OFFICE, NO_REPORT_FILTER, type ReportFilter } from './filters.js';
import { FilterSelect, TimeFilter } from './FilterSelect.js';

export interface OfficeChoice {
  value: string;
  label: string;
}

/** The most characters of a category (as intake takes them). */
const CATEGORY_MAX = 100;

export function ReportFilters({
  filter,
  onChange,
  categories,
  offices,
}: {
  filter: ReportFilter;
  onChange: (next: ReportFilter) => void;
  /** Categories to suggest (the loaded rows'). */
  categories: string[];
  /** Offices to choose from; null: no office filter (an office sees only its own). */
  offices: OfficeChoice[] | null;
}) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  const set = (patch: Partial<ReportFilter>) => onChange({ ...filter, ...patch });
  const flags = Object.keys(meta.flags).sort();
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
        <CategoryInput
          value={filter.category}
          suggestions={categories}
          onChange={(category) => set({ category })}
        />
        <FilterSelect
          label={t('filter.flag')}
          value={filter.flag}
          options={flags.map((f) => ({ value: f, label: f }))}
          onChange={(flag) => set({ flag })}
        />
        {offices && (
          <FilterSelect
            label={t('filter.office')}
            value={filter.office}
            options={[{ value: NO_OFFICE, label: t('filter.noOffice') }, ...offices]}
            onChange={(office) => set({ office })}
          />
        )}
        <TimeFilter
          label={t('filter.since')}
          value={filter.since}
          onChange={(since) => set({ since })}
        />
        <TimeFilter
          label={t('filter.until')}
          value={filter.until}
          onChange={(until) => set({ until })}
        />
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

/**
 * A category typed, applied on Enter or on leaving the field, or at once when it is
 * one of the suggestions (picked from the list): not a reload per keystroke.
 */
function CategoryInput({
  value,
  suggestions,
  onChange,
}: {
  value: string;
  suggestions: string[];
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation('queue');
  const id = useId();
  const listId = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const apply = (next: string) => {
    const category = next.trim();
    if (category !== value) onChange(category);
  };
  return (
    <span className="filter">
      <label htmlFor={id}>{t('filter.category')}</label>
      <input
        id={id}
        type="search"
        list={listId}
        maxLength={CATEGORY_MAX}
        autoComplete="off"
        placeholder={t('filter.any')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === '' || suggestions.includes(e.target.value)) apply(e.target.value);
        }}
        onBlur={() => apply(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply(text);
          }
        }}
      />
      <datalist id={listId}>
        {suggestions.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </span>
  );
}
