/** The stored analysis at 10,000 agents: writing it once, then reads that stay fast. */
import { afterEach, describe, expect, it } from 'vitest';
import { ensureAnalysed } from '@core/analysis-store/analysis-store';
import { listAgentRows } from '@core/db/repositories/agents';
import { listScanFindings } from '@core/governance/finding-lifecycle-service';
import { addScan, fakeAgent, fakeAnalysis, fakeFinding, tempWorkspace } from './analysis-fixtures';

const AT = '2026-01-01T00:00:00.000Z';
const AT2 = '2026-02-01T00:00:00.000Z';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the analysis store at 10,000 agents', () => {
  it('stores two scans, then lists agents and findings quickly', () => {
    const made = tempWorkspace(() => new Date(AT2));
    cleanup = made.cleanup;
    const arns = Array.from({ length: 10_000 }, (_, i) => `arn:aws:iam::123456789012:role/agent-${i}`);
    const agents = arns.map((arn) => fakeAgent(arn, { aiSignals: [{ signal: 'ai-tag', source: arn, detail: 'tag ai=true' }], ai: true }));
    const findings = arns.flatMap((arn) => [fakeFinding('agent_missing_owner', arn, 'medium'), fakeFinding('identity_unused', arn, 'low')]);
    const { analyze } = fakeAnalysis({ [AT]: { agents, findings }, [AT2]: { agents, findings: findings.slice(1000) } });
    addScan(made.workspace, 's1', AT);
    addScan(made.workspace, 's2', AT2);
    const started = performance.now();
    const scan = ensureAnalysed(made.workspace.write, 's2', { analyze, clock: () => new Date(AT2) });
    const stored = performance.now() - started;

    const readStart = performance.now();
    ensureAnalysed(made.workspace.write, 's2', { analyze, clock: () => new Date(AT2) });
    const rows = listAgentRows(made.workspace.read, 's2');
    const agentsRead = performance.now() - readStart;
    const findingsStart = performance.now();
    const listed = listScanFindings(made.workspace.read, scan, { severity: null, ruleId: null, status: null }, new Date(AT2));
    const findingsRead = performance.now() - findingsStart;
    console.log(`store 2 scans: ${stored.toFixed(0)} ms; agents:list read: ${agentsRead.toFixed(0)} ms; findings read: ${findingsRead.toFixed(0)} ms`);
    expect(rows).toHaveLength(10_000);
    expect(listed).toHaveLength(19_000);
    // Generous bounds for a loaded CI machine; the figures are printed above.
    expect(agentsRead).toBeLessThan(1000);
    expect(findingsRead).toBeLessThan(2000);
  }, 60_000);
});
