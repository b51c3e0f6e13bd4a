// The application menu: the usual roles plus the app's own entries, labels in the UI language.
import type { MenuItemConstructorOptions } from 'electron';
import { t, type Locale } from '../../shared/i18n';

export function menuTemplate(
  locale: Locale,
  o: { isMac: boolean; packaged: boolean; onNavigate: (hash: string) => void },
): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    {
      label: t(locale, 'ui.nav.today'),
      accelerator: 'CmdOrCtrl+1',
      click: () => o.onNavigate('#/today'),
    },
    {
      label: t(locale, 'ui.nav.accounts'),
      accelerator: 'CmdOrCtrl+2',
      click: () => o.onNavigate('#/accounts'),
    },
    { type: 'separator' },
    { role: 'reload' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { role: 'togglefullscreen' },
  ];
  if (!o.packaged) view.push({ type: 'separator' }, { role: 'toggleDevTools' });
  return [
    ...(o.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: t(locale, 'ui.menu.view'), submenu: view },
    { role: 'windowMenu' },
  ];
}
