/**
 * The built-in demo company lives in ONE workspace file in the app-data folder, beside the user's own
 * (`<app-data>/Agent Warden/demo.sqlite`, see db/default-location.ts): the desktop app, `warden serve`
 * and `warden … --workspace demo` all reach the same file, and what the user did in it (registrations,
 * accepted risks, team policies) is there on the next start.
 *
 * It is built on first use through the real import path (load-demo.ts), dated relative to that day.
 * "Reset the demo" (`demo:reset`) builds it again from scratch. The user's own workspace is never touched.
 *
 * Staleness: the demo's dates are relative to the day it was built ("last used 3 days ago", reviews
 * due in a week). When it is opened more than DEMO_MAX_AGE_DAYS after that day, it is rebuilt, dated
 * as of today: after a month its story no longer reads as "today", and the demo is a place to try
 * things, not to keep them. Within that time it is reopened exactly as it was left.
 *
 * A rebuild writes a new file beside the demo and only then swaps it in (WorkspaceManager.replaceFile),
 * so a failure leaves the previous demo as it was.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WorkspaceInfo } from '../../../shared/contract';
import { openWorkspace } from '../db/open-workspace';
import { insertScan, listScans } from '../db/repositories/scans';
import { sql } from '../db/sql';
import type { WorkspaceManager } from '../db/workspace-manager';
import type { ScanFacts } from '../discovery/facts';
import { loadDemoScans, type DemoScan } from './load-demo';

/** A demo opened more than this many days after it was built is rebuilt, dated as of today. */
export const DEMO_MAX_AGE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DemoFileDeps {
  workspaces: WorkspaceManager;
  clock: () => Date;
  appVersion: string;
  /** The folder holding the demo's manifest.json (null: search from the working directory). */
  demoDir: string | null;
  /** The demo's one file (`<app-data>/Agent Warden/demo.sqlite`). */
  path: string;
}

export interface OpenedDemo {
  info: WorkspaceInfo;
  /** Why it was (re)built now, or null when the existing file was reopened as it was. */
  built: 'missing' | 'stale' | 'unreadable' | 'reset' | null;
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

function writeDemo(path: string, demos: DemoScan[], deps: Pick<DemoFileDeps, 'clock' | 'appVersion'>): void {
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

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * When the demo file was built: its newest demo scan (the current scans are dated "now" at build
 * time). Null when the file is missing; throws when it cannot be read as a workspace.
 */
export function demoBuiltAt(deps: Pick<DemoFileDeps, 'workspaces' | 'clock' | 'path'>): Date | null {
  if (!existsSync(deps.path)) return null;
  const open = deps.workspaces.currentPath() === deps.path ? deps.workspaces.current() : null;
  const workspace = open ?? openWorkspace(deps.path, { clock: deps.clock, create: false, demo: true });
  try {
    const finished = listScans(workspace.read)
      .filter((scan) => scan.source === 'demo' && scan.finishedAt !== null)
      .map((scan) => Date.parse(scan.finishedAt ?? ''))
      .filter((time) => Number.isFinite(time));
    return finished.length > 0 ? new Date(Math.max(...finished)) : null;
  } finally {
    if (open === null) workspace.close();
  }
}

/** Whether the demo must be (re)built before it is opened, and why. */
export function demoNeedsBuild(deps: Pick<DemoFileDeps, 'workspaces' | 'clock' | 'path'>): OpenedDemo['built'] {
  if (!existsSync(deps.path)) return 'missing';
  let builtAt: Date | null;
  try {
    builtAt = demoBuiltAt(deps);
  } catch {
    // Damaged, or written by a newer app: the demo holds nothing that cannot be rebuilt.
    return 'unreadable';
  }
  if (builtAt === null) return 'unreadable';
  return deps.clock().getTime() - builtAt.getTime() > DEMO_MAX_AGE_DAYS * DAY_MS ? 'stale' : null;
}

/** Builds the demo afresh (dated as of now) and opens it in place of the current workspace. */
export async function rebuildDemo(deps: DemoFileDeps): Promise<WorkspaceInfo> {
  const demos = await loadDemoScans(deps.clock, deps.demoDir !== null ? { demoDir: deps.demoDir } : {});
  mkdirSync(dirname(deps.path), { recursive: true });
  // Beside the demo, so the final rename stays on one file system.
  const fresh = `${deps.path}.new-${process.pid}`;
  removeDatabaseFiles(fresh);
  try {
    writeDemo(fresh, demos, deps);
  } catch (error) {
    removeDatabaseFiles(fresh);
    throw error;
  }
  try {
    return deps.workspaces.replaceFile(
      deps.path,
      () => {
        removeDatabaseFiles(deps.path);
        renameSync(fresh, deps.path);
      },
      { demo: true },
    );
  } finally {
    removeDatabaseFiles(fresh);
  }
}

/** Opens the demo file, building it first when it is missing, unreadable or older than DEMO_MAX_AGE_DAYS. */
export async function openDemo(deps: DemoFileDeps): Promise<OpenedDemo> {
  const built = demoNeedsBuild(deps);
  if (built !== null) return { info: await rebuildDemo(deps), built };
  return { info: deps.workspaces.open(deps.path, { demo: true }), built: null };
}
