// Renderer entry: query cache, API host adapter, language, then the app.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { defaultClient } from './api';
import { ApiProvider } from './api/hooks';
import { App } from './App';
import { LocaleProvider } from './i18n';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5_000, retry: false, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    <ApiProvider client={defaultClient()}>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </ApiProvider>
  </QueryClientProvider>,
);
