// Renderer entry: query cache, API host adapter, language, then the app.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { defaultClient } from './api';
import { ApiProvider } from './api/hooks';
import { App } from './App';
import { LocaleProvider } from './i18n';
import { parseRoute } from './route';
import { prefetchAccounts } from './screens/accountsQuery';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5_000, retry: false, refetchOnWindowFocus: false } },
});

const client = defaultClient();
// The accounts table's first page is requested now, while the app renders and its chunk loads.
if (parseRoute(window.location.hash).screen === 'accounts') prefetchAccounts(queryClient, client);

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    <ApiProvider client={client}>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </ApiProvider>
  </QueryClientProvider>,
);
