/**
 * `reports:leadership` on the demo workspace (issue 13): page 1's figures are the Overview's, the top
 * risks are the most severe open findings (one per agent) with the agent's owner, the decisions list
 * what leadership must decide (an acceptance expiring soon appears at once), the plan progress is the
 * Plan's, and the report names the scans and the audit head it came from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput, type EventName, type EventPayload } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { buildLeadershipReport, SHADOW_NAMES_SHOWN, TIER1_APPENDIX_ROWS } from '@core/reports/leadership-report';
import type { PrintHooks, PrintRequest } from '@core/reports/report-printer';

const DAY_MS = 86_400_000;
const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;
let dir: string;
let backend: Backend;
const now = new Date();
/** Every event the back end emitted, in order (the print job's progress). */
const events: { event: EventName; payload: unknown }[] = [];

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-report-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    demoWorkspacePath: join(dir, 'app-data', 'demo.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => now,
    dialogs: null,
    emit: (event, payload) => {
      events.push({ event, payload });
    },
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

describe('reports:leadership on the demo', () => {
  it('puts the Overview’s verdict, score and KPIs on page 1, with the scans and audit head it used', async () => {
    const report = await call('reports:leadership', { accountId: null });
    const overview = await call('overview:get', { accountId: null });
    expect(report.organisation).toBe('Quillmere Health Analytics');
    expect(report.verdict).toEqual(overview.verdict);
    expect(report.score.value).toBe(overview.score.value);
    expect(report.score.change).toBe(overview.score.previous === null ? null : overview.score.value - overview.score.previous);
    expect(report.kpis.length).toBeGreaterThanOrEqual(4);
    expect(report.kpis.length).toBeLessThanOrEqual(6);
    for (const kpi of report.kpis) {
      const same = overview.kpis.find((k) => k.id === kpi.id);
      expect({ id: kpi.id, value: kpi.value, previous: kpi.previous }).toEqual({ id: same?.id, value: same?.value, previous: same?.previous });
    }
    // More open critical/high findings is bad news, shown as such.
    const criticalHigh = report.kpis.find((k) => k.id === 'openCriticalHigh');
    expect(criticalHigh?.direction).toBe(criticalHigh?.delta !== null && (criticalHigh?.delta ?? 0) > 0 ? 'worse' : criticalHigh?.delta === 0 ? 'same' : 'better');
    expect(report.scanIds).toEqual(overview.scope.accounts.map((a) => a.currentScanId));
    const [head] = await call('audit:list', { limit: 1 });
    expect(report.audit).toEqual({ headHash: head?.hash ?? null, headSeq: head?.seq ?? null, chainOk: true });
    expect(report.reportId).toMatch(/^LR-\d{8}-[0-9a-f]{8}$/);
    // The same data on the same day: the same ID.
    expect((await call('reports:leadership', { accountId: null })).reportId).toBe(report.reportId);
    expect(report.glossary.map((g) => g.term)).toContain('Access key');
  }, 120_000);

  it('names the five most severe open risks, one per agent, each with its owner or none', async () => {
    const report = await call('reports:leadership', { accountId: null });
    const { findings } = await call('findings:list', { scanId: null, accountId: null, severity: null, ruleId: null, status: null });
    const { agents } = await call('agents:list', { scanId: null, accountId: null });
    const open = findings.filter((f) => f.status === 'new' || f.status === 'open' || f.status === 'regressed');
    expect(report.topRisks).toHaveLength(5);
    expect(report.topRisks.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    const worst = Math.min(...open.map((f) => SEVERITY_RANK[f.severity]));
    expect(SEVERITY_RANK[report.topRisks[0]?.severity ?? 'info']).toBe(worst);
    const ranks = report.topRisks.map((r) => SEVERITY_RANK[r.severity]);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const subjects = report.topRisks.map((r) => r.agent?.arn ?? r.findingId);
    expect(new Set(subjects).size).toBe(5);
    for (const risk of report.topRisks) {
      const finding = open.find((f) => f.fingerprint === risk.findingId);
      expect(finding).toBeDefined();
      expect(risk.plainWords.length).toBeGreaterThan(0);
      expect(finding?.explanation.startsWith(risk.plainWords.replace(/…$/, ''))).toBe(true);
      const agent = agents.find((a) => a.arn === risk.agent?.arn);
      if (agent?.owner !== null && agent?.owner !== undefined) expect(risk.owner).toBe(agent.owner);
    }
    expect(report.openCriticalHigh).toBe(report.kpis.find((k) => k.id === 'openCriticalHigh')?.value);
  }, 120_000);

  it('shows the plan’s progress as the Plan screen does, and what is late', async () => {
    const report = await call('reports:leadership', { accountId: null });
    const plan = await call('plan:get', {});
    expect(report.plan).not.toBeNull();
    expect(report.plan?.verifiedPercent).toBe(plan.summary.verifiedPercent);
    expect(report.plan?.week).toBe(plan.plan?.week ?? null);
    expect({ done: report.plan?.done, total: report.plan?.total }).toEqual({ done: plan.summary.done, total: plan.summary.total });
    expect(report.plan?.late.map((t) => t.title)).toEqual(plan.tasks.filter((t) => t.late).map((t) => t.title));
    expect(report.plan?.late.length).toBe(plan.summary.late);
  }, 120_000);

  it('lists the decisions: owners missing, decommission candidates, and an acceptance that expires soon', async () => {
    const before = await call('reports:leadership', { accountId: null });
    const overview = await call('overview:get', { accountId: null });
    expect(before.decisions.missingOwnersTotal).toBe(overview.kpis.find((k) => k.id === 'aiAgentsWithoutOwner')?.value);
    expect(before.decisions.missingOwners.every((a, i, all) => i === 0 || (all[i - 1]?.tier ?? 0) <= (a.tier ?? 4))).toBe(true);
    const { findings } = await call('findings:list', { scanId: null, accountId: null, severity: null, ruleId: 'identity_unused', status: null });
    expect(before.decisions.decommissionTotal).toBeGreaterThan(0);
    expect(before.decisions.decommissionTotal).toBeLessThanOrEqual(new Set(findings.map((f) => f.principalArn)).size);
    expect(before.shadowAi.aiAgents).toBe(overview.kpis.find((k) => k.id === 'aiAgents')?.value);
    expect(before.shadowAi.unregistered).toBe(overview.kpis.find((k) => k.id === 'unregisteredAiAgents')?.value);

    const target = findings.find((f) => f.status === 'new' || f.status === 'open');
    if (target === undefined) throw new Error('the demo has no open identity_unused finding');
    const soon = new Date(now.getTime() + 10 * DAY_MS).toISOString().slice(0, 10);
    const later = new Date(now.getTime() + 90 * DAY_MS).toISOString().slice(0, 10);
    await call('findings:accept', { fingerprint: target.fingerprint, reason: 'kept for the quarter-end batch job', until: soon });
    const after = await call('reports:leadership', { accountId: null });
    expect(after.decisions.expiringRisks.map((r) => r.findingId)).toContain(target.fingerprint);
    expect(after.reportId).not.toBe(before.reportId); // the audit head moved
    await call('findings:accept', { fingerprint: target.fingerprint, reason: 'kept for the quarter-end batch job', until: later });
    const far = await call('reports:leadership', { accountId: null });
    expect(far.decisions.expiringRisks.map((r) => r.findingId)).not.toContain(target.fingerprint);
  }, 120_000);

  it('lists every Tier 1 agent in the appendix, AI agents first', async () => {
    const report = await call('reports:leadership', { accountId: null });
    const { agents } = await call('agents:list', { scanId: null, accountId: null });
    expect(report.tier1Agents.length).toBe(agents.filter((a) => a.tier === 1 && !a.awsManaged).length);
    expect(report.tier1AgentsTotal).toBe(report.tier1Agents.length);
    const firstNonAi = report.tier1Agents.findIndex((a) => !a.ai);
    expect(report.tier1Agents.slice(firstNonAi === -1 ? report.tier1Agents.length : firstNonAi).every((a) => !a.ai)).toBe(true);
  }, 120_000);

  it('lists every agent only when asked (allAgents); names at most SHADOW_NAMES_SHOWN unregistered agents and TIER1_APPENDIX_ROWS Tier 1 agents', async () => {
    const tier1Only = await call('reports:leadership', { accountId: null });
    expect(tier1Only.allAgents).toBeNull();
    const all = await call('reports:leadership', { accountId: null, allAgents: true });
    const { agents } = await call('agents:list', { scanId: null, accountId: null });
    expect(all.allAgents?.map((a) => a.arn).sort()).toEqual(agents.map((a) => a.arn).sort());
    expect(all.allAgents?.map((a) => a.tier)).toEqual([...agents.map((a) => a.tier)].sort((x, y) => x - y));
    expect(all.tier1Agents).toEqual(tier1Only.tier1Agents);
    // 600 unregistered Tier 1 agents, every third an AI agent with i % 7 critical findings: the shadow-AI
    // section names 20 and says the total; the appendix lists 500, AI agents first, most critical first.
    const template = agents.find((a) => a.tier === 1) ?? agents[0];
    if (template === undefined) throw new Error('the demo has no agents');
    const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    const many = Array.from({ length: 600 }, (_, i) => ({
      ...template,
      arn: `${template.arn}-${i}`,
      name: `shadow-${i}`,
      ai: i % 3 === 0,
      awsManaged: false,
      status: 'unregistered' as const,
      tier: 1 as const,
      findingCounts: { ...counts, critical: i % 7 },
    }));
    const model = buildLeadershipReport({
      now,
      accountId: null,
      organisation: 'x',
      overview: await call('overview:get', { accountId: null }),
      plan: await call('plan:get', {}),
      findings: [],
      agents: many,
      audit: { headHash: null, headSeq: null, chainOk: true },
    });
    expect(model.shadowAi.unregistered).toBe(200);
    expect(model.shadowAi.unregisteredAgents).toHaveLength(SHADOW_NAMES_SHOWN);
    expect(model.tier1Agents).toHaveLength(TIER1_APPENDIX_ROWS);
    expect(model.tier1AgentsTotal).toBe(600);
    expect(model.tier1Agents.slice(0, 200).every((a) => a.ai)).toBe(true);
    const critical = model.tier1Agents.map((a) => a.criticalHigh);
    expect(critical.slice(0, 200)).toEqual([...critical.slice(0, 200)].sort((a, b) => b - a));
    expect(critical.slice(200)).toEqual([...critical.slice(200)].sort((a, b) => b - a));
    expect(model.allAgents).toBeNull();
  }, 120_000);

  it('prints as a job: reading the workspace, drawing the pages, printing, each said as it starts and ends; the page gets the report the job built', async () => {
    const seen: { request: PrintRequest; drawnReportId: string }[] = [];
    backend.reportPrinter.current = {
      async print(request: PrintRequest, hooks?: PrintHooks) {
        // What the print page does: ask for the report it draws (it must be the job's own).
        const drawn = await call('reports:leadership', { accountId: request.accountId, allAgents: request.allAgents ?? false });
        seen.push({ request, drawnReportId: drawn.reportId });
        hooks?.drawn?.();
        return new TextEncoder().encode('%PDF-1.4 << /Type /Pages >> << /Type /Page >> << /Type /Page >> << /Type /Page >>');
      },
    };
    try {
      events.length = 0;
      const printed = await call('reports:print', { report: 'leadership', accountId: null, paper: 'letter', allAgents: true });
      expect(printed.pages).toBe(3);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.request).toMatchObject({ report: 'leadership', paper: 'letter', allAgents: true });
      expect(seen[0]?.drawnReportId).toBe(printed.reportId);
      const progress = events.filter((e) => e.event === 'job:progress').map((e) => e.payload as EventPayload<'job:progress'>);
      expect(new Set(progress.map((p) => p.jobId)).size).toBe(1);
      expect(progress.every((p) => p.kind === 'report')).toBe(true);
      // The steps in order, each running before it is ok; reading counts its parts up to the total.
      const sequence = progress.map((p) => `${p.step}:${p.status}`).filter((entry, i, all) => entry !== all[i - 1]);
      expect(sequence).toEqual(['read:running', 'read:ok', 'draw:running', 'draw:ok', 'print:running', 'draw:ok', 'print:ok']);
      const reads = progress.filter((p) => p.step === 'read' && p.status === 'running');
      expect(reads.map((p) => p.done)).toEqual([...reads.map((p) => p.done)].sort((a, b) => a - b));
      expect(reads.at(-1)?.done).toBe(reads.at(-1)?.total);
      expect(progress.at(-1)).toMatchObject({ step: 'print', status: 'ok', message: '3 pages' });
      const finished = events.find((e) => e.event === 'job:finished')?.payload as EventPayload<'job:finished'> | undefined;
      expect(finished).toMatchObject({ kind: 'report', status: 'completed', message: `${printed.reportId}: 3 pages.` });
    } finally {
      backend.reportPrinter.current = null;
    }
  }, 120_000);

  it('a print that fails says which step failed, and the call answers the error', async () => {
    backend.reportPrinter.current = {
      print: () => Promise.reject(new Error('the browser crashed')),
    };
    try {
      events.length = 0;
      const reply = await backend.dispatch('reports:print', { report: 'leadership', accountId: null, paper: 'a4' });
      expect(reply.ok).toBe(false);
      const progress = events.filter((e) => e.event === 'job:progress').map((e) => e.payload as EventPayload<'job:progress'>);
      expect(progress.at(-1)).toMatchObject({ step: 'draw', status: 'failed', message: 'the browser crashed' });
      expect(events.find((e) => e.event === 'job:finished')?.payload).toMatchObject({ kind: 'report', status: 'failed' });
    } finally {
      backend.reportPrinter.current = null;
    }
  }, 120_000);

  it('says plainly that it cannot print where the back end has no printer', async () => {
    const reply = await backend.dispatch('reports:print', { report: 'leadership', accountId: null, paper: 'a4' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('unavailable');
  });
});
