/**
 * The built-in demo company: its AWS-shaped files go through the real import path (load-demo.ts),
 * dated relative to now, and are written as scans of a fresh workspace in the temporary folder, which
 * is then opened. The user's own workspace is never touched; "Save a copy…" keeps the demo if wanted.
 *
 * The folder is this process's (lib/temp-dirs.ts): removed when the next demo replaces it, when the
 * process exits, or, after a crash, at the next start.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { WorkspaceInfo } from '@shared/contract';
import { openWorkspace } from '../db/open-workspace';
import { insertScan } from '../db/repositories/scans';
import { sql } from '../db/sql';
import type { WorkspaceManager } from '../db/workspace-manager';
import { loadDemoScans, type DemoScan } from './load-demo';
import { createTempDir, removeTempDir } from '../lib/temp-dirs';
import type { ScanFacts } from '../discovery/facts';

export interface DemoWorkspaceDeps {
  workspaces: WorkspaceManager;
  clock: () => Date;
  appVersion: string;
  /** The folder holding the demo's manifest.json (null: search from the working directory). */
  demoDir: string | null;
  /** Where to create the demo workspace file (default: a new folder in the OS temporary folder). */
  parentDir?: string;
}

function collectorsOf(facts: ScanFacts, at: string): Parameters<typeof insertScan>[1]['collectors'] {
  const sections: [string, string, unknown][] = [
    ['iam-authorization-details', 'IAM users, groups, roles and policies', facts.iam],
    ['iam-credential-report', 'Credential report', facts.credentialReport],
    ['iam-identity-providers', 'OIDC and SAML providers', facts.identityProviders],
    ['iam-service-specific-credentials', 'Bedrock API keys', facts.serviceSpecificCredentials],
    ['lambda-functions', 'Lambda functions', facts.lambda],
    ['sagemaker', 'SageMaker endpoints, models and notebooks', facts.sageMaker],
    ['bedrock', 'Bedrock logging, guardrails and custom models', facts.bedrock],
    ['bedrock-agents', 'Bedrock agents and knowledge bases', facts.bedrockAgents],
    ['cloudtrail', 'CloudTrail trails', facts.cloudTrail],
    ['organizations', 'Organization', facts.organizations],
    ['iam-service-last-accessed', 'AI services last accessed', facts.serviceLastAccessed],
  ];
  return sections
    .filter(([, , section]) => section !== null)
    .map(([collectorId, label]) => ({ collectorId, label, region: null, outcome: 'ok' as const, message: 'Demo data.', calls: 0, startedAt: at, durationMs: 0 }));
}

function demoRecord(demo: DemoScan, facts: ScanFacts, appVersion: string): Parameters<typeof insertScan>[1] {
  return {
    id: randomUUID(),
    source: 'demo',
    label: `Demo: ${demo.accountName}`,
    connectionId: null,
    connectionName: null,
    accountId: facts.account.id,
    accountAlias: facts.account.alias,
    scannerArn: facts.scannerArn,
    regions: facts.regions,
    status: 'completed',
    startedAt: facts.collectedAt,
    finishedAt: facts.collectedAt,
    error: null,
    appVersion,
    collectors: collectorsOf(facts, facts.collectedAt),
    apiCalls: {},
    facts,
  };
}

/** The demo folder each workspace manager last opened, removed when a newer demo replaces it. */
const previousDemo = new WeakMap<WorkspaceManager, string>();

/** Builds a fresh demo workspace and opens it in place of the current one. */
export async function openDemoWorkspace(deps: DemoWorkspaceDeps): Promise<WorkspaceInfo> {
  const demos = await loadDemoScans(deps.clock, deps.demoDir !== null ? { demoDir: deps.demoDir } : {});
  const folder = createTempDir('demo', deps.parentDir);
  const path = join(folder, 'Agent Warden demo.sqlite');
  try {
    writeDemo(path, demos, deps);
  } catch (error) {
    removeTempDir(folder);
    throw error;
  }
  let info: WorkspaceInfo;
  try {
    info = deps.workspaces.open(path, { demo: true });
  } catch (error) {
    removeTempDir(folder);
    throw error;
  }
  const previous = previousDemo.get(deps.workspaces);
  previousDemo.set(deps.workspaces, folder);
  // The earlier demo is closed now (the manager closed it when switching), unless it is still the one open.
  if (previous !== undefined && previous !== dirname(deps.workspaces.currentPath())) removeTempDir(previous);
  return info;
}

function writeDemo(path: string, demos: DemoScan[], deps: DemoWorkspaceDeps): void {
  const workspace = openWorkspace(path, { clock: deps.clock, create: true, demo: true, appVersion: deps.appVersion });
  try {
    workspace.write.transaction((tx) => {
      for (const demo of demos) {
        insertScan(tx, demoRecord(demo, demo.previous, deps.appVersion));
        insertScan(tx, demoRecord(demo, demo.current, deps.appVersion));
        const now = deps.clock().toISOString();
        for (const entry of demo.registry) {
          tx.run(sql`
            INSERT INTO registry (arn, owner, owner_source, purpose, data_scope, status, last_review_at, created_at, updated_at, updated_by)
            VALUES (${entry.principalArn}, ${entry.owner}, 'manual', ${entry.purpose}, ${entry.dataScope}, ${entry.status},
                    ${entry.lastReviewedAt}, ${now}, ${now}, 'demo')
            ON CONFLICT (arn) DO NOTHING`);
        }
      }
    });
  } finally {
    workspace.close();
  }
}
