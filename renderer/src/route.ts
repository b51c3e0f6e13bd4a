// Hash routes (#/accounts, #/account/<id>/issues): they work from file:// in Electron too.
import { useEffect, useState } from 'react';

export type Route =
  | { screen: 'today' }
  | { screen: 'accounts' }
  | { screen: 'conflicts' }
  | { screen: 'portfolio' }
  | { screen: 'health-model' }
  | { screen: 'directory' }
  | { screen: 'account'; id: string; tab: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'accounts') return { screen: 'accounts' };
  if (parts[0] === 'conflicts') return { screen: 'conflicts' };
  if (parts[0] === 'portfolio') return { screen: 'portfolio' };
  if (parts[0] === 'health-model') return { screen: 'health-model' };
  if (parts[0] === 'directory') return { screen: 'directory' };
  if (parts[0] === 'account' && parts[1]) {
    return { screen: 'account', id: parts[1], tab: parts[2] ?? 'overview' };
  }
  return { screen: 'today' };
}

export function hrefOf(route: Route): string {
  if (route.screen === 'account') {
    return `#/account/${encodeURIComponent(route.id)}/${route.tab}`;
  }
  return `#/${route.screen}`;
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
