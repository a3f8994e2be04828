/**
 * Stored agents of a scan: the compact inventory row (`row`, what the inventory lists) and the whole
 * analysed agent (`data`, what the agent page shows), written together by the analysis store.
 */
import { ACCESS_LEVEL_NAMES, type Agent, type AgentRow } from '@shared/contract';
import type { AnalysedAgent, ServiceAccess, Tier } from '../../analysis/types';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';
import { storeText, type TextStoreOptions } from './analysis-texts';

/**
 * Effective permissions as stored: one `[service, allowed per level, total per level, anyResource]`
 * tuple per service, levels in ACCESS_LEVEL_NAMES order (the contract's, the analysis's ACCESS_LEVELS). As `ServiceAccess` objects a principal holding
 * ReadOnlyAccess took ~35 KB of JSON, 350 MB for 10,000 principals; this is about a sixth of that.
 */
type StoredServiceAccess = [string, number[], number[], 0 | 1];

/** The stored JSON of a list of permissions (the analysis writes the same text straight from its typed arrays where it can). */
export function encodePermissionsJson(list: readonly ServiceAccess[]): string {
  const tuples: StoredServiceAccess[] = list.map((s) => [s.service, ACCESS_LEVEL_NAMES.map((l) => s.levels[l].allowed), ACCESS_LEVEL_NAMES.map((l) => s.levels[l].total), s.anyResource ? 1 : 0]);
  return JSON.stringify(tuples);
}

/** Both the compact tuples and the object form of workspaces written before them. */
function decodePermissions(value: unknown): ServiceAccess[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown): ServiceAccess[] => {
    if (!Array.isArray(entry)) return typeof entry === 'object' && entry !== null ? [entry as ServiceAccess] : [];
    const [service, allowed, total, anyResource] = entry as [unknown, unknown, unknown, unknown];
    if (typeof service !== 'string' || !Array.isArray(allowed) || !Array.isArray(total)) return [];
    const levels = {} as ServiceAccess['levels'];
    ACCESS_LEVEL_NAMES.forEach((level, l) => {
      levels[level] = { allowed: Number(allowed[l] ?? 0), total: Number(total[l] ?? 0) };
    });
    return [{ service, levels, anyResource: anyResource === 1 || anyResource === true }];
  });
}

/** The agent as stored: its fields as they are, without its permissions (stored apart, see insertScanAgents). */
function storedAgent(agent: AnalysedAgent): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(agent)) if (key !== 'permissions') stored[key] = (agent as unknown as Record<string, unknown>)[key];
  return stored;
}

export function deleteScanAgents(db: WriteDb, scanId: string): void {
  db.run(sql`DELETE FROM workloads WHERE scan_id = ${scanId}`);
  db.run(sql`DELETE FROM agents WHERE scan_id = ${scanId}`);
}

/** What the analysis store derives from an agent to store it: its inventory row and its permissions' JSON. */
export interface AgentStorageParts {
  row: Omit<AgentRow, 'scanId'>;
  permissionsJson: string;
}

/** `partsOf` is asked agent by agent, so no more than one agent's JSON is made at a time. */
export function insertScanAgents(
  db: WriteDb,
  scanId: string,
  agents: readonly AnalysedAgent[],
  partsOf: (agent: AnalysedAgent) => AgentStorageParts,
  texts: TextStoreOptions = {},
): void {
  for (const agent of agents) {
    const { row, permissionsJson } = partsOf(agent);
    // The analysed agent and its permissions (compact tuples, the bulk, and what changes least between
    // scans) are stored once however many scans repeat them (analysis-texts.ts).
    const dataRef = storeText(db, JSON.stringify(storedAgent(agent)), texts);
    const permissionsRef = storeText(db, permissionsJson, texts);
    db.run(sql`
      INSERT INTO agents (scan_id, arn, kind, name, account_id, is_ai, signals, tier, tier_reasons, row, data_ref, permissions_ref)
      VALUES (${scanId}, ${agent.arn}, ${agent.kind}, ${agent.name}, ${agent.accountId}, ${agent.ai},
              ${JSON.stringify(agent.aiSignals)}, ${agent.tier.tier}, ${JSON.stringify(agent.tier.reasons)},
              ${JSON.stringify(row)}, ${dataRef}, ${permissionsRef})
      ON CONFLICT (scan_id, arn) DO NOTHING`);
    for (const workload of agent.workloads) {
      db.run(sql`
        INSERT INTO workloads (scan_id, arn, type, name, region, identity_arn, data)
        VALUES (${scanId}, ${workload.arn}, ${workload.type}, ${workload.name}, ${workload.region}, ${agent.arn}, ${JSON.stringify(workload)})
        ON CONFLICT (scan_id, arn) DO NOTHING`);
    }
  }
}

/** Every inventory row of a scan, in name order. */
export function listAgentRows(db: ReadDb, scanId: string): AgentRow[] {
  // The stored row predates the row's `scanId` (it is where the row lives), so it is added as it is read.
  return db.all(sql`SELECT row FROM agents WHERE scan_id = ${scanId} ORDER BY name, arn`).map((r) => ({ ...(JSON.parse(String(r['row'])) as Omit<AgentRow, 'scanId'>), scanId }));
}

