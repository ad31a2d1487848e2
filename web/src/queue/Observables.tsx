/**
 * The indicators intake found in a report's text (IPs, domains, URLs, e-mail addresses,
 * hashes, wallets, phone numbers as caller pseudonyms, licence plates), each with how
 * many other reports name it. Values are rendered as text, never as links: a URL a
 * reporter wrote may be hostile.
 */
import { useTranslation } from 'react-i18next';
import type { ReportView } from './types.js';

export function Observables({ report }: { report: ReportView }) {
  const { t } = useTranslation('queue');
  if (report.observables.length === 0) return null;
  return (
    <section>
      <h4 title={t('observables.hint')}>{t('section.observables')}</h4>
      <ul className="observables" data-testid="observables">
        {report.observables.map((o) => (
          <li key={`${o.type}:${o.value}`}>
            <span className="badge">{t(`observables.type.${o.type}`)}</span>{' '}
            <code className="mono" dir="ltr">
              {o.value}
            </code>{' '}
            <span className={o.otherReports > 0 ? 'sub shared' : 'sub'}>
              {t('observables.others', { count: o.otherReports })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
