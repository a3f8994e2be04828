/**
 * Benchmark child (issue 11): `overview:get` on a workspace of 50 scans of 10,000 agents each
 * (5 accounts × 10 weekly scans), through the back end's dispatch as the app calls it (input and
 * output parsed by the contract's schemas).
 *
 * Analysing 50 scans of 10,000 principals would take ~10 minutes, and the Overview never reads what
 * the analysis reads, only what it stores, so the workspace is synthesised: each scan gets the rows
 * the Overview's read touches — its `scan_metrics` record, computed by the real `computeScanMetrics`
 * over 10,000 synthetic inventory rows and ~30,000 synthetic findings (a seeded mix of tiers,
 * severities, owners, keys; a tenth of the findings change between consecutive scans) — and, for
 * each account's current scan, its 10,000 agent rows and 30,000 finding rows with their state rows,
 * 500 of them accepted risks and 50 resolved by hand per account (the decided findings the read lays over the
 * records). Each scan carries the stamp its analysis would have, so the read analyses nothing.
 *
 *   node --import tsx bench/overview/bench-overview.ts [--accounts=5] [--scans=10] [--agents=10000] [--runs=30]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeverityName } from '../../shared/contract';
import { createBackend } from '../../electron/core/backend';
import { analysisInputsRevision, analysisStamp, knownAccounts } from '../../electron/core/analysis-store/analysis-inputs';
import { getSettings } from '../../electron/core/db/repositories/settings';
import { writeScanMetrics } from '../../electron/core/db/repositories/scan-metrics';
import { sql } from '../../electron/core/db/sql';
import { computeScanMetrics, type MetricsAgent, type MetricsFinding } from '../../electron/core/governance/overview/scan-metrics';
import { argument, emitResult } from '../measure';

export interface OverviewBenchResult {
  accounts: number;
  scans: number;
  agentsPerScan: number;
  findingsPerScan: number;
  setupMs: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  worstMs: number;
  loadAverage: number;
}

const ACCOUNTS = Number(argument('accounts', '5'));
const SCANS = Number(argument('scans', '10'));
const AGENTS = Number(argument('agents', '10000'));
const RUNS = Number(argument('runs', '30'));
const FINDINGS_PER_AGENT = 3;
const SEVERITIES: readonly SeverityName[] = ['critical', 'high', 'medium', 'low', 'info'];
const RULES = ['access_key_old', 'policy_full_admin', 'shadow_ai_unregistered', 'review_overdue', 'role_unused', 'trust_any_principal'];

/** A seeded PRNG (mulberry32): the same workspace every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function agentsOf(account: string): MetricsAgent[] {
  const next = random(Number(account.slice(-6)));
  return Array.from({ length: AGENTS }, (_, index) => {
    const keys = next() < 0.2 ? 1 + Math.floor(next() * 2) : 0;
    return {
      arn: `arn:aws:iam::${account}:role/agent-${index}`,
      tier: (1 + Math.floor(next() * 3)) as 1 | 2 | 3,
      ai: next() < 0.15,
      awsManaged: next() < 0.05,
      owner: next() < 0.8 ? `team-${index % 40}` : null,
      status: next() < 0.9 ? 'registered' : 'unregistered',
      activeKeyCount: keys,
      activeKeyAges: Array.from({ length: keys }, () => Math.floor(next() * 800)),
    };
  });
}

/** Scan `s` of an account: finding i exists unless it was fixed (a tenth change scan to scan). */
function findingsOf(account: string, agents: readonly MetricsAgent[], s: number): MetricsFinding[] {
  const next = random(Number(account.slice(-6)) * 31 + s);
  const findings: MetricsFinding[] = [];
  for (let i = 0; i < agents.length * FINDINGS_PER_AGENT; i += 1) {
    const generation = Math.floor((i + s * 97) / 10) % 10 === s % 10 ? s : 0;
    const agent = agents[i % agents.length] as MetricsAgent;
    findings.push({
      fingerprint: `${account}-f${i}-g${generation}`,
      ruleId: RULES[i % RULES.length] as string,
      severity: SEVERITIES[Math.floor(next() * SEVERITIES.length)] as SeverityName,
      step: 1 + (i % 10),
      identityArn: agent.arn,
      status: generation === s && s > 0 ? 'new' : 'open',
      isNew: generation === s && s > 0,
    });
  }
  return findings;
}

