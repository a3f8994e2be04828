/**
 * The policy channels end to end on the demo company, through the dispatch (inputs and outputs parsed
 * by the contract, as the UI sees them): list, try, save, findings, toggle, delete, audit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { call as dispatchCall } from '../../support/dispatch-call';

let dir: string;
let demoFolder: string;
let backend: Backend;

/** The shared dispatch helper, typed by the contract; the reply is parsed again to document its shape. */
async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return channels[channel].output.parse(await dispatchCall<unknown>(backend, channel, input)) as ChannelOutput<C>;
}

async function refusal(channel: ChannelName, input: unknown): Promise<{ code: string; message: string }> {
  const envelope = await backend.dispatch(channel, input);
  if (envelope.ok) throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
  return envelope.error;
}

const OWNERS = 'agent.ai ? agent.owner != null : true';
/** The demo company's accounts: production, staging, sandbox. */
const DEMO_ACCOUNTS = ['111100001111', '111100002222', '111100003333'];
const SANDBOX = '111100003333';

async function policyFindings(name: string): Promise<ChannelOutput<'findings:list'>['findings']> {
  const { findings } = await call('findings:list', { ruleId: 'governance_policy_violation' });
  return findings.filter((finding) => finding.evidence['policyName'] === name);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-policies-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
    demoDir: resolve(process.cwd(), 'resources/demo'),
  });
  const info = await call('demo:open', {});
  demoFolder = dirname(info.path);
}, 120_000);

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
  if (demoFolder !== undefined) rmSync(demoFolder, { recursive: true, force: true });
});

