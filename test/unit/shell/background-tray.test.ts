import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTrayMenuTemplate, readKeepScanning, writeKeepScanning } from '../../../electron/main/background-tray';
import { resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'warden-bg-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('background tray', () => {
  it('the setting is off unless the file says true, and survives a write', () => {
    const file = join(dir, 'background-scans.json');
    expect(readKeepScanning(file)).toBe(false);
    writeFileSync(file, '{not json');
    expect(readKeepScanning(file)).toBe(false);
    writeFileSync(file, '{"keepScanningWhenClosed":"yes"}');
    expect(readKeepScanning(file)).toBe(false);
    writeKeepScanning(file, true);
    expect(readKeepScanning(file)).toBe(true);
    writeKeepScanning(file, false);
    expect(readKeepScanning(file)).toBe(false);
  });

  it('a file that cannot be written is said, not thrown', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    writeFileSync(join(dir, 'a-file'), '');
    expect(() => writeKeepScanning(join(dir, 'a-file', 'background-scans.json'), true)).not.toThrow();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('each menu item calls its action; the checkbox hands over its new state', () => {
    const actions = { open: vi.fn(), scanNow: vi.fn(), quit: vi.fn(), setKeepScanning: vi.fn() };
    const template = buildTrayMenuTemplate('Agent Warden', false, actions);
    const byLabel = (label: string) => template.find((item) => item.label === label)?.click as (item: { checked: boolean }) => void;
    byLabel('Open Agent Warden')({ checked: false });
    byLabel('Scan now')({ checked: false });
    byLabel('Keep scanning when the window is closed')({ checked: true });
    byLabel('Quit')({ checked: false });
    expect(actions.open).toHaveBeenCalledOnce();
    expect(actions.scanNow).toHaveBeenCalledOnce();
    expect(actions.setKeepScanning).toHaveBeenCalledWith(true);
    expect(actions.quit).toHaveBeenCalledOnce();
  });
});