const countsCache = new WeakMap<readonly MetricsFinding[], Map<string, Record<SeverityName, number>>>();
/** An agent's findings by severity, as its inventory row carries them. */
function countsOf(findings: readonly MetricsFinding[], arn: string): Record<SeverityName, number> {
  let byArn = countsCache.get(findings);
  if (byArn === undefined) {
    byArn = new Map();
    for (const f of findings) {
      if (f.identityArn === null) continue;
      const counts = byArn.get(f.identityArn) ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
      counts[f.severity] += 1;
      byArn.set(f.identityArn, counts);
    }
    countsCache.set(findings, byArn);
  }
  return byArn.get(arn) ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-overview-'));
  const backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-bench', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { HOME: dir, USER: 'bench' },
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
  });
  try {
    const setupStarted = performance.now();
    const db = backend.workspaces.current().write;
    const accounts = Array.from({ length: ACCOUNTS }, (_, a) => `1000000${String(a + 1).padStart(5, '0')}`);
    const start = Date.parse('2026-01-05T09:00:00.000Z');
    let findingsPerScan = 0;
    db.transaction((tx) => {
      for (const [a, account] of accounts.entries()) {
        const agents = agentsOf(account);
        let previous: Set<string> | null = null;
        for (let s = 0; s < SCANS; s += 1) {
          // Accounts scanned on different days of the week.
          const startedAt = new Date(start + s * 7 * 86_400_000 + a * 86_400_000).toISOString();
          const scanId = `scan-${account}-${s}`;
          tx.run(sql`INSERT INTO scans (id, source, status, started_at, finished_at, account_id) VALUES (${scanId}, 'import', 'completed', ${startedAt}, ${startedAt}, ${account})`);
          const findings = findingsOf(account, agents, s);
          findingsPerScan = findings.length;
          const fingerprints = new Set(findings.map((f) => f.fingerprint));
          const statusOf = new Map(findings.map((f) => [f.fingerprint, f.status]));
          const metrics = computeScanMetrics({ agents, findings, scanStatusOf: (fp) => statusOf.get(fp) ?? 'open', previousFingerprints: previous, previousDayFingerprints: previous });
          writeScanMetrics(tx, scanId, 'pending', metrics);
          previous = fingerprints;
          if (s !== SCANS - 1) continue;
          // The current scan: the rows the decisions are read against.
          for (const agent of agents) {
            tx.run(sql`INSERT INTO agents (scan_id, arn, kind, name, account_id, tier, row) VALUES (${scanId}, ${agent.arn}, 'iam-role', ${agent.arn.split('/')[1] ?? ''}, ${account}, ${agent.tier}, ${JSON.stringify({ awsManaged: agent.awsManaged, findingCounts: countsOf(findings, agent.arn) })})`);
          }
          for (const f of findings) {
            tx.run(sql`
              INSERT INTO findings (scan_id, fingerprint, rule_id, severity, step, resource_arn, principal_arn, status, first_seen_at, last_seen_at, is_new)
              VALUES (${scanId}, ${f.fingerprint}, ${f.ruleId}, ${f.severity}, ${f.step}, ${f.identityArn ?? ''}, ${f.identityArn}, ${f.status}, ${startedAt}, ${startedAt}, ${f.isNew ? 1 : 0})`);
          }
          // Every finding has its state row, as the lifecycle writes them; 550 per account are decided.
          for (const [index, f] of findings.entries()) {
            const d = index % 50 === 0 ? index / 50 : -1;
            const accepted = d >= 0 && d < 500;
            const resolved = d >= 500 && d < 550;
            tx.run(sql`
              INSERT INTO finding_states (fingerprint, rule_id, resource_arn, state, first_seen_at, last_seen_at, accepted_reason, accepted_by, accepted_at, accepted_until, resolved_at, updated_at)
              VALUES (${f.fingerprint}, ${f.ruleId}, ${f.identityArn ?? ''}, ${accepted ? 'accepted' : resolved ? 'resolved' : 'open'}, ${startedAt}, ${startedAt},
                      ${accepted ? 'Accepted for the benchmark' : null}, ${accepted ? 'bench' : null}, ${accepted ? startedAt : null}, ${accepted ? '2099-01-01' : null},
                      ${resolved ? new Date(Date.parse(startedAt) + 3_600_000).toISOString() : null}, ${startedAt})`);
          }
        }
      }
      // The stamps the analysis store would have written, so overview:get finds every analysis current.
      const settings = getSettings(tx);
      const known = knownAccounts(tx);
      const revision = analysisInputsRevision(tx);
      for (const account of accounts) {
        let previousId: string | null = null;
        for (let s = 0; s < SCANS; s += 1) {
          const scanId = `scan-${account}-${s}`;
          const stamp = analysisStamp({ revision, thresholds: settings.thresholds, knownAccounts: known, previousScanId: previousId });
          tx.run(sql`UPDATE scans SET analysis_inputs = ${stamp} WHERE id = ${scanId}`);
          tx.run(sql`UPDATE scan_metrics SET analysis_stamp = ${stamp} WHERE scan_id = ${scanId}`);
          previousId = scanId;
        }
      }
    });
    const setupMs = performance.now() - setupStarted;
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run += 1) {
      const started = performance.now();
      const reply = await backend.dispatch('overview:get', { accountId: null });
      const elapsed = performance.now() - started;
      if (!reply.ok) throw new Error(`overview:get: ${reply.error.message}`);
      if (run > 0) times.push(elapsed); // the first warms the statement cache
    }
    times.sort((x, y) => x - y);
    const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    const result: OverviewBenchResult = {
      accounts: ACCOUNTS,
      scans: ACCOUNTS * SCANS,
      agentsPerScan: AGENTS,
      findingsPerScan,
      setupMs,
      runs: times.length,
      medianMs: at(0.5),
      p95Ms: at(0.95),
      worstMs: times.at(-1) ?? 0,
      loadAverage: loadavg()[0] ?? 0,
    };
    emitResult(result);
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
