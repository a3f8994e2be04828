/**
 * The `connections:*` channels: the AWS profiles on this computer, the connections saved in the
 * workspace, and "Test". Credentials are never stored; a test records only its outcome.
 */
import type { ChannelParsedInput, Connection, ConnectionTestResult } from '@shared/contract';
import {
  deleteConnection,
  findConnection,
  insertConnection,
  listConnections,
  recordConnectionTest,
  setConnectionSchedule,
  updateConnection,
  type ConnectionRecordInput,
} from '../db/repositories/connections';
import { appendAuditEntry } from '../db/repositories/audit-log';
import { currentActor } from '../db/repositories/settings';
import type { Handlers } from '../dispatch';
import { AppError } from '../errors';
import type { ServiceDeps } from './handler-deps';
import { testConnection } from '../aws/connection-test';
import { scannerPolicy } from '../aws/scanner/read-only-allowlist';
import { listAwsProfiles } from '../aws/profiles';
import { resolveHomedir } from '../aws/shared-config-files';

export type ConnectionHandlers = Pick<
  Handlers,
  | 'connections:profiles'
  | 'connections:list'
  | 'connections:create'
  | 'connections:update'
  | 'connections:remove'
  | 'connections:setSchedule'
  | 'connections:test'
  | 'connections:scannerPolicy'
>;

/** What the handlers need from the back end's dependencies; homedir overrides HOME/USERPROFILE. */
export type ConnectionHandlerDeps = Pick<ServiceDeps, 'workspaces' | 'env' | 'clock'> & { homedir?: string; emit?: ServiceDeps['emit'] };

function uniqueRegions(regions: readonly string[]): string[] {
  return [...new Set(regions)];
}

function checkExternalId(roleArn: string | null, externalId: string | null): void {
  if (externalId !== null && roleArn === null) {
    throw new AppError('invalid_input', 'An external ID is used only with a role to assume: add the role ARN, or clear the external ID.');
  }
}

/** What the connection's "last test" line says, in words (no secrets: account, alias and ARN only). */
function testSummary(result: ConnectionTestResult): string {
  if (!result.ok) return result.message;
  const alias = result.accountAlias !== null ? ` (${result.accountAlias})` : '';
  return `Account ${result.accountId}${alias}, as ${result.arn}`;
}

export function createConnectionHandlers(deps: ConnectionHandlerDeps): ConnectionHandlers {
  const homedir = (): string => deps.homedir ?? resolveHomedir(deps.env);
  const workspace = () => deps.workspaces.current();

  const testSaved = async (id: string): Promise<ConnectionTestResult> => {
    const connection: Connection | null = findConnection(workspace().read, id);
    if (connection === null) throw new AppError('not_found', `No saved connection has the id ${id}.`);
    const result = await testConnection(
      { profile: connection.profile, roleArn: connection.roleArn, externalId: connection.externalId, region: connection.regions[0] ?? null },
      { env: deps.env, homedir: homedir(), clock: deps.clock },
    );
    // Looked up again: another workspace may have been opened while the test ran (then the id
    // is unknown there and nothing is recorded).
    recordConnectionTest(workspace().write, id, {
      at: deps.clock(),
      ok: result.ok,
      accountId: result.ok ? result.accountId : null,
      message: testSummary(result),
    });
    // The tested account joins the known accounts, which the analysis reads.
    deps.emit?.('connections:changed', { id });
    return result;
  };

  return {
    'connections:profiles': () => listAwsProfiles(deps.env, homedir()),

    'connections:list': () => listConnections(workspace().read),

    'connections:create': (input) => {
      checkExternalId(input.roleArn, input.externalId);
      const record: ConnectionRecordInput = {
        name: input.name,
        profile: input.profile,
        roleArn: input.roleArn,
        externalId: input.externalId,
        regions: uniqueRegions(input.regions),
      };
      const created = insertConnection(workspace().write, record, deps.clock());
      deps.emit?.('connections:changed', { id: created.id });
      return created;
    },

    'connections:update': (input) => {
      const { id, ...fields } = input;
      const patch: Partial<ConnectionRecordInput> = {};
      if (fields.name !== undefined) patch.name = fields.name;
      if (fields.profile !== undefined) patch.profile = fields.profile;
      if (fields.roleArn !== undefined) patch.roleArn = fields.roleArn;
      if (fields.externalId !== undefined) patch.externalId = fields.externalId;
      if (fields.regions !== undefined) patch.regions = uniqueRegions(fields.regions);
      const ws = workspace();
      const existing = findConnection(ws.read, id);
      if (existing === null) throw new AppError('not_found', `No saved connection has the id ${id}.`);
      checkExternalId(patch.roleArn !== undefined ? patch.roleArn : existing.roleArn, patch.externalId !== undefined ? patch.externalId : existing.externalId);
      const updated = updateConnection(ws.write, id, patch, deps.clock());
      deps.emit?.('connections:changed', { id });
      return updated;
    },

    'connections:remove': (input) => {
      const removed = deleteConnection(workspace().write, input.id);
      if (removed) deps.emit?.('connections:changed', { id: input.id });
      return { removed };
    },

    'connections:setSchedule': ({ id, schedule }) => {
      const ws = workspace();
      const now = deps.clock();
      // The change and its audit entry in one transaction: a schedule starts scans on its own, so who set it is on record.
      ws.write.transaction((tx) => {
        const before = setConnectionSchedule(tx, id, schedule, now);
        appendAuditEntry(tx, {
          at: now.toISOString(),
          actor: currentActor(tx, deps.env),
          action: 'connection.schedule',
          target: `connection:${id}`,
          details: { name: before.name, before: before.schedule, after: schedule },
        });
      });
      const updated = findConnection(ws.read, id);
      if (updated === null) throw new AppError('not_found', `No saved connection has the id ${id}.`);
      // The scheduler listens for this too: a schedule turned off or changed is re-read at once.
      deps.emit?.('connections:changed', { id });
      return updated;
    },

    'connections:test': (input: ChannelParsedInput<'connections:test'>) => {
      if ('connectionId' in input) return testSaved(input.connectionId);
      return testConnection(
        { profile: input.profile, roleArn: input.roleArn, externalId: input.externalId, region: input.region },
        { env: deps.env, homedir: homedir(), clock: deps.clock },
      );
    },

    'connections:scannerPolicy': ({ memberRoleName }) => {
      const policy = scannerPolicy({ memberRoleName });
      return { policy: JSON.stringify(policy, null, 2), actions: policy.Statement.flatMap((s) => s.Action) };
    },
  };
}
