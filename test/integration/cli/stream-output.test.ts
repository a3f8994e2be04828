/**
 * Streamed CLI output (issue 8, item 4): the same text as the one-string output, written in chunks,
 * waiting for 'drain' when stdout is full.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { FindingRow, ScanSummary } from '@shared/contract';
import { toCsv } from '../../../electron/cli/csv-output';
import { findingsCommand, findingsSarif } from '../../../electron/cli/commands/findings';
import { FINDINGS_CSV_COLUMNS, findingCsvValues, findingsCsv, findingsJsonText } from '@shared/findings-export';
import type { CliBackend } from '../../../electron/cli/backend';
import { processWriter, type Writer } from '../../../electron/cli/output';
import { StreamedArray, outputSink, streamCsv, streamJson, type OutputSink, type WritableOut } from '../../../electron/cli/stream-output';

function capturing(): { io: Writer; text: () => string; chunks: string[] } {
  const chunks: string[] = [];
  return { io: { out: (t) => void chunks.push(t), err: () => undefined }, text: () => chunks.join(''), chunks };
}

/** A stdout that takes `capacity` characters, then says it is full until the test drains it. */
class SlowStdout extends EventEmitter implements WritableOut {
  readonly written: string[] = [];
  buffered = 0;
  maxBuffered = 0;
  fullReplies = 0;
  readonly isTTY = false;

  constructor(private readonly capacity: number) {
    super();
  }

  write(chunk: string): boolean {
    this.written.push(chunk);
    this.buffered += chunk.length;
    this.maxBuffered = Math.max(this.maxBuffered, this.buffered);
    const room = this.buffered < this.capacity;
    if (!room) this.fullReplies++;
    return room;
  }

  drainSoon(): void {
    setImmediate(() => {
      this.buffered = 0;
      this.emit('drain');
    });
  }
}

const SAMPLES: unknown[] = [
  { a: 1, b: [1, 2, { c: 'x\ny', d: [] }], e: {}, f: null, g: undefined, h: 'é "quoted" \u202e' },
  [],
  {},
  'text',
  42,
  [{ nested: [[], [{}], [1, [2, [3]]]] }],
];

async function streamed(value: unknown): Promise<string> {
  const { io, text } = capturing();
  const sink = outputSink(io);
  await streamJson(sink, value);
  await sink.end();
  return text();
}

describe('streamJson', () => {
  it('prints what JSON.stringify(value, null, 2) prints, for plain values and with streamed arrays anywhere', async () => {
    for (const sample of SAMPLES) {
      expect(await streamed(sample)).toBe(`${JSON.stringify(sample, null, 2)}\n`);
    }
    const items = Array.from({ length: 50 }, (_, i) => ({ i, name: `n${i}`, tags: i % 2 === 0 ? [] : ['a', { b: i }], gone: undefined }));
    const mapped = (item: (typeof items)[number]): unknown => ({ ...item, twice: item.i * 2 });
    const plain = { head: { x: [1, 2] }, runs: [{ tool: { rules: [{ id: 'r' }] }, results: items.map(mapped), after: { k: 'v' }, skip: undefined }], empty: [] };
    const lazy = { head: { x: [1, 2] }, runs: [{ tool: { rules: [{ id: 'r' }] }, results: new StreamedArray(items, mapped), after: { k: 'v' }, skip: undefined }], empty: new StreamedArray([], mapped) };
    expect(await streamed(lazy)).toBe(`${JSON.stringify(plain, null, 2)}\n`);
  });

  it('writes in chunks, not one string, and waits for drain when stdout is full', async () => {
    const stdout = new SlowStdout(100_000);
    const sink = outputSink(processWriter, stdout);
    const items = Array.from({ length: 5_000 }, (_, i) => ({ id: `finding-${i}`, text: 'x'.repeat(100) }));
    let waits = 0;
    const counting: OutputSink = {
      terminal: sink.terminal,
      end: () => sink.end(),
      write: async (text) => {
        const before = stdout.fullReplies;
        const done = sink.write(text);
        if (stdout.fullReplies > before) {
          waits++;
          stdout.drainSoon();
        }
        await done;
      },
    };
    await streamJson(counting, { findings: new StreamedArray(items, (item) => item) });
    await counting.end();
    expect(stdout.written.join('')).toBe(`${JSON.stringify({ findings: items }, null, 2)}\n`);
    expect(stdout.written.length).toBeGreaterThan(10);
    // Never more than one chunk (~64 KiB) beyond what stdout said it could take.
    expect(waits).toBeGreaterThan(0);
    expect(stdout.maxBuffered).toBeLessThan(100_000 + 70 * 1024);
    // Nothing left waiting; one lasting 'error' listener (for an EPIPE after the last write).
    expect(stdout.listenerCount('drain') + stdout.listenerCount('close')).toBe(0);
    expect(stdout.listenerCount('error')).toBe(1);
  });

  it('a stdout that fails while full rejects the write; a reader that went away (EPIPE) ends the output quietly', async () => {
    const stdout = new SlowStdout(10);
    const sink = outputSink(processWriter, stdout);
    const writing = sink.write('x'.repeat(70 * 1024));
    stdout.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    await expect(writing).rejects.toThrow('disk full');

    const piped = new SlowStdout(10);
    const head = outputSink(processWriter, piped);
    const first = head.write('x'.repeat(70 * 1024));
    piped.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await expect(first).resolves.toBeUndefined();
    const before = piped.written.length;
    await head.write('y'.repeat(70 * 1024));
    await head.end();
    expect(piped.written.length).toBe(before);
  });
});

