import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionSchema } from '@shared/contract';
import type { Workspace } from '@core/db/open-workspace';
import {
  deleteConnection,
  findConnection,
  findConnectionByName,
  insertConnection,
  listConnections,
  listConnectionsChecked,
  recordConnectionTest,
  updateConnection,
  type ConnectionRecordInput,
} from '@core/db/repositories/connections';
import { sql } from '@core/db/sql';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';
import { openTestWorkspace } from './helpers/workspace-fixtures';

const T1 = new Date('2025-01-01T10:00:00.000Z');
const T2 = new Date('2025-01-02T11:00:00.000Z');

const prod: ConnectionRecordInput = {
  name: 'Production',
  profile: 'prod-sso',
  roleArn: 'arn:aws:iam::123456789012:role/WardenReadOnly',
  externalId: 'warden-ext-1',
  regions: ['eu-west-1', 'us-east-1'],
};

describe('connections repository', () => {
  let workspace: Workspace;

  beforeEach(() => {
    workspace = openTestWorkspace(join(makeTempDir(), 'w.sqlite'));
  });

  afterEach(() => {
    workspace.close();
    removeTempDirs();
  });

  it('inserts a connection with a random id and ISO timestamps, and reads it back', () => {
    const created = insertConnection(workspace.write, prod, T1);
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created).toEqual({
      id: created.id,
      ...prod,
      createdAt: T1.toISOString(),
      updatedAt: T1.toISOString(),
      lastTest: null,
      schedule: { kind: 'off' },
      lastRun: null,
      nextRunAt: null,
    });
    expect(connectionSchema.parse(created)).toEqual(created);
    expect(findConnection(workspace.read, created.id)).toEqual(created);
    expect(listConnections(workspace.read)).toEqual([created]);
    expect(findConnection(workspace.read, 'no-such-id')).toBeNull();
    const other = insertConnection(workspace.write, { ...prod, name: 'Staging' }, T1);
    expect(other.id).not.toBe(created.id);
  });

  it('lists connections by name, ignoring case', () => {
    for (const name of ['beta', 'Alpha', 'gamma']) insertConnection(workspace.write, { ...prod, name }, T1);
    expect(listConnections(workspace.read).map((c) => c.name)).toEqual(['Alpha', 'beta', 'gamma']);
  });

  it('finds by name case-insensitively, in any alphabet, ignoring surrounding spaces', () => {
    const created = insertConnection(workspace.write, { ...prod, name: 'Äpfel Prod' }, T1);
    expect(findConnectionByName(workspace.read, 'äPFEL prod')?.id).toBe(created.id);
    expect(findConnectionByName(workspace.read, '  Äpfel Prod ')?.id).toBe(created.id);
    expect(findConnectionByName(workspace.read, 'Äpfel')).toBeNull();
  });

  it('refuses a duplicate name, whatever its case, as a conflict', () => {
    insertConnection(workspace.write, prod, T1);
    expect(() => insertConnection(workspace.write, { ...prod, name: 'PRODUCTION' }, T1)).toThrow(
      expect.objectContaining({ code: 'conflict', message: 'A connection named "PRODUCTION" already exists. Choose another name.' }),
    );
    insertConnection(workspace.write, { ...prod, name: 'Élan' }, T1);
    expect(() => insertConnection(workspace.write, { ...prod, name: 'élan' }, T1)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(listConnections(workspace.read)).toHaveLength(2);
  });

  it('trims names and refuses an empty one', () => {
    expect(insertConnection(workspace.write, { ...prod, name: '  Spaced  ' }, T1).name).toBe('Spaced');
    expect(() => insertConnection(workspace.write, { ...prod, name: '   ' }, T1)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('updates only the fields in the patch and moves updatedAt', () => {
    const created = insertConnection(workspace.write, prod, T1);
    const updated = updateConnection(workspace.write, created.id, { name: 'Prod (EU)', regions: ['eu-central-1'] }, T2);
    expect(updated).toEqual({
      ...created,
      name: 'Prod (EU)',
      regions: ['eu-central-1'],
      updatedAt: T2.toISOString(),
    });
    const cleared = updateConnection(workspace.write, created.id, { roleArn: null, externalId: null }, T2);
    expect(cleared.roleArn).toBeNull();
    expect(cleared.externalId).toBeNull();
    expect(cleared.profile).toBe(prod.profile);
  });

  it('lets a connection change the case of its own name, but not take another’s', () => {
    const created = insertConnection(workspace.write, prod, T1);
    insertConnection(workspace.write, { ...prod, name: 'Staging' }, T1);
    expect(updateConnection(workspace.write, created.id, { name: 'PRODUCTION' }, T2).name).toBe('PRODUCTION');
    expect(() => updateConnection(workspace.write, created.id, { name: 'staging' }, T2)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(findConnection(workspace.read, created.id)?.name).toBe('PRODUCTION');
  });

  it('reports an unknown id on update as not found', () => {
    expect(() => updateConnection(workspace.write, 'missing', { name: 'x' }, T2)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('deletes a connection, and says whether there was one', () => {
    const created = insertConnection(workspace.write, prod, T1);
    expect(deleteConnection(workspace.write, created.id)).toBe(true);
    expect(deleteConnection(workspace.write, created.id)).toBe(false);
    expect(listConnections(workspace.read)).toEqual([]);
  });

  it('keeps scans made through a deleted connection', () => {
    const created = insertConnection(workspace.write, prod, T1);
    workspace.write.run(sql`INSERT INTO scans (id, connection_id, connection_name, source, status, started_at)
                            VALUES ('s1', ${created.id}, ${created.name}, 'live', 'completed', ${T1.toISOString()})`);
    deleteConnection(workspace.write, created.id);
    expect(workspace.read.get(sql`SELECT connection_id, connection_name FROM scans`)).toEqual({
      connection_id: null,
      connection_name: 'Production',
    });
  });

  it('records the latest test result', () => {
    const created = insertConnection(workspace.write, prod, T1);
    recordConnectionTest(workspace.write, created.id, { at: T2, ok: true, accountId: '123456789012', message: 'OK' });
    expect(findConnection(workspace.read, created.id)?.lastTest).toEqual({
      at: T2.toISOString(),
      ok: true,
      accountId: '123456789012',
      message: 'OK',
    });
    recordConnectionTest(workspace.write, created.id, { at: T2, ok: false, accountId: null, message: 'Expired SSO token' });
    expect(findConnection(workspace.read, created.id)?.lastTest).toMatchObject({ ok: false, accountId: null });
    // The connection's own updatedAt is about its settings, not its tests.
    expect(findConnection(workspace.read, created.id)?.updatedAt).toBe(T1.toISOString());
    expect(() => recordConnectionTest(workspace.write, 'gone', { at: T2, ok: true, accountId: null, message: '' })).not.toThrow();
  });

  it('survives a hand-edited row: the list skips it with a reason, a direct lookup explains it', () => {
    const good = insertConnection(workspace.write, prod, T1);
    // Valid JSON and a valid array, so the CHECK lets it in, but not a list of region codes.
    workspace.write.run(sql`INSERT INTO connections (id, name, profile, regions, created_at, updated_at)
                            VALUES ('bad', 'Hand edited', 'p', '["eu-west-1", 42]', ${T1.toISOString()}, ${T1.toISOString()})`);
    expect(listConnections(workspace.read)).toEqual([good]);
    expect(listConnectionsChecked(workspace.read).skipped).toEqual([
      { id: 'bad', reason: 'regions: not a list of region codes' },
    ]);
    expect(() => findConnection(workspace.read, 'bad')).toThrow(expect.objectContaining({ code: 'workspace_error' }));
    expect(() => findConnection(workspace.read, 'bad')).toThrow(/connection bad is damaged.*Remove it and add it again/);
    // The damaged row can still be removed.
    expect(deleteConnection(workspace.write, 'bad')).toBe(true);
  });

  it('never stores anything but profile names and role ARNs', () => {
    insertConnection(workspace.write, prod, T1);
    const columns = workspace.read
      .all(sql`SELECT name FROM pragma_table_info('connections')`)
      .map((row) => String(row['name']));
    expect(columns.filter((c) => /secret|key|token|password|credential/i.test(c))).toEqual([]);
  });
});
