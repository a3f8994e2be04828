/**
 * The demo company's review meetings (issue 12): one held meeting with its minutes (a keep and a keep
 * with changes whose action item is overdue) and one planned for today whose agenda is what is due
 * now, startable at once; meeting mode on an agent the held meeting decided shows what changed since.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { DEMO_HELD_MEETING_TITLE, DEMO_PLANNED_MEETING_TITLE } from '@core/handlers/demo-reviews';

let dir: string;
let backend: Backend;
const now = new Date();

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-reviews-demo-'));
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

describe('the demo company’s review meetings', () => {
  it('one held Tier 1 meeting with minutes: two decisions, one action item overdue', async () => {
    const { meetings } = await call('reviews:list', {});
    const held = meetings.find((m) => m.status === 'held');
    expect(held).toMatchObject({ title: DEMO_HELD_MEETING_TITLE, tiers: [1], carriedOver: [] });
    expect(held?.decisions.map((d) => d.decision)).toEqual(['keep', 'keep_with_changes']);
    const minutes = await call('reviews:minutes', { id: held?.id ?? '' });
    expect(minutes.actionItems).toHaveLength(1);
    expect(minutes.actionItems[0]).toMatchObject({ status: 'open', overdue: true });
    // The registry already records that review: the decisions are its history, not applied again.
    const agent = await call('agents:get', { scanId: null, arn: held?.decisions[0]?.arn ?? '' });
    expect(agent.registry.lastReviewAt).toBe(held?.decisions[0]?.decidedAt);
    expect((await call('reviews:actionItems', { status: 'open', arn: null })).items.filter((i) => i.overdue)).toHaveLength(1);
  }, 120_000);

  it('a meeting planned for today with what is due now, started at once; an agent decided before shows what changed since', async () => {
    const { meetings } = await call('reviews:list', {});
    const planned = meetings.find((m) => m.status === 'planned');
    const held = meetings.find((m) => m.status === 'held');
    expect(planned).toMatchObject({ title: DEMO_PLANNED_MEETING_TITLE, timeZone: 'Europe/London' });
    expect(planned?.scheduledFor.slice(0, 10)).toBe(now.toISOString().slice(0, 10));
    const due = await call('reviews:due', { by: null, tiers: [], accountIds: [] });
    expect(planned?.agenda.map((e) => e.arn)).toEqual(due.agents.map((a) => a.arn));
    expect(planned?.agenda.length).toBeGreaterThanOrEqual(3);
    const kept = held?.decisions[0]?.arn ?? '';
    await call('reviews:updateAgenda', { id: planned?.id ?? '', arns: [...(planned?.agenda.map((e) => e.arn) ?? []), kept] });
    const started = await call('reviews:start', { id: planned?.id ?? '' });
    expect(started.status).toBe('in_progress');
    const first = await call('reviews:agendaItem', { id: started.id, arn: started.nextArn ?? '' });
    expect(first.detail).not.toBeNull();
    const again = await call('reviews:agendaItem', { id: started.id, arn: kept });
    expect(again.changes.previous).toMatchObject({ meetingTitle: DEMO_HELD_MEETING_TITLE, decision: 'keep' });
    expect((await call('audit:verify', {})).ok).toBe(true);
  }, 120_000);
});
