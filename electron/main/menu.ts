/**
 * The standard application menu, built from Electron's roles so every platform gets its native
 * behaviour and shortcuts. Developer tools and reload exist only in development builds.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface HelpLink {
  label: string;
  url: string;
}

export const HELP_LINKS: readonly HelpLink[] = [
  { label: 'AWS IAM Security Best Practices', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html' },
];

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Development build: adds reload and the developer tools. */
  isDev: boolean;
  /** Opens a help link; in the app, `openExternalSafely`. */
  openLink: (url: string) => void;
  helpLinks?: readonly HelpLink[];
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const links = options.helpLinks ?? HELP_LINKS;

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [{ role: 'about' }, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
        },
      ]
    : [];

  const fileMenu: MenuItemConstructorOptions = { label: '&File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(options.isDev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      ...links.map((link): MenuItemConstructorOptions => ({ label: link.label, click: () => options.openLink(link.url) })),
      ...(mac ? [] : [separator, { role: 'about' } as const]),
    ],
  };

  return [...appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

export function installApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
