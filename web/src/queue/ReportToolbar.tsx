/** The reports list's server-side asks: a search (`/` focuses it) and, for supervisors, the queue. */
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { labelOf } from '../meta.js';
import { useMeta } from '../shell/context.js';
import type { Queue, ReportsQuery } from './queue-store.js';

const QUEUES: Queue[] = ['analyst', 'abuse'];

export function ReportToolbar({
  query,
  onQuery,
  canSwitchQueue,
  searchRef,
}: {
  query: ReportsQuery;
  onQuery: (next: Partial<ReportsQuery>) => void;
  canSwitchQueue: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useTranslation('queue');
  const meta = useMeta();
  const lng = useLang();
  const [text, setText] = useState(query.q);
  useEffect(() => setText(query.q), [query.q]);

  return (
    <div className="toolbar">
      <form
        role="search"
        className="search-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onQuery({ q: text.trim() });
        }}
      >
        <label htmlFor="queue-search">{t('search.label')}</label>
        <input
          id="queue-search"
          ref={searchRef}
          type="search"
          maxLength={200}
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="queue-search-help"
        />
        <button type="submit">{t('search.submit')}</button>
        {query.q && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setText('');
              onQuery({ q: '' });
              searchRef.current?.focus();
            }}
          >
            {t('search.clear')}
          </button>
        )}
      </form>
      {canSwitchQueue && (
        <fieldset className="queue-switch">
          <legend>{t('queue.legend')}</legend>
          {QUEUES.map((q) => {
            const label = labelOf(meta.queues, q, lng);
            return (
              <label key={q}>
                <input
                  type="radio"
                  name="queue"
                  value={q}
                  checked={query.queue === q}
                  onChange={() => onQuery({ queue: q })}
                />{' '}
                {label.charAt(0).toUpperCase() + label.slice(1)}
              </label>
            );
          })}
        </fieldset>
      )}
      <p id="queue-search-help" className="hint">
        {t('search.help')}
      </p>
    </div>
  );
}
