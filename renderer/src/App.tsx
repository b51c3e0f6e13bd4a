// The shell: navigation, language switch, search (Ctrl/Cmd+K), the status bar, and the screens.
import {
  App as AntApp,
  Badge,
  Button,
  ConfigProvider,
  Layout,
  Menu,
  Segmented,
  Skeleton,
  Typography,
} from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useApi, useSyncStatus } from './api/hooks';
import { usePickerToday } from './components/DayPicker';
import { ScreenBoundary } from './components/ScreenBoundary';
import { Shortcuts } from './components/Shortcuts';
import { StatusBar } from './components/StatusBar';
import { onBeforeUnload } from './drafts';
import { useLocale } from './i18n';
import { lazyScreen } from './lazyScreen';
import { navigate, useRoute, type Route } from './route';
import { StoreGate } from './screens/StoreDamaged';

// Each screen is its own chunk, loaded when first shown: the first page parses only the shell
// and the screen it opens on.
const Today = lazyScreen(() => import('./screens/Today').then((m) => m.Today));
const Accounts = lazyScreen(() => import('./screens/Accounts').then((m) => m.Accounts));
const AccountWorkspace = lazyScreen(() =>
  import('./screens/AccountWorkspace').then((m) => m.AccountWorkspace),
);
const Conflicts = lazyScreen(() => import('./screens/Conflicts').then((m) => m.Conflicts));
const BatchDeliverables = lazyScreen(() =>
  import('./screens/BatchDeliverables').then((m) => m.BatchDeliverables),
);
const Portfolio = lazyScreen(() => import('./screens/Portfolio').then((m) => m.Portfolio));
const HealthModelEditor = lazyScreen(() =>
  import('./screens/HealthModelEditor').then((m) => m.HealthModelEditor),
);
const Directory = lazyScreen(() => import('./screens/Directory').then((m) => m.Directory));
const Requirements = lazyScreen(() =>
  import('./screens/requirements/screens').then((m) => m.RequirementsScreen),
);
const WhoAreYou = lazyScreen(() => import('./screens/WhoAreYou').then((m) => m.WhoAreYou));
const SearchPalette = lazyScreen(() =>
  import('./components/SearchPalette').then((m) => m.SearchPalette),
);

/** Loads the chunk of the screen a route opens on, so the first render need not suspend. */
export function preloadScreen(route: Route): Promise<unknown> {
  const screens = { today: Today, accounts: Accounts, account: AccountWorkspace };
  return route.screen in screens
    ? screens[route.screen as keyof typeof screens].preload()
    : Promise.resolve();
}

