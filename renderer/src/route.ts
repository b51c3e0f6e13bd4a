// Hash routes (#/accounts, #/account/<id>/issues): they work from file:// in Electron too.
import { useEffect, useState } from 'react';
import { dirtyGuard } from './drafts';

export type Route =
  | { screen: 'today' }
  | { screen: 'accounts' }
  | { screen: 'conflicts' }
  /** `view`: the filters and the open drill-down, as a query string (renderer/src/screens/portfolioView.ts). */
  | { screen: 'portfolio'; view?: string }
  | { screen: 'health-model' }
  | { screen: 'directory' }
  | { screen: 'requirements' }
  | { screen: 'requirement-model' }
  | { screen: 'requirement'; id: string }
  | { screen: 'account'; id: string; tab: string };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'accounts') return { screen: 'accounts' };
  if (parts[0] === 'conflicts') return { screen: 'conflicts' };
  if (parts[0] === 'portfolio')
    return query ? { screen: 'portfolio', view: query } : { screen: 'portfolio' };
  if (parts[0] === 'health-model') return { screen: 'health-model' };
  if (parts[0] === 'directory') return { screen: 'directory' };
  if (parts[0] === 'requirements') return { screen: 'requirements' };
  if (parts[0] === 'requirement-model') return { screen: 'requirement-model' };
  if (parts[0] === 'requirement' && parts[1]) return { screen: 'requirement', id: parts[1] };
  if (parts[0] === 'account' && parts[1]) {
    return { screen: 'account', id: parts[1], tab: parts[2] ?? 'overview' };
  }
  return { screen: 'today' };
}

export function hrefOf(route: Route): string {
  if (route.screen === 'account') {
    return `#/account/${encodeURIComponent(route.id)}/${route.tab}`;
  }
  if (route.screen === 'portfolio' && route.view) return `#/portfolio?${route.view}`;
  if (route.screen === 'requirement') return `#/requirement/${encodeURIComponent(route.id)}`;
  return `#/${route.screen}`;
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/**
 * The current route. Leaving it while a form holds unsaved changes (a link, Back, the search
 * palette) asks first: the address goes back to the form's route until the user chooses to
 * discard, then on to where they were going.
 */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    let current = window.location.hash;
    const update = () => {
      const next = window.location.hash;
      if (next === current) return;
      const guard = dirtyGuard();
      if (guard) {
        history.replaceState(history.state, '', current || '#/');
        void guard.confirmDiscard().then((discard) => {
          if (discard) window.location.hash = next;
        });
        return;
      }
      current = next;
      setRoute(parseRoute(next));
    };
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
