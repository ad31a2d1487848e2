/**
 * The workbench's frame: the catalogue, the sign-in gate, the navigation, the
 * language switch, who is signed in (and sign-out), and the view the URL names.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n.js';
import { loadMeta, type Meta } from '../meta.js';
import { MetaContext } from './context.js';
import { hrefOf, useRoute, type Route } from './route.js';
import { SessionGate } from './session.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { WhoAmI } from './WhoAmI.js';

const QueueView = lazy(() => import('../queue/QueueView.js'));
const MapView = lazy(() => import('../map/MapView.js'));
const IncidentView = lazy(() => import('../incident/IncidentView.js'));
const CallTakerView = lazy(() => import('../calltaker/CallTakerView.js'));

function view(route: Route): ReactNode {
  switch (route.view) {
    case 'map':
      return <MapView />;
    case 'incident':
      return <IncidentView id={route.id} />;
    case 'call':
      return <CallTakerView />;
    default:
      return <QueueView />;
  }
}

export { LanguageSwitch };

export function App() {
  const { t } = useTranslation('shell');
  const route = useRoute();
  const [meta, setMeta] = useState<Meta | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadMeta().then(setMeta, (err: unknown) => setError(String((err as Error).message ?? err)));
  }, []);
  if (error) return <p role="alert">{t('error.meta', { message: error })}</p>;
  if (!meta) return <p aria-busy="true">{t('loading')}</p>;
  const nav: { route: Route; label: string }[] = [
    { route: { view: 'queue' }, label: t('nav.queue') },
    { route: { view: 'map' }, label: t('nav.map') },
    { route: { view: 'call' }, label: t('nav.call') },
  ];
  return (
    <MetaContext.Provider value={meta}>
      <SessionGate>
        <header className="top">
          <strong className="product">{t('product')}</strong>
          <nav>
            {nav.map((n) => (
              <a
                key={n.route.view}
                href={hrefOf(n.route)}
                aria-current={route.view === n.route.view ? 'page' : undefined}
              >
                {n.label}
              </a>
            ))}
          </nav>
          <LanguageSwitch />
          <WhoAmI />
        </header>
        <main lang={currentLanguage() === 'zh' ? 'zh-CN' : 'en'}>
          <ErrorBoundary>
            <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>{view(route)}</Suspense>
          </ErrorBoundary>
        </main>
      </SessionGate>
    </MetaContext.Provider>
  );
}
