import { useSyncExternalStore } from 'react';

/**
 * A very small history router: the app has a handful of pages, so a path pattern matcher and a location hook
 * are all it needs.
 */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query (`/flows/abc?tab=versions`). */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, snapshot, () => '/');
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** Params of `pattern` (`/flows/:id`) matched against a path, or null. Query strings are ignored. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const clean = (p: string) => (p.split('?')[0] ?? '').replace(/\/+$/, '') || '/';
  const want = clean(pattern).split('/');
  const have = clean(path).split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      if (!h) return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}

/** One query parameter of the current location. */
export function queryParam(location: string, name: string): string | null {
  const q = location.split('?')[1];
  return q ? new URLSearchParams(q).get(name) : null;
}
