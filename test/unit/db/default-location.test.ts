import { describe, expect, it } from 'vitest';
import { defaultDemoWorkspacePath, defaultWorkspacePath } from '@core/db/default-location';

describe('defaultWorkspacePath', () => {
  it('uses $XDG_CONFIG_HOME on Linux', () => {
    expect(defaultWorkspacePath({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', homedir: '/home/ana' })).toBe(
      '/xdg/Agent Warden/workspace.sqlite',
    );
  });

  it('falls back to ~/.config on Linux when XDG_CONFIG_HOME is unset, empty or relative', () => {
    for (const env of [{}, { XDG_CONFIG_HOME: '' }, { XDG_CONFIG_HOME: 'relative/dir' }]) {
      expect(defaultWorkspacePath({ env, platform: 'linux', homedir: '/home/ana' })).toBe(
        '/home/ana/.config/Agent Warden/workspace.sqlite',
      );
    }
  });

  it('uses ~/Library/Application Support on macOS, whatever XDG says', () => {
    expect(defaultWorkspacePath({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'darwin', homedir: '/Users/ana' })).toBe(
      '/Users/ana/Library/Application Support/Agent Warden/workspace.sqlite',
    );
  });

  it('uses %APPDATA% on Windows, or the roaming folder under the home directory', () => {
    expect(
      defaultWorkspacePath({ env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, platform: 'win32', homedir: 'C:\\Users\\ana' }),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Agent Warden\\workspace.sqlite');
    expect(defaultWorkspacePath({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Agent Warden\\workspace.sqlite',
    );
  });

  it('treats other Unix-likes as Linux', () => {
    expect(defaultWorkspacePath({ env: {}, platform: 'freebsd', homedir: '/home/ana' })).toBe(
      '/home/ana/.config/Agent Warden/workspace.sqlite',
    );
  });
});

describe('defaultDemoWorkspacePath', () => {
  it('is demo.sqlite beside the default workspace on every platform', () => {
    expect(defaultDemoWorkspacePath({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', homedir: '/home/ana' })).toBe('/xdg/Agent Warden/demo.sqlite');
    expect(defaultDemoWorkspacePath({ env: {}, platform: 'darwin', homedir: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/Agent Warden/demo.sqlite');
    expect(defaultDemoWorkspacePath({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Roaming\\Agent Warden\\demo.sqlite');
  });
});
