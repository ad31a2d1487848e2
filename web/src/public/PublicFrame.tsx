/**
 * The frame of the public reporter pages: title, links between them, the language
 * switch, and what is kept about the reporter. Apart from the workbench's shell on
 * purpose: a reporter's page loads none of the workbench's code.
 */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../common/LanguageSwitch.js';

export type PrivacyPoint =
  | 'noIdentity'
  | 'ip'
  | 'text'
  | 'claims'
  | 'files'
  | 'geocoder'
  | 'receipt'
  | 'browser'
  | 'retention';

/** What is and is not kept about the reporter, point by point (checked against the server). */
export function Privacy({ points }: { points: readonly PrivacyPoint[] }) {
  const { t } = useTranslation('public');
  return (
    <details className="privacy" data-testid="privacy">
      <summary>{t('privacy.title')}</summary>
      <ul>
        {points.map((p) => (
          <li key={p}>{t(`privacy.${p}`)}</li>
        ))}
      </ul>
    </details>
  );
}

export function PublicFrame({
  page,
  children,
}: {
  page: 'report' | 'follow';
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation('public');
  const title = t(`${page}.title`);
  useEffect(() => {
    document.title = `${title} · ${t('product')}`;
  }, [title, t]);
  return (
    <>
      <header className="public-top">
        <strong className="product">{t('product')}</strong>
        <nav>
          <a href="/report" aria-current={page === 'report' ? 'page' : undefined}>
            {t('nav.report')}
          </a>
          <a href="/follow" aria-current={page === 'follow' ? 'page' : undefined}>
            {t('nav.follow')}
          </a>
        </nav>
        <LanguageSwitch />
      </header>
      <main className="public-main" lang={i18n.language === 'zh' ? 'zh-CN' : 'en'}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
