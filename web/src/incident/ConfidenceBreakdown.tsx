/**
 * Why the incident has its confidence: every term of the server's fused log-odds,
 * with its label, what it covers, its weight and the server's own reason in the
 * viewer's language. Nothing is computed here: the total and the probability are the
 * server's.
 */
import { useTranslation } from 'react-i18next';
import { useMeta } from '../shell/context.js';
import { flagText } from '../meta.js';
import type { Language } from '../i18n.js';
import { percent, signed } from '../common/format.js';
import type { Breakdown, Term } from './types.js';
import type { Meta } from '../meta.js';

const TERM_LABELS = ['prior', 'witnesses', 'repeats', 'abuse', 'finding'];

/** A term's detail in words: a channel's label, a finding's meaning, else its code. */
function detailText(meta: Meta, term: Term, lng: Language): string {
  if (term.detail === null) return '—';
  const channel = meta.channels.find((c) => c.code === term.detail);
  if (channel) return channel[lng];
  if (term.code === 'finding') return flagText(meta, term.detail, lng);
  return term.detail;
}

export function ConfidenceBreakdown({ breakdown }: { breakdown: Breakdown | null }) {
  const { t, i18n } = useTranslation('incident');
  const lng: Language = i18n.language === 'zh' ? 'zh' : 'en';
  const meta = useMeta();
  return (
    <section aria-labelledby="breakdown-title" className="incident-section">
      <h2 id="breakdown-title">{t('breakdown.title')}</h2>
      {breakdown === null ? (
        <p className="muted">{t('breakdown.none')}</p>
      ) : (
        <table className="breakdown" data-testid="breakdown">
          <caption>{t('breakdown.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('breakdown.term')}</th>
              <th scope="col">{t('breakdown.detail')}</th>
              <th scope="col">{t('breakdown.count')}</th>
              <th scope="col">{t('breakdown.weight')}</th>
              <th scope="col">{t('breakdown.why')}</th>
            </tr>
          </thead>
          <tbody>
            {breakdown.terms.map((term, i) => (
              <tr key={i} data-testid="term">
                <th scope="row" data-code={term.code}>
                  {TERM_LABELS.includes(term.code) ? t(`term.${term.code}`) : term.code}
                </th>
                <td>{detailText(meta, term, lng)}</td>
                <td className="num">{term.count}</td>
                <td className="num" data-testid="term-weight">
                  {signed(term.weight)}
                </td>
                <td data-testid="term-text">{term.text[lng]}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('breakdown.total')}
              </th>
              <td className="num" data-testid="log-odds">
                {signed(breakdown.logOdds)}
              </td>
              <td>
                {t('breakdown.probability', { value: percent(breakdown.probability, lng) ?? '—' })}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
