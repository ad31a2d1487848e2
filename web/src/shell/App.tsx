/**
 * The workbench's frame: the catalogue, the sign-in gate, the navigation, the
 * language switch, who is signed in (and sign-out), the one live stream its views
 * share (live/hub.ts), and the view the URL names.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n.js';
import { LiveHubProvider } from '../live/LiveHubProvider.js';
import { loadMeta, type Meta } from '../meta.js';
import { MetaContext, useSession, viewsFor } from './context.js';
import { hrefOf, useRoute, type Route } from './route.js';
import { SessionGate } from './session.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { LanguageSwitch } from '../common/LanguageSwitch.js';
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
  return (
    <MetaContext.Provider value={meta}>
      <SessionGate>
        <Workbench route={route} />
      </SessionGate>
    </MetaContext.Provider>
  );
}

/** The navigation and the view the URL names, kept to the views the person's roles open. */
function Workbench({ route }: { route: Route }) {
  const { t } = useTranslation('shell');
  const { me } = useSession();
  const open = viewsFor(me);
  const labels: Record<string, string> = {
    queue: t('nav.queue'),
    map: t('nav.map'),
    call: t('nav.call'),
  };
  const nav = open
    .filter((v) => v !== 'incident')
    .map((v) => ({ route: { view: v } as Route, label: labels[v]! }));
  // A view the roles do not open shows the first one they do (a call-taker lands on calls).
  const shown: Route = open.includes(route.view) ? route : ({ view: open[0]! } as Route);
  return (
    <>
      <header className="top">
        <strong className="product">{t('product')}</strong>
        <nav>
          {nav.map((n) => (
            <a
              key={n.route.view}
              href={hrefOf(n.route)}
              aria-current={shown.view === n.route.view ? 'page' : undefined}
            >
              {n.label}
            </a>
          ))}
        </nav>
        <LanguageSwitch />
        <WhoAmI />
      </header>
      <main lang={currentLanguage() === 'zh' ? 'zh-CN' : 'en'}>
        <LiveHubProvider>
          <ErrorBoundary>
            <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>{view(shown)}</Suspense>
          </ErrorBoundary>
        </LiveHubProvider>
      </main>
    </>
  );
}