describe('policy channels', () => {
  let policyId: string;
  let failingArns: string[];

  it('lists the built-ins with how often they fail on every account’s newest scan, and no user policy yet', async () => {
    const list = await call('policies:list', {});
    expect(list.view).toMatchObject({ kind: 'current', accountId: null, past: false });
    expect(list.view.scans.map((scan) => scan.accountId).sort()).toEqual(DEMO_ACCOUNTS);
    expect(list.view.scans.every((scan) => scan.status === 'completed')).toBe(true);
    expect(list.policies).toEqual([]);
    expect(list.builtIn.map((p) => p.name)).toEqual(['registered identity', 'owned agent', 'approved credential type']);
    expect(list.builtIn.every((p) => typeof p.failing === 'number' && p.scope !== '')).toBe(true);
    // One gap, one finding: a built-in's failing agents are its catalogue rule's, and it raises no governance finding.
    expect(list.builtIn.map((p) => p.ruleId)).toEqual(['shadow_ai_unregistered', 'agent_missing_owner', 'static_access_key']);
    const { findings } = await call('findings:list', { ruleId: 'shadow_ai_unregistered' });
    expect(list.builtIn[0]?.failing).toBe(new Set(findings.map((f) => f.principalArn)).size);
    expect(list.builtIn[0]?.failing).toBeGreaterThan(0);
    expect((await call('findings:list', { ruleId: 'governance_policy_violation' })).findings).toEqual([]);
  });

  it('tries an expression that does not compile: its problems with positions, nothing evaluated', async () => {
    const result = await call('policies:test', { condition: 'agent.owner ==', appliesTo: 'agent.tierr == 1' });
    expect(result.evaluation).toBeNull();
    expect(result.problems).toEqual([
      { field: 'condition', message: 'Unexpected token: EOF', offset: 14, length: 0, line: 1, column: 15, excerpt: 'agent.owner ==' },
      { field: 'appliesTo', message: 'No such key: tierr', offset: 6, length: 5, line: 1, column: 7, excerpt: 'agent.tierr == 1' },
    ]);
  });

  it('tries a valid expression against the newest scan without saving it', async () => {
    const result = await call('policies:test', { condition: OWNERS });
    expect(result.problems).toEqual([]);
    expect(result.evaluation?.failing).toBeGreaterThan(0);
    expect(result.evaluation?.errors).toBe(0);
    expect(result.failingAgents.length).toBe(Math.min(50, result.evaluation?.failing ?? 0));
    failingArns = result.failingAgents.map((agent) => agent.arn).sort();
    expect((await call('policies:list', {})).policies).toEqual([]);
    // Trying writes nothing: no policy entry in the audit log (the demo's own plan story is there).
    expect((await call('audit:list', {})).filter((entry) => entry.action.startsWith('polic'))).toEqual([]);
  });

  it('reports runtime errors per agent when trying, with samples naming the agents', async () => {
    const result = await call('policies:test', { condition: "agent.owner.startsWith('team')" });
    expect(result.evaluation?.errors).toBeGreaterThan(0);
    expect(result.evaluation?.firstError).toMatch(/startsWith/);
    expect(result.errorSamples[0]?.name).toBeTruthy();
  });

  it('refuses to save an expression that does not compile, saying where', async () => {
    const error = await refusal('policies:save', { name: 'Broken', severity: 'high', condition: 'agent.ai &&' });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Condition, line 1, column 12');
  });

  it('saves a policy; the newest scan’s findings show it at once, named after it, as the try said', async () => {
    const saved = await call('policies:save', { name: 'AI agents have owners', severity: 'critical', condition: OWNERS, remediation: 'Name an owner.' });
    policyId = saved.id;
    expect(saved).toMatchObject({ name: 'AI agents have owners', severity: 'critical', enabled: true, createdBy: 'tester', appliesTo: null });
    const found = await policyFindings('AI agents have owners');
    expect(found.map((f) => f.principalArn).sort()).toEqual(failingArns);
    expect(found.every((f) => f.title === 'Governance policy "AI agents have owners" fails' && f.severity === 'critical')).toBe(true);
    expect(found[0]?.remediation).toContain('Name an owner.');
    const list = await call('policies:list', {});
    expect(list.policies).toHaveLength(1);
    expect(list.policies[0]?.evaluation).toMatchObject({ failing: found.length, errors: 0, compileError: null });
    const [entry] = await call('audit:list', { limit: 1 });
    expect(entry).toMatchObject({ action: 'policy.create', target: `policy:${policyId}`, actor: 'tester' });
  });

  it('refuses a second policy of the same name, and a built-in’s name', async () => {
    expect((await refusal('policies:save', { name: 'ai agents have OWNERS', severity: 'low', condition: 'true' })).code).toBe('conflict');
    expect((await refusal('policies:save', { name: 'Registered identity', severity: 'low', condition: 'true' })).code).toBe('conflict');
  });

  it('disabling removes its findings on the next read; enabling brings them back with their acceptance', async () => {
    const [first] = await policyFindings('AI agents have owners');
    if (first === undefined) throw new Error('no finding');
    await call('findings:accept', { fingerprint: first.fingerprint, reason: 'Owner being hired; tracked in GOV-7.', until: '2099-01-01' });
    const policy = (await call('policies:list', {})).policies[0];
    if (policy === undefined) throw new Error('no policy');
    const base = { id: policy.id, name: policy.name, description: policy.description, severity: policy.severity, condition: policy.condition, appliesTo: policy.appliesTo, remediation: policy.remediation };
    await call('policies:save', { ...base, enabled: false });
    expect(await policyFindings('AI agents have owners')).toEqual([]);
    expect((await call('policies:list', {})).policies[0]).toMatchObject({ enabled: false, evaluation: null });
    expect((await call('audit:list', { limit: 1 }))[0]?.action).toBe('policy.disable');

    await call('policies:save', { ...base, enabled: true });
    const back = await policyFindings('AI agents have owners');
    expect(back.map((f) => f.principalArn).sort()).toEqual(failingArns);
    expect(back.find((f) => f.fingerprint === first.fingerprint)?.status).toBe('accepted');
  });

  it('renaming keeps the findings’ fingerprints; narrowing the scope with applies-to shrinks them', async () => {
    const before = (await policyFindings('AI agents have owners')).map((f) => f.fingerprint).sort();
    const tier1 = await call('policies:test', { condition: OWNERS, appliesTo: 'agent.tier == 1' });
    await call('policies:save', { id: policyId, name: 'Owners for AI', severity: 'critical', condition: OWNERS, appliesTo: 'agent.tier == 1', remediation: 'Name an owner.' });
    const after = await policyFindings('Owners for AI');
    expect(after.length).toBe(tier1.evaluation?.failing);
    expect(after.every((f) => before.includes(f.fingerprint))).toBe(true);
    expect((await call('policies:list', {})).policies[0]?.evaluation?.notApplicable).toBe(tier1.evaluation?.notApplicable);
  });

  it('deletes a policy: its findings go, the deletion is audited, and the chain holds', async () => {
    expect(await call('policies:delete', { id: policyId })).toEqual({ deleted: true });
    expect(await policyFindings('Owners for AI')).toEqual([]);
    expect((await call('policies:list', {})).policies).toEqual([]);
    expect((await call('audit:list', { limit: 1 }))[0]).toMatchObject({ action: 'policy.delete', target: `policy:${policyId}` });
    expect(await call('policies:delete', { id: policyId })).toEqual({ deleted: false });
    expect(await call('audit:verify', {})).toMatchObject({ ok: true });
  });

  it('sums over the accounts: each account’s figures add up to the whole, and --account narrows both channels', async () => {
    const all = await call('policies:list', { scanId: null, accountId: null });
    const tried = await call('policies:test', { condition: OWNERS });
    expect(new Set(tried.failingAgents.map((agent) => agent.accountId)).size).toBeGreaterThan(1);
    const perAccount = await Promise.all(DEMO_ACCOUNTS.map(async (accountId) => ({ accountId, list: await call('policies:list', { accountId }), test: await call('policies:test', { accountId, condition: OWNERS }) })));
    for (const { accountId, list, test } of perAccount) {
      expect(list.view).toMatchObject({ kind: 'current', accountId });
      expect(list.view.scans.map((scan) => scan.accountId)).toEqual([accountId]);
      // Every account is still offered to the filter.
      expect(list.view.accounts.map((account) => account.accountId).sort()).toEqual(DEMO_ACCOUNTS);
      expect(test.failingAgents.every((agent) => agent.accountId === accountId)).toBe(true);
    }
    all.builtIn.forEach((policy, index) => {
      expect(perAccount.reduce((sum, { list }) => sum + (list.builtIn[index]?.failing ?? 0), 0)).toBe(policy.failing);
    });
    for (const key of ['evaluated', 'failing', 'errors', 'notApplicable'] as const) {
      expect(perAccount.reduce((sum, { test }) => sum + (test.evaluation?.[key] ?? 0), 0)).toBe(tried.evaluation?.[key]);
    }
    // The sandbox's Bedrock API key is among the shadow AI the "registered identity" built-in counts there.
    const sandbox = perAccount.find((entry) => entry.accountId === SANDBOX);
    expect(sandbox?.list.builtIn[0]?.failing).toBeGreaterThan(0);
    const { findings } = await call('findings:list', { accountId: SANDBOX, ruleId: 'shadow_ai_unregistered' });
    expect(findings.map((finding) => finding.resourceId)).toContain('BedrockAPIKey-hk4z');
  });

  it('one scan: its own figures; refused when it is of another account than the one asked for', async () => {
    const { view } = await call('policies:list', {});
    const sandboxScan = view.scans.find((scan) => scan.accountId === SANDBOX);
    if (sandboxScan === undefined) throw new Error('no sandbox scan');
    const one = await call('policies:test', { scanId: sandboxScan.id, condition: OWNERS });
    expect(one.view).toMatchObject({ kind: 'scan', accountId: SANDBOX, past: false });
    expect(one.evaluation).toEqual((await call('policies:test', { accountId: SANDBOX, condition: OWNERS })).evaluation);
    expect((await refusal('policies:list', { scanId: sandboxScan.id, accountId: '111100001111' })).code).toBe('invalid_input');
    expect((await refusal('policies:test', { accountId: 'not-an-account', condition: 'true' })).code).toBe('invalid_input');
    // An account without a scan: nothing to evaluate, said by an empty view.
    const none = await call('policies:test', { accountId: '999999999999', condition: OWNERS });
    expect(none).toMatchObject({ evaluation: null, problems: [], failingAgents: [] });
    expect(none.view.scans).toEqual([]);
  });

  it('answers a test on a scan that is not there with not_found', async () => {
    expect((await refusal('policies:test', { scanId: 'nope', condition: 'true' })).code).toBe('not_found');
  });
});
