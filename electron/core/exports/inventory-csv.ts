/**
 * The inventory as CSV, the one writer behind `warden agents|export inventory --format csv` and the
 * `exports:inventory` channel (the Inventory screen's and the Reports screen's CSV): one row per agent,
 * lists joined by ';', the `scanId` column naming the scan each row comes from. Pure: it reads stored
 * agents (everything but their effective permissions, credentials included) and writes through
 * shared/csv.ts, which neutralises formula injection (names and tags come from AWS accounts others
 * write to).
 */
import type { Agent } from '@shared/contract';
import { toCsv, type CsvValue } from '@shared/csv';

/** An agent as the CSV and the CLI's table read it: everything but its effective permissions, with the scan it comes from. */
export type ListedAgent = Omit<Agent, 'permissions'> & { scanId?: string };

export const AGENTS_CSV_COLUMNS = [
  'arn',
  'name',
  'kind',
  'accountId',
  'scanId',
  'ai',
  'aiSignals',
  'owner',
  'ownerSource',
  'status',
  'awsManaged',
  'managedBy',
  'path',
  'workloadCount',
  'workloads',
  'workloadTypes',
  'activeAccessKeys',
  'oldestActiveKeyAgeDays',
  'consolePassword',
  'mfaActive',
  'bedrockApiKeys',
  'createdAt',
  'lastUsedAt',
  'tier',
  'tierReasons',
  'criticalFindings',
  'highFindings',
  'mediumFindings',
  'lowFindings',
  'infoFindings',
] as const;

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function credentialColumns(agent: ListedAgent): { activeKeys: CsvValue; oldestKey: CsvValue; password: CsvValue; mfa: CsvValue; bedrockKeys: CsvValue } {
  if (agent.kind !== 'iam-user' || !agent.credentialsKnown) {
    const bedrockKeys = agent.kind === 'iam-user' ? countBedrockKeys(agent.credentials) : null;
    return { activeKeys: null, oldestKey: null, password: null, mfa: null, bedrockKeys };
  }
  const activeKeys = agent.credentials.filter((c) => c.type === 'access-key' && c.active);
  const ages = activeKeys.map((c) => (c.type === 'access-key' ? c.ageDays : null)).filter((a): a is number => a !== null);
  const password = agent.credentials.find((c) => c.type === 'console-password');
  return {
    activeKeys: activeKeys.length,
    oldestKey: ages.length > 0 ? Math.max(...ages) : null,
    password: password?.type === 'console-password' ? password.enabled : null,
    mfa: password?.type === 'console-password' ? password.mfaActive : null,
    bedrockKeys: countBedrockKeys(agent.credentials),
  };
}

function countBedrockKeys(credentials: ListedAgent['credentials']): number {
  return credentials.filter((c) => c.type === 'bedrock-api-key').length;
}

/** One agent's CSV row, in AGENTS_CSV_COLUMNS order (unquoted: the CSV writer quotes and neutralises). */
export function agentCsvValues(agent: ListedAgent): CsvValue[] {
  const credentials = credentialColumns(agent);
  const counts = agent.findingCounts;
  return [
    agent.arn,
    agent.name,
    agent.kind,
    agent.accountId,
    agent.scanId ?? null,
    agent.ai,
    unique(agent.aiSignals.map((s) => s.signal)).join(';'),
    agent.owner,
    agent.ownerSource,
    agent.status,
    agent.awsManaged,
    agent.managedBy,
    agent.path,
    agent.workloads.length,
    agent.workloads.map((w) => w.arn).join(';'),
    unique(agent.workloads.map((w) => w.type)).join(';'),
    credentials.activeKeys,
    credentials.oldestKey,
    credentials.password,
    credentials.mfa,
    credentials.bedrockKeys,
    agent.createdAt,
    agent.lastUsedAt,
    agent.tier.tier,
    agent.tier.reasons.map((r) => r.reason).join(';'),
    counts.critical,
    counts.high,
    counts.medium,
    counts.low,
    counts.info,
  ];
}

/** The whole CSV document (header, then one CRLF-ended row per agent). */
export function agentsCsv(agents: readonly ListedAgent[]): string {
  return toCsv(AGENTS_CSV_COLUMNS, agents.map(agentCsvValues));
}
