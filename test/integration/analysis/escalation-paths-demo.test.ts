/**
 * On the demo company, every place that lists an identity's escalation paths agrees with the
 * privilege_escalation finding: agents:get lists at least one path for each identity the finding names
 * (the graph's paths and the iam:PassRole-on-every-role combinations alike) and none for the others,
 * and meeting mode's evidence (reviews:agendaItem) carries the same paths.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';

const SAGEMAKER_ROLE = 'AmazonSageMaker-ExecutionRole-20240311T101512';

let dir: string;
let backend: Backend;
const now = new Date();

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-escalation-demo-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    demoWorkspacePath: join(dir, 'app-data', 'demo.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => now,
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

describe('escalation paths on the demo company', () => {
  it('agents:get lists a path for every identity privilege_escalation names, and none for the others', async () => {
    const { findings } = await call('findings:list', { scanId: null, accountId: null, severity: null, ruleId: 'privilege_escalation' });
    const named = new Set(findings.filter((f) => f.ruleId === 'privilege_escalation' && f.status !== 'resolved').map((f) => f.principalArn));
    expect(named.size).toBeGreaterThan(0);
    const { agents } = await call('agents:list', { scanId: null, accountId: null });
    const disagree: string[] = [];
    let without = 0;
    for (const row of agents) {
      if (row.awsManaged || row.kind === 'unscanned-role') continue;
      const detail = await call('agents:get', { scanId: row.scanId, arn: row.arn });
      if (!named.has(row.arn)) without += 1;
      if (detail.escalationPaths.length > 0 !== named.has(row.arn)) disagree.push(`${row.arn}: ${detail.escalationPaths.length} paths`);
    }
    expect(disagree).toEqual([]);
    expect(without).toBeGreaterThan(0);
  }, 120_000);

  it('the SageMaker execution role: its PassRole combination on the agent page and in meeting mode', async () => {
    const { agents } = await call('agents:list', { scanId: null, accountId: null });
    const role = agents.find((a) => a.name === SAGEMAKER_ROLE);
    const quiet = agents.find((a) => !a.awsManaged && a.kind === 'iam-role' && a.findingCounts.high === 0 && a.findingCounts.critical === 0);
    if (role === undefined || quiet === undefined) throw new Error('demo identities missing');
    const detail = await call('agents:get', { scanId: null, arn: role.arn });
    expect(detail.tier.reasons.map((r) => r.reason).join('\n')).toContain('privilege-escalation path: iam:PassRole + sagemaker:CreateNotebookInstance');
    expect(detail.escalationPaths).toContainEqual({
      outcome: 'pass-any-role',
      steps: [
        expect.objectContaining({
          technique: 'iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl',
          to: 'any role sagemaker.amazonaws.com can assume',
        }),
      ],
    });
    expect((await call('agents:get', { scanId: null, arn: quiet.arn })).escalationPaths).toEqual([]);

    const meeting = await call('reviews:plan', { title: 'Escalation check', scheduledFor: '2030-01-07T10:00', timeZone: 'UTC', attendees: [], tiers: [], accountIds: [] });
    await call('reviews:updateAgenda', { id: meeting.id, arns: [role.arn, quiet.arn] });
    await call('reviews:start', { id: meeting.id });
    const item = await call('reviews:agendaItem', { id: meeting.id, arn: role.arn });
    expect(item.evidence.escalation).toContainEqual({ outcome: 'pass-any-role', via: ['iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl'] });
    expect((await call('reviews:agendaItem', { id: meeting.id, arn: quiet.arn })).evidence.escalation).toEqual([]);
  }, 120_000);
});
