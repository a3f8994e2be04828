import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, EVENT_NAMES, channels, events, type ChannelDefinition } from '@shared/contract';
import { createBackend, waitsForAnalysis, type Backend } from '@core/backend';
import { createDispatch, type Dispatch, type Handlers } from '@core/dispatch';
import { EventHub } from '@core/events';

describe('the contract', () => {
  let dir: string;
  let backend: Backend;
  let dispatch: Dispatch;
  let handlers: Handlers;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-contract-'));
    backend = createBackend({
      workspacePath: join(dir, 'workspace.sqlite'),
      appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
      env: { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
      dialogs: null,
      emit: new EventHub().emit,
      acceptUploads: false,
      collectors: [],
    });
    handlers = backend.handlers;
    dispatch = backend.dispatch;
  });

  afterAll(() => {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names every channel domain:verb with a doc, an input and an output schema', () => {
    for (const name of CHANNEL_NAMES) {
      expect(name).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/);
      expect(channels[name].doc.length, name).toBeGreaterThan(10);
    }
    for (const name of EVENT_NAMES) {
      expect(name).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/);
      expect(events[name]).toBeDefined();
    }
  });

  it('says of every channel whether it reads or writes the workspace, and only writes wait for a running analysis', () => {
    for (const name of CHANNEL_NAMES) {
      const access: unknown = (channels[name] as { access?: unknown }).access;
      expect(['read', 'write'], `${name} has no access`).toContain(access);
      expect(waitsForAnalysis(name), name).toBe(access === 'write');
    }
    // The type requires it too: a definition without its access does not compile.
    const withoutAccess = { doc: 'A channel that forgot its access.', input: z.object({}), output: z.object({}) };
    // @ts-expect-error access is missing
    const definition: ChannelDefinition = withoutAccess;
    expect(definition).not.toHaveProperty('access');
    // The channels that analyse a scan on first read are reads: they queue in the runner, never behind it.
    for (const name of ['agents:list', 'agents:get', 'findings:list', 'policies:list', 'policies:test', 'scans:cancel'] as const) {
      expect(channels[name].access, name).toBe('read');
    }
  });

  it('has exactly one handler per channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(typeof handlers[name], name).toBe('function');
  });

  it('refuses an unknown channel with unknown_channel', async () => {
    for (const name of ['nope', 'connections:delete', '__proto__', 'constructor', 'toString']) {
      const reply = await dispatch(name, {});
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('answers invalid input on every channel that takes input with invalid_input, never a crash', async () => {
    for (const name of CHANNEL_NAMES) {
      for (const bad of [42, 'text', [1, 2], { id: { nested: true }, name: 7, path: 9, profile: [], thresholds: 'x', connectionId: 5 }]) {
        const reply = await dispatch(name, bad);
        if (reply.ok) {
          // Channels whose input is an object of optional fields may accept an object; never a primitive.
          expect(typeof bad, `${name} accepted ${JSON.stringify(bad)}`).toBe('object');
          expect(Array.isArray(bad), `${name} accepted an array`).toBe(false);
        } else {
          expect(['invalid_input', 'not_found'], `${name}: ${reply.error.message}`).toContain(reply.error.code);
        }
      }
    }
  });

  it('round-trips a channel through dispatch with output validation', async () => {
    const reply = await dispatch('app:info', {});
    expect(reply).toEqual({
      ok: true,
      value: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    });
    const settings = await dispatch('settings:get', undefined);
    expect(settings).toMatchObject({ ok: true, value: { thresholds: { keyRotationDays: 90, keyUnusedDays: 45 } } });
  });

  it('reports a handler that returns an invalid reply as internal, not as data', async () => {
    const broken = createDispatch({ ...handlers, 'app:info': () => ({ name: 42 }) as never });
    expect(await broken('app:info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('the contract’s files', () => {
  const root = join(__dirname, '../../shared');

  it('is the folder: no shared/contract.ts beside it, which would shadow shared/contract/index.ts', () => {
    expect(existsSync(join(root, 'contract.ts'))).toBe(false);
    expect(existsSync(join(root, 'contract', 'index.ts'))).toBe(true);
  });

  it('declares every channel in the file of its prefix', () => {
    for (const name of CHANNEL_NAMES) {
      const file = join(root, 'contract', `${name.split(':')[0] ?? ''}.ts`);
      expect(existsSync(file), `${name}: ${file}`).toBe(true);
      expect(readFileSync(file, 'utf8'), name).toContain(`'${name}': channel(`);
    }
  });
});
