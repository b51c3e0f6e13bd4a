// A screen in its own chunk. Unlike plain React.lazy it renders straight away, without a Suspense
// fallback, once its chunk is loaded: React holds a revealed fallback for at least 300 ms, which
// cost the accounts table that much on page load.
import { lazy, type ComponentType } from 'react';

export interface LazyScreen<P extends object> {
  (props: P): React.ReactNode;
  /** Loads the chunk now; once it resolves the screen renders without suspending. */
  preload(): Promise<unknown>;
}

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let Loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => (loading ??= load().then((component) => (Loaded = component)));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  const Screen = (props: P) => (Loaded ? <Loaded {...props} /> : <Lazy {...props} />);
  return Object.assign(Screen, { preload });
}