describe('streamCsv', () => {
  it('prints what toCsv prints; to a terminal, values go through terminalSafe', async () => {
    const rows = [['a', 'b,c'], ['=1+2', 'line\nbreak'], ['\u001b]0;title\u0007', 3]];
    const { io, text } = capturing();
    const sink = outputSink(io);
    await streamCsv(sink, ['x', 'y'], rows, (row) => row);
    await sink.end();
    expect(text()).toBe(toCsv(['x', 'y'], rows));

    const tty = new SlowStdout(Number.POSITIVE_INFINITY);
    Object.defineProperty(tty, 'isTTY', { value: true });
    const terminal = outputSink(processWriter, tty);
    expect(terminal.terminal).toBe(true);
    await streamCsv(terminal, ['x', 'y'], rows, (row) => row);
    await terminal.end();
    expect(tty.written.join('')).not.toContain('\u001b');
  });
});

describe('warden findings output', () => {
  const scan: ScanSummary = {
    id: 'scan-1',
    source: 'import',
    label: 'authz.json',
    accountId: '111122223333',
    accountAlias: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:05.000Z',
    status: 'completed',
  } as ScanSummary;
  const finding = (i: number): FindingRow =>
    ({
      fingerprint: `fp-${i}`,
      scanId: scan.id,
      ruleId: i % 2 === 0 ? 'policy-full-admin' : 'not-in-catalogue',
      severity: i % 3 === 0 ? 'critical' : 'medium',
      step: 2,
      title: `Finding ${i}`,
      explanation: 'why',
      principalArn: `arn:aws:iam::111122223333:role/r${i}`,
      resourceArn: i % 4 === 0 ? `arn:aws:iam::111122223333:role/r${i}` : `arn:aws:lambda:us-east-1:111122223333:function:f${i}`,
      resourceId: null,
      accountId: '111122223333',
      region: null,
      evidence: { reason: `because ${i}`, list: [i] },
      remediation: 'fix it',
      fix: { kind: 'cli', text: `aws iam something 'r${i}'` },
      frameworks: ['OWASP-LLM08'],
      status: i === 3 ? 'accepted' : 'new',
      isNew: true,
      acceptance: i === 3 ? { until: '2026-02-01', reason: 'ok for now' } : null,
      firstSeenAt: '2026-01-01T00:00:00.000Z',
      lastSeenAt: '2026-01-01T00:00:00.000Z',
    }) as unknown as FindingRow;
  const findings = Array.from({ length: 300 }, (_, i) => finding(i));
  const backend = {
    dispatch: () => Promise.resolve({ ok: true, value: { view: { kind: 'current', scans: [scan], accountId: null, past: false, accounts: [] }, findings, resolvedSinceLastScan: [] } }),
    workspaces: { currentPath: () => '/tmp/x' },
  } as unknown as CliBackend;

  it('json, csv and sarif are byte for byte the one-string documents, written in several chunks', async () => {
    for (const [format, expected] of [
      ['json', findingsJsonText([scan], findings)],
      ['csv', findingsCsv(findings)],
      ['sarif', `${JSON.stringify(findingsSarif([scan], findings, []), null, 2)}\n`],
    ] as const) {
      const { io, text, chunks } = capturing();
      expect(await findingsCommand(backend, io, { scan: undefined, severity: null, ruleId: null, format, catalogue: [] })).toBe(0);
      expect(text(), format).toBe(expected);
      expect(chunks.length, format).toBeGreaterThan(1);
    }
    expect(toCsv(FINDINGS_CSV_COLUMNS, findings.map(findingCsvValues))).toBe(findingsCsv(findings));
  });
});
