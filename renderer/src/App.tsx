// The shell: navigation, language switch, search (Ctrl/Cmd+K), the status bar, and the screens.
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Segmented, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState } from 'react';
import { SearchPalette } from './components/SearchPalette';
import { StatusBar } from './components/StatusBar';
import { useLocale } from './i18n';
import { navigate, useRoute } from './route';
import { Accounts } from './screens/Accounts';
import { AccountWorkspace } from './screens/AccountWorkspace';
import { Conflicts } from './screens/Conflicts';
import { BatchDeliverables } from './screens/BatchDeliverables';
import { HealthModelEditor } from './screens/HealthModelEditor';
import { Portfolio } from './screens/Portfolio';
import { Today } from './screens/Today';

export function App() {
  const { locale, setLocale, t } = useLocale();
  const route = useRoute();
  const [searchOpen, setSearchOpen] = useState(false);

  useEffect(() => {
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    document.title = t('ui.app.title');
  }, [locale, t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearchOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // An account belongs under Accounts; a screen without a menu item (conflicts) lights none.
  // The menu item a screen belongs to (an account under Accounts, the model under Portfolio).
  const selected =
    route.screen === 'account'
      ? 'accounts'
      : route.screen === 'health-model'
        ? 'portfolio'
        : route.screen;
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={{ token: { borderRadius: 4 } }}
    >
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header
            style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}
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
                  key: 'portfolio',
                  label: (
                    <a href="#/portfolio" data-testid="nav-portfolio">
                      {t('portfolioUi.nav')}
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
          <Layout.Content style={{ padding: 16, paddingBottom: 48 }}>
            {route.screen === 'today' && <Today />}
            {route.screen === 'accounts' && <Accounts />}
            {route.screen === 'conflicts' && <Conflicts />}
            {route.screen === 'accounts' && <BatchDeliverables />}
            {route.screen === 'portfolio' && <Portfolio />}
            {route.screen === 'health-model' && <HealthModelEditor />}
            {route.screen === 'account' && (
              <AccountWorkspace
                key={route.id}
                id={route.id}
                tab={route.tab}
                onTab={(tab) => navigate({ screen: 'account', id: route.id, tab })}
              />
            )}
          </Layout.Content>
          <StatusBar />
        </Layout>
        <SearchPalette open={searchOpen} onClose={() => setSearchOpen(false)} />
      </AntApp>
    </ConfigProvider>
  );
}
