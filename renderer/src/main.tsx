// Renderer entry: query cache, API host adapter, language, then the app.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { defaultClient } from './api';
import { ApiProvider } from './api/hooks';
import { App, preloadScreen } from './App';
import { LocaleProvider } from './i18n';
import { parseRoute } from './route';
import { prefetchAccounts } from './screens/accountsQuery';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5_000, retry: false, refetchOnWindowFocus: false } },
});

const client = defaultClient();
const route = parseRoute(window.location.hash);
// The accounts table's first page is requested now, while its chunk loads and the app renders.
if (route.screen === 'accounts') prefetchAccounts(queryClient, client);

// The first screen's chunk first (a few ms here), so React shows it without a fallback.
void preloadScreen(route)
  .catch(() => undefined)
  .then(render);

function render() {
  createRoot(document.getElementById('root')!).render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={client}>
        <LocaleProvider>
          <App />
        </LocaleProvider>
      </ApiProvider>
    </QueryClientProvider>,
  );
}
