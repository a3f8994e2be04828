/**
 * The demo company's plan and overview (issue 11), golden: started 12 days ago by its platform lead,
 * some tasks verified by the demo's scans, one regressed by this week's scan (the sandbox and ML deploy
 * GitHub trusts lost their subject pin), one manual task claimed; the audit log tells the same story.
 * Scan IDs and dates are normalised (the demo is dated relative to the day it is built).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput, type Overview, type PlanView } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { DEMO_PLAN_CLAIMER, DEMO_PLAN_LEAD } from '@core/handlers/demo-plan';

let dir: string;
let backend: Backend;
const NOW = new Date('2026-12-06T10:00:00.000Z');

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-plan-demo-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    demoWorkspacePath: join(dir, 'app-data', 'demo.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => NOW,
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
    demoDir: resolve(process.cwd(), 'resources/demo'),
  });
  await call('demo:open', {});
}, 180_000);

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Scan IDs as their account's current or previous scan; the rest as it is. */
function normalisedPlan(view: PlanView, names: Map<string, string>): unknown {
  const scan = (id: string): string => names.get(id) ?? 'unknown-scan';
  const scansOf = (ids: readonly string[]): string[] => ids.map(scan).sort();
  return {
    plan: view.plan,
    summary: view.summary,
    tasks: view.tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      status: task.status,
      late: task.late,
      progress: task.progress,
      dueDate: task.dueDate,
      owner: task.owner,
      evidence: task.evidence === null ? null : task.evidence.kind === 'scan' ? { ...task.evidence, scanIds: scansOf(task.evidence.scanIds) } : task.evidence,
      regressedAt: task.regressedAt === null ? null : { ...task.regressedAt, scanIds: scansOf(task.regressedAt.scanIds) },
      blocking: task.blocking.map((b) => (b.kind === 'agent' ? `agent ${b.name}` : b.kind === 'finding' ? `finding ${b.ruleId} ${b.principalName ?? ''}` : `account ${b.accountId}`)),
      blockingTotal: task.blockingTotal,
      acceptedApart: task.acceptedApart.length,
    })),
    burnDown: view.burnDown.map((point) => ({ ...point, scanIds: scansOf(point.scanIds) })),
  };
}

describe('the demo company’s 30-day plan', () => {
  it('tells the story: week 2, verified by scans, one regressed, one claimed (golden)', async () => {
    const view = await call('plan:get', {});
    // Newest first: an account's first scan in the list is its current one.
    const scans = await call('scans:list', {});
    const names = new Map<string, string>();
    const seen = new Set<string | null>();
    for (const s of scans) {
      names.set(s.id, `${s.accountId ?? '?'}:${seen.has(s.accountId) ? 'previous' : 'current'}`);
      seen.add(s.accountId);
    }
    expect(view.plan).toMatchObject({ startDate: '2026-11-24', week: 2, startedBy: DEMO_PLAN_LEAD });
    const regressed = view.tasks.filter((t) => t.status === 'regressed');
    expect(regressed.map((t) => t.id)).toEqual(['w2-oidc-subject-pinned']);
    expect(regressed[0]?.blocking.map((b) => (b.kind === 'finding' ? b.principalName : null)).sort()).toEqual(['github-actions-ml-deploy', 'github-actions-sandbox']);
    const claimed = view.tasks.find((t) => t.id === 'w3-onboarding-path');
    expect(claimed?.evidence).toMatchObject({ kind: 'claim', by: DEMO_PLAN_CLAIMER });
    expect(view.tasks.filter((t) => t.status === 'done' && t.evidence?.kind === 'scan').length).toBeGreaterThan(1);
    expect(view.summary.late).toBeGreaterThan(0);
    await expect(JSON.stringify(normalisedPlan(view, names), null, 2) + '\n').toMatchFileSnapshot('./golden/demo-plan.json');
    const audit = await call('audit:list', {});
    expect(audit.map((entry) => `${entry.action} ${entry.target}`)).toEqual(
      expect.arrayContaining(['plan.started plan', 'plan.task_claimed w3-onboarding-path', 'plan.task_regressed w2-oidc-subject-pinned', 'plan.task_verified w2-oidc-subject-pinned']),
    );
  }, 120_000);

  it('the overview of the same day (golden): verdict, score and KPIs', async () => {
    const overview: Overview = await call('overview:get', { accountId: null });
    // The Overview's plan figures (from the recorded evaluation) are the Plan screen's.
    const plan = await call('plan:get', {});
    expect(overview.plan).toMatchObject({ startDate: '2026-11-24', week: 2, summary: plan.summary, progress: plan.burnDown });
    expect(overview.plan?.progress.at(-1)?.open).toBeLessThan(overview.plan?.progress[0]?.open ?? 0);
    const golden = { verdict: overview.verdict, score: { value: overview.score.value, previous: overview.score.previous }, kpis: overview.kpis.map(({ id, value, previous, delta }) => ({ id, value, previous, delta })) };
    await expect(JSON.stringify(golden, null, 2) + '\n').toMatchFileSnapshot('./golden/demo-overview.json');
  }, 120_000);
});
