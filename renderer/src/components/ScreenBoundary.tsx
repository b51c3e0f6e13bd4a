// One error boundary per screen: a render error or a chunk that failed to load shows what
// happened and a reload button in the screen's place, never a blank window; the header, the
// status bar and the other screens keep working. Reload (or the network coming back, for a
// chunk) renders the screen again after dropping the cached reads, so a bad answer is fetched
// anew. Typed input survives: the forms keep drafts (drafts.ts) that a crash does not clear.
import { useQueryClient } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { Component, useEffect, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../i18n';
import { ChunkLoadError, retryFailedScreens } from '../lazyScreen';

interface Props {
  children: ReactNode;
  /** Called before a retry renders the screen again (drops cached reads). */
  onRetry?: () => void;
  /** A change of this value (another screen) clears the error. */
  resetKey?: string;
}
interface State {
  error: Error | null;
  resetKey?: string;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen failed', error, info.componentStack);
  }

  retry = (): void => {
    retryFailedScreens();
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return <BoundaryNotice error={this.state.error} onRetry={this.retry} />;
  }
}

function isChunkError(error: Error): boolean {
  return (
    error instanceof ChunkLoadError ||
    /dynamically imported module|Importing a module script failed|Loading chunk/i.test(
      error.message,
    )
  );
}

function BoundaryNotice({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useT();
  const chunk = isChunkError(error);
  useEffect(() => {
    if (!chunk) return;
    // The chunk loads again by itself once the browser is back online.
    window.addEventListener('online', onRetry);
    return () => window.removeEventListener('online', onRetry);
  }, [chunk, onRetry]);
  return (
    <Result
      status="warning"
      data-testid="screen-error"
      title={t('uxUi.boundary.title')}
      subTitle={t(chunk ? 'uxUi.boundary.chunk' : 'uxUi.boundary.render')}
      extra={
        <Button type="primary" data-testid="screen-error-reload" onClick={onRetry}>
          {t('uxUi.boundary.reload')}
        </Button>
      }
    />
  );
}

/** The boundary around one screen: a retry refetches every cached read first. */
export function ScreenBoundary({ children, screen }: { children: ReactNode; screen: string }) {
  const queryClient = useQueryClient();
  return (
    <ErrorBoundary
      resetKey={screen}
      onRetry={() => {
        // Every read is fetched anew (a bad answer may be what broke the render): reset drops
        // the cached data, so the screen renders from fresh answers, not the same bad one.
        void queryClient.resetQueries();
      }}
    >
      {children}
    </ErrorBoundary>
  );
}
