/** What changed the incident by hand or by rule: merges, splits, moves, bridges, attachments. */
import { useTranslation } from 'react-i18next';
import { Time } from '../time.js';
import type { Change } from './types.js';

const KINDS = ['merge', 'split', 'move', 'bridge', 'attach'];

/** A change's detail as `key: value` pairs (ids, lists of ids). */
export function detailPairs(detail: Record<string, unknown>): [string, string][] {
  return Object.entries(detail).map(([key, value]) => [
    key,
    Array.isArray(value)
      ? value.map(String).join(', ')
      : value === null || value === undefined
        ? '—'
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value),
  ]);
}

export function History({ changes }: { changes: readonly Change[] }) {
  const { t } = useTranslation('incident');
  return (
    <section aria-labelledby="history-title" className="incident-section">
      <h2 id="history-title">{t('history.title')}</h2>
      {changes.length === 0 ? (
        <p className="muted">{t('history.none')}</p>
      ) : (
        <ol className="history" data-testid="history">
          {changes.map((c, i) => (
            <li key={i}>
              <strong>{KINDS.includes(c.kind) ? t(`change.${c.kind}`) : c.kind}</strong> —{' '}
              <Time iso={c.at} /> — {c.actor ?? t('history.rule')}
              {detailPairs(c.detail).map(([k, v]) => (
                <span key={k} className="muted">
                  {' '}
                  {k}: {v}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
