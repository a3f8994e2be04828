/**
 * `warden reviews due|list|minutes` through runWarden as a shell calls it, over an import of the hostile
 * fixture (names with markup, control characters, BiDi overrides, newlines): the Markdown minutes keep
 * every name inert, the table is terminal-safe, JSON is the channels' answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingSchema, minutesSchema } from '@shared/contract';
import { runWarden } from '../../../electron/cli/warden';
import { createCliBackend } from '../../../electron/cli/backend';
import { FORGED, HOSTILE_ROLE_NAMES } from '../../fixtures/hostile/hostile-strings';

const HOSTILE = resolve(process.cwd(), 'test/fixtures/hostile');

let dir: string;
let env: NodeJS.ProcessEnv;
let meetingId = '';

async function warden(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runWarden(args, { env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, moduleDir: join(process.cwd(), 'electron/cli') });
  return { code, out, err };
}

async function call(backend: ReturnType<typeof createCliBackend>, channel: string, input: unknown): Promise<unknown> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-reviews-'));
  env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), HOME: dir, USER: 'tester' };
  const imported = await warden('import', '--authorization-details', join(HOSTILE, 'hostile-authorization-details.json'), '--credential-report', join(HOSTILE, 'hostile-credential-report.csv'));
  expect(imported.code, imported.err).toBe(0);
  // A meeting over the hostile agents, run through the channels as the app would.
  const backend = createCliBackend({ workspacePath: String(env['WARDEN_WORKSPACE']), env, transport: 'http', moduleDir: join(process.cwd(), 'electron/cli') });
  try {
    const { agents } = (await call(backend, 'agents:list', { scanId: null, accountId: null })) as { agents: { arn: string; name: string }[] };
    const hostile = agents.filter((a) => HOSTILE_ROLE_NAMES.includes(a.name));
    expect(hostile.length).toBeGreaterThan(10);
    await call(backend, 'registry:update', { arns: hostile.map((a) => a.arn), patch: { status: 'registered', owner: FORGED.ownerTag }, reason: null });
    await call(backend, 'registry:update', { arns: hostile.map((a) => a.arn), patch: { nextReviewAt: null }, reason: null });
    const meeting = meetingSchema.parse(await call(backend, 'reviews:plan', { title: 'Review # of <b>hostile</b>', scheduledFor: '2026-03-03T10:00', timeZone: 'UTC', attendees: ['Ana <ana@example.com>'] }));
    meetingId = meeting.id;
    expect(meeting.agenda.length).toBe(hostile.length);
    await call(backend, 'reviews:start', { id: meetingId });
    for (const [index, entry] of meeting.agenda.slice(0, 4).entries()) {
      await call(backend, 'reviews:decide', {
        id: meetingId,
        arn: entry.arn,
        decision: index === 0 ? 'keep_with_changes' : 'keep',
        note: `${FORGED.scriptName} | ${entry.name}`,
        deciders: ['Ana'],
        actionItems: index === 0 ? [{ text: `Fix ${FORGED.imgName}`, owner: '[Bo](http://evil.example)', dueDate: '2026-04-01' }] : [],
      });
    }
    await call(backend, 'reviews:end', { id: meetingId });
  } finally {
    backend.close();
  }
}, 180_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('warden reviews', () => {
  it('minutes as Markdown: every hostile name, note and owner escaped, nothing a renderer would turn into markup', async () => {
    const md = await warden('reviews', 'minutes', meetingId, '--format', 'md');
    expect(md.code, md.err).toBe(0);
    expect(md.out).toMatch(/^# Minutes: Review \\# of \\<b\\>hostile\\<\/b\\>\n/);
    for (const raw of ['\u001b', '\u202E', '\r']) expect(md.out).not.toContain(raw);
    expect(md.out).not.toMatch(/(^|[^\\])<(img|script|b)/);
    expect(md.out).not.toMatch(/(^|[^\\])\]\(/);
    // One heading per decision, and no name broke out into a heading or a row of its own.
    expect(md.out.match(/^#{1,3} /gm)).toHaveLength(1 + 4 + 4);
    expect(md.out).not.toMatch(/^FAKEROW/m);
    expect(md.out).not.toMatch(/^touch/m);
    expect(md.out).toContain('## Carried over to the next meeting');
    const json = await warden('reviews', 'minutes', meetingId, '--format', 'json');
    const minutes = minutesSchema.parse(JSON.parse(json.out));
    expect(minutes.decisions).toHaveLength(4);
    expect(minutes.actionItems[0]?.text).toBe(`Fix ${FORGED.imgName}`);
  }, 60_000);

  it('due as a terminal-safe table and as JSON; list as JSON; usage errors exit 2', async () => {
    const table = await warden('reviews', 'due', '--by', '2030-01-01');
    expect(table.code, table.err).toBe(0);
    expect(table.out).toContain('OPEN CRIT/HIGH');
    // No control character but our own line ends, no BiDi override.
    expect([...table.out].filter((ch) => (ch < ' ' && ch !== '\n') || ch === '\u202E')).toEqual([]);
    const json = JSON.parse((await warden('reviews', 'due', '--format', 'json')).out) as { agents: { name: string }[] };
    expect(json.agents.some((a) => a.name === FORGED.newlineName)).toBe(true);
    const list = JSON.parse((await warden('reviews', 'list', '--format', 'json')).out) as { meetings: unknown[] };
    expect(list.meetings.map((m) => meetingSchema.parse(m).id)).toEqual([meetingId]);
    expect((await warden('reviews', 'due', '--by', 'tomorrow')).code).toBe(2);
    expect((await warden('reviews', 'due', '--tier', '4')).code).toBe(2);
    expect((await warden('reviews', 'minutes', meetingId, '--format', 'pdf')).code).toBe(2);
    expect((await warden('reviews', 'minutes')).code).toBe(2);
    const missing = await warden('reviews', 'minutes', 'no-such-meeting');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('not_found');
    expect((await warden('--help')).out).toContain('reviews minutes ID [--format md|json]');
  }, 60_000);
});
