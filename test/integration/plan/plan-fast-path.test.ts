/**
 * `plan:get` reads only the findings of the rules its criteria use, without their texts, and the whole
 * rows only of the findings its answer names (plan-handlers.ts `planStateOf`). This compares that with
 * the computation it replaced — every finding of the current scans read whole (`listScanFindings`) —
 * on a workspace whose findings are in every state: regressed (keys turned off, then on again),
 * accepted (holding, and one whose acceptance has run out), resolved by hand, and of rules the plan
 * does not read. Both the criteria's evaluations and the plan's answer must be equal.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, FindingRow } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { listAgentRows } from '@core/db/repositories/agents';
import { connectedAccountIds, countBedrockActionGroups, listPlanEvaluations, listPlanTasks, readPlan, reviewCadenceRecorded, tier1ReviewDecisions } from '@core/db/repositories/plan';
import { listRegistryRecords } from '@core/db/repositories/registry';
import { listScans } from '@core/db/repositories/scans';
import { enabledUserPolicies } from '@core/db/repositories/team-policies';
import { listScanFindings } from '@core/governance/finding-lifecycle-service';
import { evaluatePlan, PLAN_FINDING_RULES } from '@core/governance/plan/plan-criteria';
import { buildPlanState } from '@core/governance/plan/plan-state';
import { buildPlanView } from '@core/governance/plan/plan-view';
import { planStateOf } from '@core/handlers/plan-handlers';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');

let dir: string;
let backend: Backend;
let now = Date.parse('2026-03-01T09:00:00.000Z');

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

async function importFiles(report: string): Promise<void> {
  const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: DETAILS }, credentialReport: { kind: 'path', path: report } });
  expect((await backend.jobs.wait(jobId)).status).toBe('completed');
  await backend.analysis.idle();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-plan-fast-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => new Date(now),
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
  });
}, 60_000);

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The plan's state as it was computed before: every finding of the current scans, whole. */
function previousComputation(at: Date): { live: ReturnType<typeof evaluatePlan>; view: ReturnType<typeof buildPlanView> } {
  const workspace = backend.workspaces.current();
  return workspace.read.snapshot((snap) => {
    const all = listScans(snap);
    const current = [...new Map(all.filter((s) => s.status === 'completed').map((s) => [s.accountId, s])).values()];
    const newest = current.map((s) => all.filter((x) => x.status === 'completed' && x.accountId === s.accountId).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0] ?? s);
    const refs = newest.map((s) => ({ id: s.id, accountId: s.accountId, startedAt: s.startedAt }));
    const agentRows = refs.flatMap((scan) => listAgentRows(snap, scan.id));
    const findingRows: FindingRow[] = refs.flatMap((scan) => listScanFindings(snap, scan, { severity: null, ruleId: null, status: null }, at));
    const input = buildPlanState({
      now: at,
      currentScans: newest,
      allScans: all,
      agents: agentRows,
      findings: findingRows,
      registry: listRegistryRecords(snap),
      connectedAccounts: connectedAccountIds(snap),
      enabledTeamPolicies: enabledUserPolicies(snap).length,
      reviewCadenceSet: reviewCadenceRecorded(snap),
      bedrockActionGroups: countBedrockActionGroups(snap, refs.map((scan) => scan.id)),
      tier1ReviewDecisions: tier1ReviewDecisions(snap),
    });
    const live = evaluatePlan(input, at);
    const scans = newest.map((scan) => ({ scanId: scan.id, accountId: scan.accountId, alias: null, startedAt: scan.startedAt }));
    const view = buildPlanView({
      now: at,
      plan: readPlan(snap),
      tasks: listPlanTasks(snap),
      evaluations: listPlanEvaluations(snap),
      live,
      scans,
      agents: new Map(agentRows.map((agent) => [agent.arn, agent])),
      findings: new Map(findingRows.map((finding) => [finding.fingerprint, finding])),
    });
    return { live, view };
  });
}

