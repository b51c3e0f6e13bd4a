// A screen in its own chunk. Unlike plain React.lazy it renders straight away, without a Suspense
// fallback, once its chunk is loaded: React holds a revealed fallback for at least 300 ms, which
// cost the accounts table that much on page load. A chunk that failed to load (the network
// dropped) is not remembered as failed: the next render (the error boundary's retry) loads it
// again, so the screen recovers when the network returns.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface LazyScreen<P extends object> {
  (props: P): React.ReactNode;
  /** Loads the chunk now; once it resolves the screen renders without suspending. */
  preload(): Promise<unknown>;
}

/** Marks an error as a chunk that failed to load (the boundary says so and retries online). */
export class ChunkLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'ChunkLoadError';
  }
}

/** Screens whose chunk failed: the next retry loads them afresh. */
const failed = new Set<() => void>();

/** Makes every screen whose chunk failed to load try again on its next render. */
export function retryFailedScreens(): void {
  for (const reset of [...failed]) reset();
  failed.clear();
}

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let Loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => (Loaded = component),
      (error: unknown) => {
        // React.lazy keeps a rejected promise forever: a retry gets a fresh one (below), while
        // this render shows the error boundary.
        failed.add(reset);
        throw new ChunkLoadError(error);
      },
    ));
  const makeLazy = (): LazyExoticComponent<ComponentType<P>> =>
    lazy(() => preload().then((component) => ({ default: component })));
  let Lazy = makeLazy();
  const reset = () => {
    loading = null;
    Lazy = makeLazy();
  };
  const Screen = (props: P) => (Loaded ? <Loaded {...props} /> : <Lazy {...props} />);
  return Object.assign(Screen, { preload });
}
