/**
 * The workbench's views, addressed by the URL's hash so a view can be bookmarked and
 * the browser's back button works: `#/queue`, `#/map`, `#/incident/<id>`, `#/call`.
 * Anything else is the queue.
 */
import { useEffect, useState } from 'react';

export type Route =
  { view: 'queue' } | { view: 'map' } | { view: 'incident'; id: string } | { view: 'call' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, ...rest] = path.split('/');
  if (head === 'map') return { view: 'map' };
  if (head === 'call') return { view: 'call' };
  if (head === 'incident' && rest.length === 1 && rest[0] !== '') {
    try {
      return { view: 'incident', id: decodeURIComponent(rest[0]!) };
    } catch {
      return { view: 'queue' };
    }
  }
  return { view: 'queue' };
}

export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'incident':
      return `#/incident/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.view}`;
  }
}

export function navigate(route: Route) {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
