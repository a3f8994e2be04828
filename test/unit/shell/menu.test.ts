import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isSafeExternalUrl } from '../../../electron/main/external-links';
import { buildMenuTemplate, HELP_LINKS, installApplicationMenu, type MenuOptions } from '../../../electron/main/menu';
import { Menu, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

beforeEach(() => {
  resetElectronMock();
});

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role !== undefined ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function menu(overrides: Partial<MenuOptions> = {}): MenuItemConstructorOptions[] {
  return buildMenuTemplate({ platform: 'linux', appName: 'Agent Warden', isDev: false, openLink: vi.fn(), ...overrides });
}

describe('application menu', () => {
  it('has no developer tools or reload in production', () => {
    const all = roles(menu());
    expect(all).not.toContain('toggleDevTools');
    expect(all).not.toContain('reload');
    expect(all).not.toContain('forceReload');
    expect(all).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'minimize', 'about', 'help']));
  });

  it('adds developer tools and reload in development', () => {
    expect(roles(menu({ isDev: true }))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload']));
  });

  it('gives macOS its app menu, first, named after the app', () => {
    const template = menu({ platform: 'darwin' });
    expect(template[0]?.label).toBe('Agent Warden');
    expect(roles([template[0]!])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(template.map((item) => item.label ?? item.role)).toEqual(['Agent Warden', '&File', '&Edit', '&View', '&Window', '&Help']);
  });

  it('opens help links through the given opener, and they are all safe', () => {
    const openLink = vi.fn();
    const help = menu({ openLink }).find((item) => item.role === 'help');
    const link = (help?.submenu as MenuItemConstructorOptions[])[0];
    (link?.click as () => void)();
    expect(openLink).toHaveBeenCalledExactlyOnceWith(HELP_LINKS[0]?.url);
    for (const { url } of HELP_LINKS) expect(isSafeExternalUrl(url)).toBe(true);
  });

  it('installs the menu', () => {
    installApplicationMenu({ platform: 'linux', appName: 'Agent Warden', isDev: false, openLink: vi.fn() });
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
  });
});
