import { EventEmitter } from 'node:events';
import type { IpcRenderer } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES, isChannelName, type Bridge } from '@shared/contract';
import { createBridge } from '../../../electron/preload/bridge';
import { BRIDGE_CHANNELS, BRIDGE_EVENTS, DROPPED_FILE_IPC_CHANNEL, EVENT_IPC_CHANNEL } from '../../../electron/preload/bridge-protocol';
import '../../../electron/preload/index';
import { contextBridge, ipcRenderer } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

// What the preload entry exposed when it was loaded above (before any test resets the fakes).
const exposedAtLoad = new Map(contextBridge.exposed);
const exposeCallsAtLoad = contextBridge.exposeInMainWorld.mock.calls.length;
const ipcListenersAtLoad = ipcRenderer.listenerCount(EVENT_IPC_CHANNEL);

class FakeIpc extends EventEmitter {
  readonly invoke = vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(() => Promise.resolve({ ok: true, value: 42 }));
  readonly send = vi.fn<(channel: string, ...args: unknown[]) => void>();
}

let ipc: FakeIpc;
let bridge: Bridge;

beforeEach(() => {
  ipc = new FakeIpc();
  bridge = createBridge(ipc as unknown as IpcRenderer);
});

describe('the preload entry', () => {
  it('exposes one object, wardenBridge, with only invoke, on and pathForFile', () => {
    expect(exposeCallsAtLoad).toBe(1);
    expect([...exposedAtLoad.keys()]).toEqual(['wardenBridge']);
    const exposed = exposedAtLoad.get('wardenBridge') as Record<string, unknown>;
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'on', 'pathForFile']);
    expect(typeof exposed['invoke']).toBe('function');
    expect(typeof exposed['on']).toBe('function');
    expect(Object.values(exposed)).not.toContain(ipcRenderer);
  });

  it('listens on the one event channel', () => {
    expect(ipcListenersAtLoad).toBe(1);
  });
});

