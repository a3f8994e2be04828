/**
 * `reports:minutes` on the demo workspace (issue 13): the held meeting's minutes word for word as
 * `reviews:minutes` gives them, with a report ID that is stable for the same meeting and audit head
 * and changes with either, and the audit log head an auditor checks against. Printing minutes without
 * a meeting is invalid input, not a crash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { minutesReportId } from '@core/reports/minutes-report';

let dir: string;
let backend: Backend;
const now = new Date();

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-minutes-report-'));
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

describe('reports:minutes on the demo', () => {
  it('is the held meeting minutes with a report ID and the audit head', async () => {
    const report = await call('reports:minutes', { meetingId: 'demo-held-meeting' });
    const minutes = await call('reviews:minutes', { id: 'demo-held-meeting' });
    expect({ ...report.minutes, generatedAt: '' }).toEqual({ ...minutes, generatedAt: '' });
    expect(report.minutes.decisions.every((d) => /^[0-9a-f]{64}$/.test(d.evidenceHash))).toBe(true);
    const [head] = await call('audit:list', { limit: 1, beforeSeq: null, actor: null, action: null, target: null });
    expect(report.audit.headHash).toBe(head?.hash);
    expect(report.audit.chainOk).toBe(true);
    expect(report.reportId).toMatch(/^MN-\d{8}-[0-9a-f]{8}$/);
    expect((await call('reports:minutes', { meetingId: 'demo-held-meeting' })).reportId).toBe(report.reportId);
    expect(minutesReportId(now, 'demo-planned-meeting', report.audit.headHash)).not.toBe(report.reportId);
    expect(minutesReportId(now, 'demo-held-meeting', 'another-head')).not.toBe(report.reportId);
  });

  it('refuses an unknown meeting, and printing minutes of no meeting', async () => {
    const unknown = await backend.dispatch('reports:minutes', { meetingId: 'no-such-meeting' });
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found');
    const none = await backend.dispatch('reports:print', { report: 'minutes', accountId: null, meetingId: null, paper: 'a4' });
    expect(none.ok ? null : none.error.code).toBe('invalid_input');
  });
});