export function App() {
  const { locale, setLocale, t } = useLocale();
  const route = useRoute();
  // Until someone says who uses this workbench, the app asks before anything else.
  const identity = useApi('app.identity', {});
  const askWho = identity.data?.chosen === false;
  const [searchOpen, setSearchOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  usePickerToday();
  // The palette's chunk loads on first use and then stays mounted (its close animation).
  const searchLoaded = useSearchLoaded(searchOpen);

  useEffect(() => {
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    document.title = t('ui.app.title');
  }, [locale, t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearchOpen(true);
      } else if (e.key === '?' && !e.ctrlKey && !e.metaKey && !typingIn(e.target)) {
        e.preventDefault();
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    // Closing or reloading the window with a form holding unsaved changes asks first.
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);

  // Conflicts to resolve, from the backend's sync status (the status bar's query: polled, and
  // refetched after every write, so a pull bringing a clash or a resolve shows at once).
  const conflicts = useSyncStatus().data?.conflicts ?? 0;
  // The menu item a screen belongs to (an account under Accounts, the model under Portfolio).
  const selected =
    route.screen === 'account'
      ? 'accounts'
      : route.screen === 'health-model'
        ? 'portfolio'
        : route.screen === 'requirement' || route.screen === 'requirement-model'
          ? 'requirements'
          : route.screen;
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={{ token: { borderRadius: 4 } }}
      // No space antd would put between two Chinese characters (编辑, not 编 辑).
      button={{ autoInsertSpace: false }}
      // A tall form scrolls inside its modal, so Save stays in the window (1280x720 too).
      modal={{ styles: { body: { maxHeight: 'calc(100vh - 280px)', overflowY: 'auto' } } }}
    >
      <AntApp>
        {/* Header, content and status bar are rows of one full-height column: the content
            scrolls between them, so the status bar never covers its last rows. */}
        <Layout style={{ height: '100vh', overflow: 'hidden' }}>
          <Layout.Header
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 16,
              paddingInline: 16,
              flex: 'none',
            }}
          >
            <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
              {t('ui.app.title')}
            </Typography.Text>
            <Menu
              theme="dark"
              mode="horizontal"
              selectedKeys={[selected]}
              style={{ flex: 1, minWidth: 0 }}
              items={[
                { key: 'today', label: <a href="#/today">{t('ui.nav.today')}</a> },
                { key: 'accounts', label: <a href="#/accounts">{t('ui.nav.accounts')}</a> },
                {
                  key: 'directory',
                  label: (
                    <a href="#/directory" data-testid="nav-directory">
                      {t('directory.nav')}
                    </a>
                  ),
                },
                {
                  key: 'requirements',
                  label: (
                    <a href="#/requirements" data-testid="nav-requirements">
                      {t('requirementsUi.nav')}
                    </a>
                  ),
                },
                {
                  key: 'portfolio',
                  label: (
                    <a href="#/portfolio" data-testid="nav-portfolio">
                      {t('portfolioUi.nav')}
                    </a>
                  ),
                },
                {
                  key: 'conflicts',
                  label: (
                    <a
                      href="#/conflicts"
                      data-testid="nav-conflicts"
                      data-count={conflicts}
                      title={
                        conflicts
                          ? t('healthModelUi.nav.conflictsCount', { count: conflicts })
                          : undefined
                      }
                    >
                      {t('healthModelUi.nav.conflicts')}
                      {conflicts > 0 && (
                        <Badge
                          count={conflicts}
                          overflowCount={999}
                          size="small"
                          offset={[6, -2]}
                          data-testid="nav-conflicts-count"
                        />
                      )}
                    </a>
                  ),
                },
              ]}
            />
            <Button data-testid="open-search" onClick={() => setSearchOpen(true)}>
              {t('ui.search.open')}{' '}
              <Typography.Text keyboard style={{ color: 'inherit' }}>
                Ctrl K
              </Typography.Text>
            </Button>
            <Segmented
              data-testid="locale-switch"
              value={locale}
              onChange={(v) => setLocale(v as typeof locale)}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'English', value: 'en-US' },
              ]}
            />
          </Layout.Header>
          <Layout.Content
            data-testid="content"
            style={{ padding: 16, overflow: 'auto', flex: '1 1 auto', minHeight: 0 }}
          >
            <StoreGate>
              <ScreenBoundary
                screen={route.screen === 'account' ? `account:${route.id}` : route.screen}
              >
                <Suspense fallback={<Skeleton active />}>
                  {identity.isPending ? (
                    <Skeleton active />
                  ) : askWho ? (
                    <WhoAreYou suggestedLogin={identity.data?.login} />
                  ) : (
                    <>
                      {route.screen === 'today' && <Today />}
                      {route.screen === 'accounts' && <Accounts />}
                      {route.screen === 'conflicts' && <Conflicts />}
                      {route.screen === 'portfolio' && <Portfolio view={route.view} />}
                      {route.screen === 'health-model' && <HealthModelEditor />}
                      {route.screen === 'directory' && <Directory />}
                      {['requirements', 'requirement', 'requirement-model'].includes(
                        route.screen,
                      ) && <Requirements route={route} />}
                      {route.screen === 'account' && (
                        <AccountWorkspace
                          key={route.id}
                          id={route.id}
                          tab={route.tab}
                          onTab={(tab) => navigate({ screen: 'account', id: route.id, tab })}
                        />
                      )}
                    </>
                  )}
                </Suspense>
              </ScreenBoundary>
              {!askWho && route.screen === 'accounts' && (
                <WhenNear preload={BatchDeliverables.preload}>
                  <Suspense fallback={null}>
                    <BatchDeliverables />
                  </Suspense>
                </WhenNear>
              )}
            </StoreGate>
          </Layout.Content>
          <StatusBar />
        </Layout>
        {searchLoaded && (
          <Suspense fallback={null}>
            <SearchPalette open={searchOpen} onClose={() => setSearchOpen(false)} />
          </Suspense>
        )}
        <Shortcuts open={helpOpen} onClose={() => setHelpOpen(false)} />
      </AntApp>
    </ConfigProvider>
  );
}

/** A key typed into a field is text, not a shortcut. */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

function useSearchLoaded(open: boolean): boolean {
  const [loaded, setLoaded] = useState(open);
  if (open && !loaded) setLoaded(true);
  return loaded || open;
}

/**
 * Renders its children once the browser is idle and their place is near the screen (their chunk
 * loaded on idle): the batch panel under the account list no longer mounts (injecting its
 * styles) in the middle of the first filter click after a page load, nor competes with the
 * table on page load. Watched only from idle, when the table above it has rendered: before
 * that its place is at the top of the empty screen.
 */
function WhenNear({ children, preload }: { children: ReactNode; preload: () => Promise<unknown> }) {
  const [idle, setIdle] = useState(false);
  const [near, setNear] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A failed preload is not an error yet: rendering loads the chunk again, and the screen's
    // boundary says so if that fails too.
    const load = () => {
      void preload().catch(() => undefined);
      setIdle(true);
    };
    if (typeof requestIdleCallback !== 'function') return load();
    const handle = requestIdleCallback(load, { timeout: 2_000 });
    return () => cancelIdleCallback(handle);
  }, [preload]);
  useEffect(() => {
    const place = anchor.current;
    if (!idle || !place) return;
    if (typeof IntersectionObserver !== 'function') return setNear(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        setNear(true);
      },
      { rootMargin: '100px' },
    );
    observer.observe(place);
    return () => observer.disconnect();
  }, [idle]);
  return near ? children : <div ref={anchor} style={{ height: 1 }} />;
}