describe('the allowlists', () => {
  it('are exactly the contract channels and events', () => {
    expect([...BRIDGE_CHANNELS].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...BRIDGE_EVENTS].sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('carry events and dropped-file reports on channel names that are not contract channels', () => {
    expect(isChannelName(EVENT_IPC_CHANNEL)).toBe(false);
    expect(isChannelName(DROPPED_FILE_IPC_CHANNEL)).toBe(false);
  });
});

describe('invoke', () => {
  it('passes a contract channel and its input to the main process and returns the envelope', async () => {
    await expect(bridge.invoke('connections:list', {})).resolves.toEqual({ ok: true, value: 42 });
    expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith('connections:list', {});
  });

  it.each([
    ['an unknown channel', 'shell:exec'],
    ['the event channel', EVENT_IPC_CHANNEL],
    ['the dropped-file channel', DROPPED_FILE_IPC_CHANNEL],
    ['an Object prototype key', '__proto__'],
    ['another prototype key', 'constructor'],
    ['a lookalike', 'app:info '],
    ['the empty string', ''],
    ['a number', 42],
    ['an object', { toString: () => 'app:info' }],
  ])('refuses %s without touching IPC', async (_what, channel) => {
    const reply = await bridge.invoke(channel as string, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed IPC call into an unavailable envelope', async () => {
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'app:info'"));
    await expect(bridge.invoke('app:info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('turns a reply that is not an envelope into an internal error', async () => {
    ipc.invoke.mockResolvedValueOnce('surprise');
    await expect(bridge.invoke('app:info', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('on', () => {
  it('delivers the payload of its own event only, never the IPC event', () => {
    const progress = vi.fn();
    const changed = vi.fn();
    bridge.on('job:progress', progress);
    bridge.on('workspace:changed', changed);
    const ipcEvent = { sender: ipc, ports: [] };
    ipc.emit(EVENT_IPC_CHANNEL, ipcEvent, 'workspace:changed', { path: '/tmp/w.sqlite' });
    expect(changed).toHaveBeenCalledExactlyOnceWith({ path: '/tmp/w.sqlite' });
    expect(progress).not.toHaveBeenCalled();
  });

  it('ignores events the contract does not name', () => {
    const changed = vi.fn();
    bridge.on('workspace:changed', changed);
    ipc.emit(EVENT_IPC_CHANNEL, {}, 'something:else', { path: 'x' });
    ipc.emit(EVENT_IPC_CHANNEL, {}, 42, { path: 'x' });
    expect(changed).not.toHaveBeenCalled();
  });

  it('returns an unsubscribe function', () => {
    const changed = vi.fn();
    const unsubscribe = bridge.on('workspace:changed', changed);
    unsubscribe();
    ipc.emit(EVENT_IPC_CHANNEL, {}, 'workspace:changed', { path: 'x' });
    expect(changed).not.toHaveBeenCalled();
  });

  it('keeps two subscriptions of the same callback apart', () => {
    const changed = vi.fn();
    const first = bridge.on('workspace:changed', changed);
    bridge.on('workspace:changed', changed);
    first();
    ipc.emit(EVENT_IPC_CHANNEL, {}, 'workspace:changed', { path: 'x' });
    expect(changed).toHaveBeenCalledOnce();
  });

  it('keeps delivering when one listener throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = vi.fn();
    bridge.on('workspace:changed', () => {
      throw new Error('boom');
    });
    bridge.on('workspace:changed', second);
    ipc.emit(EVENT_IPC_CHANNEL, {}, 'workspace:changed', { path: 'x' });
    expect(second).toHaveBeenCalledOnce();
  });

  it.each([['an unknown event', 'shell:opened'], ['a prototype key', 'toString'], ['a channel name', 'app:info']])('refuses %s', (_what, event) => {
    expect(() => bridge.on(event, vi.fn())).toThrow(TypeError);
  });

  it('refuses a callback that is not a function', () => {
    expect(() => bridge.on('workspace:changed', 'alert(1)' as unknown as () => void)).toThrow(TypeError);
  });

  it('uses one IPC listener however many subscriptions there are', () => {
    for (let i = 0; i < 20; i += 1) bridge.on('job:progress', vi.fn());
    expect(ipc.listenerCount(EVENT_IPC_CHANNEL)).toBe(1);
  });
});

describe('pathForFile', () => {
  const dropped = new File(['{}'], 'export.json');
  const withPaths = (getPathForFile: (file: never) => string): Bridge => createBridge(ipc as unknown as IpcRenderer, getPathForFile);

  it('gives the path of a dropped file and vouches for it with the main process first', () => {
    const getPath = vi.fn(() => '/home/me/export.json');
    expect(withPaths(getPath).pathForFile(dropped)).toBe('/home/me/export.json');
    expect(getPath).toHaveBeenCalledExactlyOnceWith(dropped);
    expect(ipc.send).toHaveBeenCalledExactlyOnceWith(DROPPED_FILE_IPC_CHANNEL, '/home/me/export.json');
  });

  it.each([
    ['a string the page made up', '/home/me/.aws/credentials'],
    ['an object that looks like a file', { name: 'x', path: '/etc/passwd' }],
    ['nothing', undefined],
  ])('has no path, and vouches for nothing, for %s', (_what, value) => {
    const getPath = vi.fn(() => '/home/me/.aws/credentials');
    expect(withPaths(getPath).pathForFile(value)).toBeNull();
    expect(getPath).not.toHaveBeenCalled();
    expect(ipc.send).not.toHaveBeenCalled();
  });

  it('has no path, and vouches for nothing, for a file made in the page (Electron gives no path)', () => {
    expect(withPaths(() => '').pathForFile(dropped)).toBeNull();
    expect(ipc.send).not.toHaveBeenCalled();
  });

  it('has no path when Electron fails, and still gives the path when the report cannot be sent', () => {
    expect(
      withPaths(() => {
        throw new Error('not a file');
      }).pathForFile(dropped),
    ).toBeNull();
    ipc.send.mockImplementationOnce(() => {
      throw new Error('gone');
    });
    expect(withPaths(() => '/home/me/export.json').pathForFile(dropped)).toBe('/home/me/export.json');
  });

  it('has no path without Electron (as in a plain browser)', () => {
    expect(bridge.pathForFile(dropped)).toBeNull();
  });
});
