/**
 * A finding's texts and the first view (analysis-store.ts, first-view.ts): the first view carries no
 * evidence and no details' text (a summary shows neither: `findings:summaries`), so both are made by
 * the store alone, once each, after the first view is handed over; the first view's summaries equal
 * the stored rows' summaries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '@core/analysis/types';
import { ensureAnalysed } from '@core/analysis-store/analysis-store';
import { firstViewSummaries } from '@core/analysis-store/first-view';
import { toFindingSummary } from '@core/db/repositories/findings';
import type { FirstView } from '@core/analysis-store/first-view';
import { listScanFindings } from '@core/governance/finding-lifecycle-service';
import { addScan, fakeAnalysis, fakeFinding, tempWorkspace } from '../governance/analysis-fixtures';

const T1 = '2026-01-01T00:00:00.000Z';
const ARNS = Array.from({ length: 5 }, (_, i) => `arn:aws:iam::123456789012:role/agent-${i}`);

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/**
 * Findings whose evidence counts how often it is written as JSON (JSON.stringify calls toJSON), and
 * whose fix (in the details) counts into `detailsWritten`.
 */
function countedFindings(): { findings: Finding[]; written: Map<string, number>; detailsWritten: { count: number } } {
  const written = new Map<string, number>();
  const detailsWritten = { count: 0 };
  const findings = ARNS.map((arn) => {
    const finding = fakeFinding('identity_unused', arn);
    const evidence = { why: `unused: ${arn}` };
    Object.defineProperty(evidence, 'toJSON', {
      enumerable: false,
      value: () => {
        written.set(arn, (written.get(arn) ?? 0) + 1);
        return { why: `unused: ${arn}` };
      },
    });
    const fix = { ...finding.fix };
    Object.defineProperty(fix, 'toJSON', {
      enumerable: false,
      value: () => {
        detailsWritten.count += 1;
        return { ...finding.fix };
      },
    });
    return { ...finding, evidence, fix };
  });
  // A repeated fingerprint (the store keeps the first): its texts are made by the store alone.
  const first = findings[0];
  if (first === undefined) throw new Error('no findings');
  return { findings: [...findings, { ...first, evidence: { why: 'a repeat' } }], written, detailsWritten };
}

describe('a finding’s texts and the first view', () => {
  it('are made by the store alone, once each, after the first view is handed over', () => {
    const made = tempWorkspace(() => new Date(T1));
    cleanup = made.cleanup;
    const { workspace } = made;
    const { findings, written, detailsWritten } = countedFindings();
    const { analyze } = fakeAnalysis({ [T1]: { findings } });
    addScan(workspace, 's1', T1);
    let view: FirstView | null = null;
    let detailsBeforeView = -1;
    let evidenceBeforeView = -1;
    const scan = ensureAnalysed(workspace.write, 's1', {
      analyze,
      clock: () => new Date(T1),
      onFirstView: (made) => {
        detailsBeforeView = detailsWritten.count;
        evidenceBeforeView = [...written.values()].reduce((sum, n) => sum + n, 0);
        // What crosses from the worker is a structured clone.
        view = structuredClone(made);
      },
    });
    if (view === null) throw new Error('no first view');
    const firstView: FirstView = view;
    // None before the first view was handed over; the store made each once after (the repeated
    // fingerprint's details too: the store writes its texts, then keeps the first row).
    expect(evidenceBeforeView).toBe(0);
    expect(detailsBeforeView).toBe(0);
    expect([...written.values()]).toEqual(ARNS.map(() => 1));
    expect(detailsWritten.count).toBe(findings.length);
    const stored = listScanFindings(workspace.read, scan, { severity: null, ruleId: null, status: null }, new Date(T1));
    expect(stored.map((row) => row.evidence)).toEqual(ARNS.map((arn) => ({ why: `unused: ${arn}` })));
    expect(firstViewSummaries(firstView, { severity: null, ruleId: null, status: null })).toStrictEqual(stored.map(toFindingSummary));
  });

  it('are made by the store when there is no first view', () => {
    const made = tempWorkspace(() => new Date(T1));
    cleanup = made.cleanup;
    const { workspace } = made;
    const { findings, written } = countedFindings();
    const { analyze } = fakeAnalysis({ [T1]: { findings } });
    addScan(workspace, 's1', T1);
    const scan = ensureAnalysed(workspace.write, 's1', { analyze, clock: () => new Date(T1) });
    expect([...written.values()]).toEqual(ARNS.map(() => 1));
    const stored = listScanFindings(workspace.read, scan, { severity: null, ruleId: null, status: null }, new Date(T1));
    expect(stored.map((row) => row.evidence)).toEqual(ARNS.map((arn) => ({ why: `unused: ${arn}` })));
  });
});