/**
 * The analysed agent's JSON and its permissions' JSON, read through their references; rows stored
 * before schema 4 hold both in `data` (permissions as a field of it).
 */
const AGENT_DATA = sql.raw(`
  SELECT coalesce(d.body, a.data) AS data_json, p.body AS permissions_json
  FROM agents a
  LEFT JOIN analysis_texts d ON d.hash = a.data_ref
  LEFT JOIN analysis_texts p ON p.hash = a.permissions_ref`);

/**
 * The stored analysed agent as an `Agent`. The JSON was written by this version of the analysis (a
 * stored analysis of another version is re-run before it is read, see the store's stamps), so it has
 * the shape; `agents:get` still parses it on its way out.
 */
function decodeAgentData(row: Row): Agent | undefined {
  const value = row['data_json'];
  if (typeof value !== 'string') return undefined;
  const data = JSON.parse(value) as Omit<Agent, 'permissions'> & { permissions?: unknown };
  const permissions = typeof row['permissions_json'] === 'string' ? (JSON.parse(row['permissions_json']) as unknown) : data.permissions;
  return { ...data, permissions: decodePermissions(permissions) };
}

/** The stored analysed agent, or undefined. */
export function getAgentData(db: ReadDb, scanId: string, arn: string): Agent | undefined {
  const row = db.get(sql`${AGENT_DATA} WHERE a.scan_id = ${scanId} AND a.arn = ${arn}`);
  return row === undefined ? undefined : decodeAgentData(row);
}

/**
 * Every stored agent of a scan without its effective permissions (the bulk of it: a principal holding
 * ReadOnlyAccess has hundreds of services), in name order, for listings that do not show them.
 */
export function* iterateAgentsWithoutPermissions(db: ReadDb, scanId: string): Generator<Omit<Agent, 'permissions'>> {
  const rows = db.iterate(sql`
    SELECT coalesce(d.body, a.data) AS data_json FROM agents a LEFT JOIN analysis_texts d ON d.hash = a.data_ref
    WHERE a.scan_id = ${scanId} ORDER BY a.name, a.arn`);
  for (const row of rows) {
    const value = row['data_json'];
    if (typeof value !== 'string') continue;
    // Rows stored before schema 4 keep the permissions inside `data`.
    const { permissions: _permissions, ...agent } = JSON.parse(value) as Omit<Agent, 'permissions'> & { permissions?: unknown };
    yield agent;
  }
}

/** Every stored analysed agent of a scan, in name order, read in one pass (not one query per agent). */
export function* iterateAgentData(db: ReadDb, scanId: string): Generator<Agent> {
  for (const row of db.iterate(sql`${AGENT_DATA} WHERE a.scan_id = ${scanId} ORDER BY a.name, a.arn`)) {
    const data = decodeAgentData(row);
    if (data !== undefined) yield data;
  }
}

/** The latest analysed tier of an identity across scans (for review cadence), or null. */
export function latestTier(db: ReadDb, arn: string): Tier | null {
  const value = db.value(sql`
    SELECT a.tier FROM agents a JOIN scans s ON s.id = a.scan_id WHERE a.arn = ${arn} ORDER BY s.started_at DESC LIMIT 1`);
  return value === 1 || value === 2 || value === 3 ? value : null;
}

export interface AgentHistoryPoint {
  scanId: string;
  startedAt: string;
  tier: Tier | null;
  findingCount: number;
  present: boolean;
}

/** The identity in every completed scan of an account, oldest first. */
export function agentHistory(db: ReadDb, accountId: string | null, arn: string, scanId: string): AgentHistoryPoint[] {
  const rows =
    accountId === null
      ? db.all(sql`
          SELECT s.id, s.started_at, a.tier, a.arn AS present,
                 (SELECT count(*) FROM findings f WHERE f.scan_id = s.id AND (f.principal_arn = ${arn} OR f.resource_arn = ${arn})) AS n
          FROM scans s LEFT JOIN agents a ON a.scan_id = s.id AND a.arn = ${arn}
          WHERE s.id = ${scanId}`)
      : db.all(sql`
          SELECT s.id, s.started_at, a.tier, a.arn AS present,
                 (SELECT count(*) FROM findings f WHERE f.scan_id = s.id AND (f.principal_arn = ${arn} OR f.resource_arn = ${arn})) AS n
          FROM scans s LEFT JOIN agents a ON a.scan_id = s.id AND a.arn = ${arn}
          WHERE s.account_id = ${accountId} AND s.status = 'completed'
          ORDER BY s.started_at, s.id`);
  return rows.map((r) => {
    const tier = r['tier'];
    return {
      scanId: String(r['id']),
      startedAt: String(r['started_at']),
      tier: tier === 1 || tier === 2 || tier === 3 ? tier : null,
      findingCount: Number(r['n']),
      present: r['present'] !== null,
    };
  });
}