/** The fast path, on the same scans and at the same moment. */
function fastComputation(at: Date): { live: ReturnType<typeof evaluatePlan>; view: ReturnType<typeof buildPlanView> } {
  const workspace = backend.workspaces.current();
  const summaries = workspace.read.snapshot((snap) => {
    const all = listScans(snap).filter((s) => s.status === 'completed');
    return [...new Set(all.map((s) => s.accountId))].map((account) => all.filter((s) => s.accountId === account).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0]).filter((s) => s !== undefined);
  });
  const state = planStateOf(workspace, summaries.map((s) => ({ id: s.id, accountId: s.accountId, startedAt: s.startedAt })), summaries, new Map(), at);
  const view = workspace.read.snapshot((snap) =>
    buildPlanView({ now: at, plan: readPlan(snap), tasks: listPlanTasks(snap), evaluations: listPlanEvaluations(snap), live: state.live, scans: state.scans, agents: state.agents, findings: state.findings }),
  );
  return { live: state.live, view };
}

describe('plan:get reads only what its criteria need', () => {
  it('answers as reading every finding whole did, with findings regressed, accepted, expired, resolved by hand and of other rules', async () => {
    // Keys on, then off (their findings resolved by the scan), then on again: regressed.
    const [header = '', ...rows] = readFileSync(REPORT, 'utf8').trim().split('\n');
    const columns = header.split(',');
    const active = ['access_key_1_active', 'access_key_2_active'].map((name) => columns.indexOf(name));
    const keysOff = join(dir, 'keys-off.csv');
    writeFileSync(keysOff, [header, ...rows.map((row) => row.split(',').map((cell, i) => (active.includes(i) ? 'false' : cell)).join(','))].join('\n') + '\n');
    await importFiles(REPORT);
    now += 86_400_000;
    await importFiles(keysOff);
    now += 86_400_000;
    await importFiles(REPORT);
    await call('plan:start', { startDate: null, restart: false });

    const findings = (await call('findings:list', { scanId: null, accountId: null, severity: null, ruleId: null, status: null })).findings;
    const planRules = new Set(PLAN_FINDING_RULES);
    const unused = findings.filter((f) => f.ruleId === 'identity_unused');
    const [held, expiring, resolvedByHand] = unused;
    const missingOwner = findings.find((f) => f.ruleId === 'agent_missing_owner');
    const acceptedOther = findings.find((f) => !planRules.has(f.ruleId));
    if (held === undefined || expiring === undefined || resolvedByHand === undefined || missingOwner === undefined || acceptedOther === undefined) throw new Error('the fixture lacks the findings this test needs');
    await call('findings:accept', { fingerprint: held.fingerprint, reason: 'owned by the platform team', until: '2027-01-01' });
    await call('findings:accept', { fingerprint: expiring.fingerprint, reason: 'accepted for two days only', until: '2026-03-05' });
    await call('findings:resolve', { fingerprint: resolvedByHand.fingerprint, note: 'fixed by hand' });
    await call('findings:accept', { fingerprint: missingOwner.fingerprint, reason: 'the owner is being found', until: '2027-01-01' });
    await call('findings:accept', { fingerprint: acceptedOther.fingerprint, reason: 'not one the plan reads', until: '2027-01-01' });

    for (const [index, at] of [new Date(now), new Date(Date.parse('2026-03-10T09:00:00.000Z'))].entries()) {
      now = at.getTime();
      const statuses = (await call('findings:list', { scanId: null, accountId: null, severity: null, ruleId: null, status: null })).findings
        .filter((f) => planRules.has(f.ruleId))
        .map((f) => f.status);
      // The states this comparison is about are all there (the expired acceptance reads open again at the later moment).
      if (index === 0) expect(new Set(statuses)).toEqual(new Set(['regressed', 'accepted', 'resolved', 'open']));
      const before = previousComputation(at);
      const after = fastComputation(at);
      expect(after.live).toEqual(before.live);
      expect(after.view).toEqual(before.view);
      expect(after.live.some((entry) => (entry.evaluation?.acceptedApart.length ?? 0) > 0)).toBe(true);
      expect(after.live.some((entry) => (entry.evaluation?.blocking.some((b) => 'fingerprint' in b) ?? false))).toBe(true);
    }
  }, 60_000);
});
