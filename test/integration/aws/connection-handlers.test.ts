/**
 * The connections:* handlers over a real workspace file, testing against moto: create, list,
 * update, remove, and "Test" recording its outcome on the saved connection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channels, type Connection } from '@shared/contract';
import { createConnectionHandlers, type ConnectionHandlers } from '@core/handlers/connections-handlers';
import { WorkspaceManager } from '@core/db/workspace-manager';
import { createDispatch, type Handlers } from '@core/dispatch';
import { MOTO_ACCOUNT_ID, startMoto, writeAwsConfig, type AwsConfigFixture, type MotoServer } from '../../support/moto';

const SECRET = 'hAnDlErSeCrEt000000000000000000000000001';
const ROLE = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/WardenReadOnly`;

let moto: MotoServer;
let aws: AwsConfigFixture;
let dir: string;
let workspaces: WorkspaceManager;
let handlers: ConnectionHandlers;
let now = new Date('2026-03-01T10:00:00.000Z');
const clock = (): Date => now;

beforeAll(async () => {
  moto = await startMoto();
  aws = await writeAwsConfig({
    endpoint: moto.endpoint,
    profiles: {
      dev: { config: { region: 'eu-west-1' }, credentials: { aws_access_key_id: 'AKIAHANDLERSKEY00001', aws_secret_access_key: SECRET } },
      'sso-dev': { config: { sso_session: 'corp', sso_account_id: MOTO_ACCOUNT_ID, sso_role_name: 'ReadOnly' } },
    },
    ssoSessions: { corp: { sso_start_url: 'https://corp.awsapps.com/start', sso_region: 'eu-west-1' } },
  });
}, 60_000);

afterAll(async () => {
  await moto?.stop();
  await aws?.cleanup();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warden-connections-'));
  workspaces = new WorkspaceManager({ initialPath: join(dir, 'workspace.sqlite'), clock });
  handlers = createConnectionHandlers({ workspaces, env: aws.env, clock });
  now = new Date('2026-03-01T10:00:00.000Z');
});

afterEach(async () => {
  workspaces.close();
  await rm(dir, { recursive: true, force: true });
});

async function create(name: string, extra: Partial<{ profile: string; roleArn: string | null; externalId: string | null; regions: string[] }> = {}): Promise<Connection> {
  return handlers['connections:create']({ name, profile: 'dev', roleArn: null, externalId: null, regions: [], ...extra });
}

describe('connections handlers', () => {
  it('lists the profiles of the files named by the environment', async () => {
    const result = await handlers['connections:profiles']({});
    expect(result.configFile).toBe(aws.configFile);
    expect(result.profiles.map((p) => [p.name, p.kind])).toEqual([
      ['dev', 'static'],
      ['sso-dev', 'sso'],
    ]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('creates, lists, updates and removes connections', async () => {
    expect(await handlers['connections:list']({})).toEqual([]);

    const created = await create('Production', { roleArn: ROLE, externalId: 'ext-1', regions: ['eu-west-1', 'us-east-1', 'eu-west-1'] });
    expect(created).toMatchObject({
      name: 'Production',
      profile: 'dev',
      roleArn: ROLE,
      externalId: 'ext-1',
      regions: ['eu-west-1', 'us-east-1'],
      createdAt: '2026-03-01T10:00:00.000Z',
      lastTest: null,
    });
    await create('Staging');
    expect((await handlers['connections:list']({})).map((c) => c.name)).toEqual(['Production', 'Staging']);

    await expect(create('production')).rejects.toMatchObject({ code: 'conflict' });

    now = new Date('2026-03-02T10:00:00.000Z');
    const renamed = await handlers['connections:update']({ id: created.id, name: 'Prod' });
    expect(renamed).toMatchObject({ name: 'Prod', roleArn: ROLE, externalId: 'ext-1', regions: ['eu-west-1', 'us-east-1'], updatedAt: '2026-03-02T10:00:00.000Z' });

    const changed = await handlers['connections:update']({ id: created.id, roleArn: null, externalId: null, regions: ['ap-south-1'] });
    expect(changed).toMatchObject({ name: 'Prod', roleArn: null, externalId: null, regions: ['ap-south-1'] });

    expect(await handlers['connections:remove']({ id: created.id })).toEqual({ removed: true });
    expect(await handlers['connections:remove']({ id: created.id })).toEqual({ removed: false });
    expect((await handlers['connections:list']({})).map((c) => c.name)).toEqual(['Staging']);
  });

  it('refuses an external ID without a role, and an update of an unknown id', async () => {
    await expect(create('Odd', { externalId: 'ext-1' })).rejects.toMatchObject({ code: 'invalid_input' });
    const saved = await create('Plain');
    const update = async (input: Parameters<ConnectionHandlers['connections:update']>[0]) => handlers['connections:update'](input);
    await expect(update({ id: saved.id, externalId: 'ext-1' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(update({ id: 'nope', name: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('tests a saved connection and records the result on it', async () => {
    const saved = await create('Production', { regions: ['eu-central-1'] });
    now = new Date('2026-03-03T09:30:00.000Z');

    const result = await handlers['connections:test']({ connectionId: saved.id });

    expect(result).toMatchObject({ ok: true, accountId: MOTO_ACCOUNT_ID, assumedRole: false });
    const [listed] = await handlers['connections:list']({});
    expect(listed?.lastTest).toEqual({
      at: '2026-03-03T09:30:00.000Z',
      ok: true,
      accountId: MOTO_ACCOUNT_ID,
      message: expect.stringContaining(`Account ${MOTO_ACCOUNT_ID}`) as unknown,
    });
  });

  it('records a failed test with its message, and no secret', async () => {
    const saved = await create('Broken', { profile: 'missing-profile' });

    const result = await handlers['connections:test']({ connectionId: saved.id });

    expect(result).toMatchObject({ ok: false, failure: 'invalid_profile' });
    const [listed] = await handlers['connections:list']({});
    expect(listed?.lastTest).toMatchObject({ ok: false, accountId: null });
    expect(listed?.lastTest?.message).toContain('"missing-profile" was not found');
    expect(JSON.stringify(listed)).not.toContain(SECRET);
  });

  it('tests a bare profile without saving anything', async () => {
    const result = await handlers['connections:test']({ profile: 'dev', roleArn: null, externalId: null, region: null });
    expect(result).toMatchObject({ ok: true, accountId: MOTO_ACCOUNT_ID });
    expect(await handlers['connections:list']({})).toEqual([]);
  });

  it('refuses to test a saved connection that does not exist', async () => {
    await expect((async () => handlers['connections:test']({ connectionId: 'nope' }))()).rejects.toMatchObject({ code: 'not_found' });
  });

  it('through the dispatcher: invalid input is refused, outputs fit the contract', async () => {
    const dispatch = createDispatch(handlers as unknown as Handlers);
    expect(await dispatch('connections:create', { name: 'x', profile: 'dev', roleArn: 'not-an-arn' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const created = await dispatch('connections:create', { name: 'Via dispatch', profile: 'dev', regions: ['eu-west-1'] });
    expect(created).toMatchObject({ ok: true });
    const tested = await dispatch('connections:test', { profile: 'dev' });
    expect(tested.ok && channels['connections:test'].output.parse(tested.value)).toMatchObject({ ok: true, accountId: MOTO_ACCOUNT_ID });
  });

  it('through the dispatcher: a rename keeps the role, external ID and regions', async () => {
    const dispatch = createDispatch(handlers as unknown as Handlers);
    const created = await create('Prod', { roleArn: ROLE, externalId: 'ext-1', regions: ['eu-west-1'] });
    const renamed = await dispatch('connections:update', { id: created.id, name: 'Production' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Production', roleArn: ROLE, externalId: 'ext-1', regions: ['eu-west-1'] } });
  });
});
