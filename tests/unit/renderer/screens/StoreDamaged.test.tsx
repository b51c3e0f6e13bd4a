/**
 * @jest-environment jsdom
 */
// The app's gate on the store's state: a damaged store shows its screen and the repair, whose
// report is then shown; a healthy one shows the screens.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ApiClient } from '../../../../renderer/src/api/client';
import { ApiProvider } from '../../../../renderer/src/api/hooks';
import { LocaleProvider } from '../../../../renderer/src/i18n';
import { StoreGate } from '../../../../renderer/src/screens/StoreDamaged';
import type { RepairReport, StoreStatus } from '../../../../shared/api/types';

function renderGate(status: StoreStatus, report: RepairReport) {
  const calls: string[] = [];
  const inputs: unknown[] = [];
  let current = status;
  const client: ApiClient = {
    host: 'http',
    call: (async (method: string, input: unknown) => {
      calls.push(method);
      inputs.push(input);
      if (method === 'store.status') return current;
      if (method === 'store.repair') {
        current = { ...current, state: 'ok', reason: null };
        return report;
      }
      throw new Error(`unexpected ${method}`);
    }) as ApiClient['call'],
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={client}>
        <LocaleProvider initial="en-US">
          <StoreGate>
            <div data-testid="screens">screens</div>
          </StoreGate>
        </LocaleProvider>
      </ApiProvider>
    </QueryClientProvider>,
  );
  return Object.assign(calls, { inputs });
}

const REPORT: RepairReport = {
  copiedTo: '/data/repair-x',
  fromLevelDb: 500,
  fromProjection: 48,
  fromBackup: 0,
  total: 548,
};

it('shows a damaged store with its reason, repairs it on request and reports the counts', async () => {
  const calls = renderGate(
    { state: 'damaged', reason: 'LevelDB CURRENT file is missing', dataDir: '/data' },
    REPORT,
  );
  await screen.findByTestId('store-damaged');
  expect(screen.getByTestId('store-damaged').textContent).toContain(
    'LevelDB CURRENT file is missing',
  );
  fireEvent.click(screen.getByTestId('store-repair'));
  await waitFor(() => expect(calls).toContain('store.repair'));
  await screen.findByTestId('screens');
});

it('shows the screens of a healthy store, with a banner when it refuses writes', async () => {
  renderGate({ state: 'refusingWrites', reason: 'disk full', dataDir: '/data' }, REPORT);
  await screen.findByTestId('store-refusing-writes');
  expect(screen.getByTestId('screens')).toBeTruthy();
});

const chooseFile = (name: string, text: string) => {
  const input = document.querySelector('input[type=file]') as HTMLInputElement;
  const file = new File([text], name);
  Object.defineProperty(file, 'text', { value: async () => text });
  fireEvent.change(input, { target: { files: [file] } });
};

it('repairs with the backup file the user adds', async () => {
  const calls = renderGate(
    { state: 'damaged', reason: 'CURRENT missing', dataDir: '/data' },
    REPORT,
  );
  await screen.findByTestId('store-damaged');
  const backup = { format: 'csm-workbench-backup', version: 2, docs: [] };
  chooseFile('backup.json', JSON.stringify(backup));
  expect((await screen.findByTestId('store-repair-backup-name')).textContent).toContain(
    'backup.json',
  );
  fireEvent.click(screen.getByTestId('store-repair'));
  await waitFor(() => expect(calls).toContain('store.repair'));
  expect(calls.inputs[calls.indexOf('store.repair')]).toEqual({ backup });
});

it('says so when the added file is not a backup at all', async () => {
  renderGate({ state: 'damaged', reason: 'CURRENT missing', dataDir: '/data' }, REPORT);
  await screen.findByTestId('store-damaged');
  chooseFile('notes.txt', 'not json');
  await screen.findByText('The file is not a workbench backup');
  expect(screen.queryByTestId('store-repair-backup-name')).toBeNull();
});
