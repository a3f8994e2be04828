/**
 * A whole review meeting over a workspace made from a real import (issue 12): the agents due, a planned
 * agenda edited, a meeting started, decisions recorded with their registry and audit effects, the
 * workspace closed mid-meeting and reopened (resumed at the next agent, nothing lost), the meeting ended
 * with an agent carried over to the next one, the minutes, action items, and the cadence in Settings
 * moving the due dates and review_overdue.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { canonicalJson } from '@core/lib/canonical-json';
import { sql } from '@core/db/sql';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');

let dir: string;
let backend: Backend;
let now = Date.parse('2026-03-02T09:00:00.000Z');
const clock = (): Date => new Date((now += 1000));
const events: string[] = [];
const TODAY = '2026-03-02';

function open(): Backend {
  return createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock,
    dialogs: null,
    emit: (event) => void events.push(event),
    acceptUploads: false,
    collectors: [],
  });
}

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

async function callError<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<string> {
  const envelope = await backend.dispatch(channel, input);
  if (envelope.ok) throw new Error(`${channel} answered`);
  return `${envelope.error.code}: ${envelope.error.message}`;
}

async function audit(): Promise<{ action: string; target: string; details: Record<string, unknown> }[]> {
  const entries = await call('audit:list', { limit: 1000 });
  return entries.map((entry) => ({ action: entry.action, target: entry.target, details: entry.details }));
}

const registryOf = (arn: string): Record<string, unknown> | undefined =>
  backend.workspaces.current().read.get(sql`SELECT status, tier_override, override_reason, last_review_at, next_review_at, tier_confirmed FROM registry WHERE arn = ${arn}`);

let agents: { arn: string; name: string; tier: 1 | 2 | 3 }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-reviews-'));
  backend = open();
  const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: DETAILS }, credentialReport: { kind: 'path', path: REPORT } });
  const job = await backend.jobs.wait(jobId);
  expect(job.status, job.message ?? '').toBe('completed');
  const list = await call('agents:list', { scanId: null, accountId: null });
  agents = list.agents.filter((a) => a.access === 'workload' && !a.awsManaged && a.kind !== 'unscanned-role').slice(0, 5);
  expect(agents.length).toBe(5);
  // Registered: two never reviewed nor scheduled, two reviewed long ago, one reviewed last week (not due).
  await call('registry:update', { arns: agents.map((a) => a.arn), patch: { status: 'registered', owner: 'platform-team' }, reason: null });
  await call('registry:update', { arns: agents.slice(0, 2).map((a) => a.arn), patch: { nextReviewAt: null }, reason: null });
  await call('registry:update', { arns: agents.slice(2, 4).map((a) => a.arn), patch: { lastReviewAt: '2025-06-01', nextReviewAt: null }, reason: null });
  await call('registry:update', { arns: [agents[4]?.arn ?? ''], patch: { lastReviewAt: '2026-02-24', nextReviewAt: null }, reason: null });
}, 180_000);

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

const arnAt = (index: number): string => agents[index]?.arn ?? '';

describe('a review meeting over a real import', () => {
  let meetingId = '';

  it('lists the agents due: never reviewed first, overdue flagged, the one reviewed last week not due until later', async () => {
    const due = await call('reviews:due', { by: null, tiers: [], accountIds: [] });
    expect(due.by).toBe(TODAY);
    expect(due.cadence).toEqual({ tier1Days: 30, tier2Days: 90, tier3Days: 182, set: false });
    expect(due.agents.map((a) => a.arn).sort()).toEqual([arnAt(0), arnAt(1), arnAt(2), arnAt(3)].sort());
    expect(due.agents.slice(0, 2).every((a) => a.neverReviewed && a.reason === 'Never reviewed')).toBe(true);
    expect(due.agents.every((a) => a.overdue)).toBe(true);
    const later = await call('reviews:due', { by: '2027-01-01', tiers: [], accountIds: [] });
    expect(later.agents.map((a) => a.arn)).toContain(arnAt(4));
  }, 120_000);

  it('plans a meeting: its agenda is what is due by its date; the agenda is edited before it starts', async () => {
    const planned = await call('reviews:plan', { title: 'March agent review', scheduledFor: '2026-03-03T10:00', timeZone: 'Europe/Berlin', attendees: ['Ana', 'Bo'], tiers: [], accountIds: [] });
    meetingId = planned.id;
    expect(planned.status).toBe('planned');
    expect(planned.agenda.map((e) => e.arn).sort()).toEqual([arnAt(0), arnAt(1), arnAt(2), arnAt(3)].sort());
    expect(await callError('reviews:plan', { title: 'x', scheduledFor: '2026-03-03T10:00', timeZone: 'Mars/Olympus', attendees: [], tiers: [], accountIds: [] })).toMatch(/^invalid_input: .*time zone/);
    // Reorder, drop the last, add the agent reviewed last week by hand.
    const order = [planned.agenda[1]?.arn ?? '', planned.agenda[0]?.arn ?? '', planned.agenda[2]?.arn ?? '', arnAt(4)];
    const edited = await call('reviews:updateAgenda', { id: meetingId, arns: order });
    expect(edited.agenda.map((e) => e.arn)).toEqual(order);
    expect(edited.agenda[3]?.reason).toBe('Added by hand');
    expect(await callError('reviews:updateAgenda', { id: meetingId, arns: ['arn:aws:iam::000000000000:role/nobody'] })).toMatch(/^invalid_input: Not an identity/);
    expect(await callError('reviews:decide', { id: meetingId, arn: order[0] ?? '', decision: 'keep', deciders: ['Ana'] })).toMatch(/^conflict: Start/);
  }, 120_000);

  it('runs: each decision is committed at once with its registry effect, its evidence hash and its audit entries', async () => {
    const started = await call('reviews:start', { id: meetingId });
    expect(started.status).toBe('in_progress');
    expect(await callError('reviews:updateAgenda', { id: meetingId, arns: [] })).toMatch(/^conflict: .*has started/);
    const [first, second, third] = started.agenda;
    if (first === undefined || second === undefined || third === undefined) throw new Error('agenda too short');
    expect(started.nextArn).toBe(first.arn);

    const item = await call('reviews:agendaItem', { id: meetingId, arn: first.arn });
    expect(item).toMatchObject({ position: 1, total: 4, previousArn: null, nextArn: second.arn, decision: null });
    expect(item.detail?.agent.arn).toBe(first.arn);
    expect(item.evidenceHash).toBe(createHash('sha256').update(canonicalJson(item.evidence)).digest('hex'));
    expect(item.changes.previous).toBeNull();
    // The same snapshot read again hashes the same.
    expect((await call('reviews:agendaItem', { id: meetingId, arn: first.arn })).evidenceHash).toBe(item.evidenceHash);

    expect(await callError('reviews:decide', { id: meetingId, arn: first.arn, decision: 'keep', deciders: ['Ana'], evidenceHash: 'f'.repeat(64) })).toMatch(/^conflict: What is known about .* changed since it was shown/);
    const kept = await call('reviews:decide', { id: meetingId, arn: first.arn, evidenceHash: item.evidenceHash, decision: 'keep_with_changes', note: 'fine, but trim it', deciders: ['Ana', 'Bo'], actionItems: [{ text: 'Drop unused S3 write', owner: 'Bo', dueDate: '2026-03-01' }] });
    expect(kept.decisions[0]).toMatchObject({ arn: first.arn, decision: 'keep_with_changes', evidenceHash: item.evidenceHash, deciders: ['Ana', 'Bo'] });
    expect(kept.decisions[0]?.actionItems[0]).toMatchObject({ text: 'Drop unused S3 write', owner: 'Bo', status: 'open', overdue: true });
    expect(kept.nextArn).toBe(second.arn);
    expect(registryOf(first.arn)).toMatchObject({ status: 'registered', last_review_at: TODAY, next_review_at: null, tier_confirmed: first.tier });
    expect(await callError('reviews:decide', { id: meetingId, arn: first.arn, decision: 'keep', deciders: ['Ana'] })).toMatch(/^conflict: .*already decided/);

    expect(await callError('reviews:decide', { id: meetingId, arn: second.arn, decision: 'retier', newTier: 1, deciders: ['Ana'] })).toMatch(/^invalid_input: .*reason/);
    await call('reviews:decide', { id: meetingId, arn: second.arn, decision: 'retier', newTier: 1, reason: 'it reads the customer database now', deciders: ['Ana'] });
    expect(registryOf(second.arn)).toMatchObject({ tier_override: 1, override_reason: 'it reads the customer database now', tier_confirmed: 1, last_review_at: TODAY });

    const entries = await audit();
    const decisions = entries.filter((e) => e.action === 'review.decision');
    expect(decisions.map((e) => [e.target, e.details['decision']]).sort()).toEqual(
      [
        [first.arn, 'keep_with_changes'],
        [second.arn, 'retier'],
      ].sort(),
    );
    expect(decisions.find((e) => e.target === first.arn)?.details['evidenceHash']).toBe(item.evidenceHash);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['review.plan', 'review.agenda', 'review.start', 'registry.tier_override', 'registry.update']));
    expect(events).toContain('reviews:changed');
    expect(events).toContain('registry:changed');
  }, 120_000);

  it('survives the app closing mid-meeting: reopened, it resumes at the first undecided agent with nothing lost', async () => {
    const before = await call('reviews:get', { id: meetingId });
    backend.close();
    backend = open();
    const after = await call('reviews:get', { id: meetingId });
    expect(after).toEqual(before);
    expect(after.status).toBe('in_progress');
    expect(after.decisions).toHaveLength(2);
    const resumed = await call('reviews:start', { id: meetingId });
    expect(resumed.nextArn).toBe(after.agenda[2]?.arn);
    expect(resumed.startedAt).toBe(before.startedAt);
    const third = after.agenda[2]?.arn ?? '';
    await call('reviews:decide', { id: meetingId, arn: third, decision: 'decommission', reason: 'replaced by the v2 pipeline', note: 'owner agreed', deciders: ['Bo'] });
    expect(registryOf(third)).toMatchObject({ status: 'decommissioned' });
    expect((await audit()).find((e) => e.action === 'registry.decommissioned' && e.target === third)?.details['reason']).toBe('replaced by the v2 pipeline');
  }, 120_000);

  it('ends with the agent not reached carried over, said so in the minutes, and taken by the next meeting', async () => {
    const ended = await call('reviews:end', { id: meetingId });
    const last = ended.agenda[3];
    expect(ended.status).toBe('held');
    expect(ended.carriedOver.map((e) => e.arn)).toEqual([last?.arn]);
    expect(await callError('reviews:decide', { id: meetingId, arn: last?.arn ?? '', decision: 'keep', deciders: ['Ana'] })).toMatch(/^conflict: .*has ended/);
    const minutes = await call('reviews:minutes', { id: meetingId });
    expect(minutes).toMatchObject({ title: 'March agent review', attendees: ['Ana', 'Bo'], status: 'held' });
    expect(minutes.agenda.map((e) => e.outcome)).toEqual(['keep_with_changes', 'retier', 'decommission', 'carried_over']);
    expect(minutes.actionItems.map((i) => i.text)).toEqual(['Drop unused S3 write']);
    expect(minutes.decisions.every((d) => /^[0-9a-f]{64}$/.test(d.evidenceHash))).toBe(true);

    const next = await call('reviews:plan', { title: 'April agent review', scheduledFor: '2026-03-04T10:00', timeZone: 'Europe/Berlin', attendees: [], tiers: [], accountIds: [] });
    const carried = next.agenda.find((e) => e.arn === last?.arn);
    expect(carried?.reason).toMatch(/^Carried over from “March agent review”/);
    // Decided agents are not due again; the decommissioned one is gone from every agenda.
    expect(next.agenda.map((e) => e.arn)).not.toContain(ended.agenda[2]?.arn);
    expect(next.agenda.map((e) => e.arn)).not.toContain(ended.agenda[0]?.arn);
    // Added by hand, the kept agent shows what changed since its decision: the review itself resolved
    // its review_overdue finding; nothing else moved.
    const withKept = await call('reviews:updateAgenda', { id: next.id, arns: [...next.agenda.map((e) => e.arn), ended.agenda[0]?.arn ?? ''] });
    await call('reviews:start', { id: withKept.id });
    const again = await call('reviews:agendaItem', { id: next.id, arn: ended.agenda[0]?.arn ?? '' });
    expect(again.changes.previous).toMatchObject({ meetingId, meetingTitle: 'March agent review', decision: 'keep_with_changes' });
    expect(again.changes).toMatchObject({ newFindings: [], newPermissions: [], newWorkloads: [], ownerChange: null, tierChange: null });
    expect(again.changes.resolvedFindings.map((f) => f.ruleId)).toEqual(['review_overdue']);
    expect(again.evidenceHash).not.toBe(ended.decisions[0]?.evidenceHash);
    expect((await call('audit:verify', {})).ok).toBe(true);
  }, 120_000);

  it('tracks action items afterwards: overdue flagged, done and reopened, each audited', async () => {
    const { items } = await call('reviews:actionItems', { status: 'open', arn: null });
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({ overdue: true, status: 'open', meetingId });
    const done = await call('reviews:updateActionItem', { id: item?.id ?? '', status: 'done' });
    expect(done).toMatchObject({ status: 'done', overdue: false, doneBy: 'tester' });
    expect((await call('reviews:actionItems', { status: 'open', arn: null })).items).toHaveLength(0);
    expect((await call('reviews:updateActionItem', { id: item?.id ?? '', status: 'open' })).status).toBe('open');
    const actions = (await audit()).map((e) => e.action);
    expect(actions).toContain('review.action_item_done');
    expect(actions).toContain('review.action_item_reopened');
    expect((await call('reviews:actionItems', { status: null, arn: item?.arn ?? null })).items.map((i) => i.id)).toEqual([item?.id]);
  }, 120_000);

  it('review_overdue follows the decisions and the cadence set in Settings', async () => {
    const overdueArns = async (): Promise<string[]> => (await call('findings:list', { scanId: null, accountId: null, severity: null, ruleId: 'review_overdue', status: null })).findings.map((f) => f.principalArn ?? '');
    const reviewedToday = arnAt(4);
    expect(await overdueArns()).not.toContain(reviewedToday);
    // The analysis judges at the scan's moment; the import was dated today, the agent reviewed last week.
    await call('settings:update', { reviewCadence: { tier1Days: 1, tier2Days: 1, tier3Days: 1 } });
    expect(await overdueArns()).toContain(reviewedToday);
    const due = await call('reviews:due', { by: null, tiers: [], accountIds: [] });
    expect(due.cadence).toEqual({ tier1Days: 1, tier2Days: 1, tier3Days: 1, set: true });
    expect(due.agents.map((a) => a.arn)).toContain(reviewedToday);
    await call('settings:update', { reviewCadence: null });
    expect(await overdueArns()).not.toContain(reviewedToday);
  }, 120_000);
});
