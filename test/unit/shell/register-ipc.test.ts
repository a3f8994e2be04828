import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '@shared/contract';
import type { Dispatch } from '@core/dispatch';
import { createSenderCheck, isTrustedSenderUrl, REFUSED_SENDER_REPLY, registerIpc } from '../../../electron/main/register-ipc';
import { ipcMain, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const APP_URL = 'warden://app/index.html';

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

function invokeEvent(frame: FakeFrame | null): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const appFrame: FakeFrame = { url: `${APP_URL}#/connections`, parent: null };

function call(channel: string, event: IpcMainInvokeEvent, input: unknown): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (handler === undefined) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler(event, input));
}

beforeEach(() => {
  resetElectronMock();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('registerIpc', () => {
  it('registers exactly the contract channels, nothing more', () => {
    registerIpc(ipcMain, vi.fn(), () => true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
  });

  it('passes a trusted call to dispatch and replies with its envelope', async () => {
    const dispatch = vi.fn<Dispatch>(() => Promise.resolve({ ok: true, value: { name: 'Agent Warden' } }));
    registerIpc(ipcMain, dispatch, createSenderCheck(APP_URL));
    await expect(call('app:info', invokeEvent(appFrame), {})).resolves.toEqual({ ok: true, value: { name: 'Agent Warden' } });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('app:info', {});
  });

  it.each([
    ['another page', { url: 'https://example.com/', parent: null }],
    ['a file that is not the app', { url: 'file:///tmp/evil.html', parent: null }],
    ['the built page loaded from file://', { url: 'file:///opt/app/out/renderer/index.html', parent: null }],
    ['another page of the app scheme', { url: 'warden://app/evil.html', parent: null }],
    ['a subframe of the app page', { url: APP_URL, parent: appFrame }],
    ['a frame that is gone', null],
  ])('refuses %s with an unavailable envelope, without calling the back end', async (_what, frame) => {
    const dispatch = vi.fn<Dispatch>();
    registerIpc(ipcMain, dispatch, createSenderCheck(APP_URL));
    for (const channel of CHANNEL_NAMES) {
      await expect(call(channel, invokeEvent(frame), {})).resolves.toEqual(REFUSED_SENDER_REPLY);
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(REFUSED_SENDER_REPLY.ok).toBe(false);
  });

  it('removes every handler it registered', () => {
    const unregister = registerIpc(ipcMain, vi.fn(), () => true);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('isTrustedSenderUrl trusts only the app page', () => {
    expect(isTrustedSenderUrl(APP_URL, APP_URL)).toBe(true);
    expect(isTrustedSenderUrl(`${APP_URL}#/settings`, APP_URL)).toBe(true);
    expect(isTrustedSenderUrl('warden://app/other.html', APP_URL)).toBe(false);
    expect(isTrustedSenderUrl('file:///opt/app/out/renderer/index.html', APP_URL)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', APP_URL)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedSenderUrl('', APP_URL)).toBe(false);
  });
});
