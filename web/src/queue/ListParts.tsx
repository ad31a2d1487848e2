/** What a list says about itself (scope, how many rows) and its "load more" button. */
import { useTranslation } from 'react-i18next';

export function ListStatus({
  scope,
  loaded,
  shown,
  filtering,
  testId,
}: {
  scope: string;
  loaded: number;
  shown: number;
  filtering: boolean;
  testId: string;
}) {
  const { t } = useTranslation('queue');
  return (
    <p className="list-status" aria-live="polite">
      {scope && <span className="scope">{scope} </span>}
      <span data-testid={testId} data-loaded={loaded} data-shown={shown}>
        {filtering ? t('count.filtered', { shown, loaded }) : t('count.loaded', { loaded })}
      </span>
    </p>
  );
}

export function ListFooter({
  hasMore,
  busy,
  label,
  onMore,
}: {
  hasMore: boolean;
  busy: boolean;
  label: string;
  onMore: () => void;
}) {
  if (!hasMore) return null;
  return (
    <button type="button" className="more" disabled={busy} aria-busy={busy} onClick={onMore}>
      {label}
    </button>
  );
}
