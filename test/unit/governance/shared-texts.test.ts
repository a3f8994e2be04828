/** The stored analysis keeps each distinct JSON text once across scans, and forgets texts nothing refers to. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceAccess } from '@core/analysis/types';
import { ensureAnalysed } from '@core/analysis-store/analysis-store';
import { getAgentData, iterateAgentData } from '@core/db/repositories/agents';
import { storeText, textHash } from '@core/db/repositories/analysis-texts';
import { listScanFindings, resolvedSince } from '@core/governance/finding-lifecycle-service';
import type { Workspace } from '@core/db/open-workspace';
import { sql } from '@core/db/sql';
import { addScan, fakeAgent, fakeAnalysis, fakeFinding, tempWorkspace } from './analysis-fixtures';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const ARNS = Array.from({ length: 20 }, (_, i) => `arn:aws:iam::123456789012:role/agent-${i}`);
const PERMISSIONS: ServiceAccess[] = [
  {
    service: 's3',
    levels: { List: { allowed: 10, total: 10 }, Read: { allowed: 40, total: 60 }, Write: { allowed: 0, total: 70 }, 'Permissions management': { allowed: 0, total: 20 }, Tagging: { allowed: 2, total: 12 } },
    anyResource: true,
  },
];
const NO_FILTER = { severity: null, ruleId: null, status: null };

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setUp(): Workspace {
  const made = tempWorkspace(() => new Date(T2));
  cleanup = made.cleanup;
  return made.workspace;
}

const count = (workspace: Workspace, table: string): number => Number(workspace.read.value(sql`SELECT count(*) FROM ${sql.id(table)}`));

describe('shared analysis texts', () => {
  it('lists findings most severe first, then by rule and resource, with each row’s own texts', () => {
    const workspace = setUp();
    const severities = ['low', 'critical', 'medium', 'info', 'high'] as const;
    const rules = ['identity_unused', 'agent_missing_owner', 'static_access_key'];
    // Written in an order unlike the listing's, so the listing's order is its own.
    const findings = ARNS.flatMap((arn, i) => rules.map((rule, r) => fakeFinding(rule, arn, severities[(i + r) % severities.length])));
    const { analyze } = fakeAnalysis({ [T1]: { agents: ARNS.map((arn) => fakeAgent(arn)), findings } });
    addScan(workspace, 's1', T1);
    const scan = ensureAnalysed(workspace.write, 's1', { analyze, clock: () => new Date(T2) });
    const rank = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
    const expected = [...findings].sort(
      (a, b) => rank[a.severity] - rank[b.severity] || a.ruleId.localeCompare(b.ruleId) || a.resourceArn.localeCompare(b.resourceArn),
    );
    const listed = listScanFindings(workspace.read, scan, NO_FILTER, new Date(T2));
    expect(listed.map((f) => f.fingerprint)).toEqual(expected.map((f) => f.fingerprint));
    // Each row carries its own texts (the fix names its resource), not a neighbour's.
    for (const row of listed) expect(row.fix.text).toBe(`aws iam do-something --arn ${row.resourceArn}`);
    const high = listScanFindings(workspace.read, scan, { ...NO_FILTER, severity: 'high' }, new Date(T2));
    expect(high.map((f) => f.fingerprint)).toEqual(expected.filter((f) => f.severity === 'high').map((f) => f.fingerprint));
  });

  it('stores an unchanged second scan without storing its texts again, and reads both scans whole', () => {
    const workspace = setUp();
    const agents = ARNS.map((arn) => fakeAgent(arn, { permissions: PERMISSIONS }));
    const findings = ARNS.map((arn) => fakeFinding('identity_unused', arn, 'low'));
    const { analyze } = fakeAnalysis({ [T1]: { agents, findings }, [T2]: { agents, findings } });
    addScan(workspace, 's1', T1);
    addScan(workspace, 's2', T2);

    ensureAnalysed(workspace.write, 's1', { analyze, clock: () => new Date(T2) });
    const afterFirst = count(workspace, 'analysis_texts');
    // Per finding its details (each fix names its role); one evidence text and one permissions text
    // shared by all (they are equal); per agent its data.
    expect(afterFirst).toBe(findings.length + 1 + agents.length + 1);
    const scan2 = ensureAnalysed(workspace.write, 's2', { analyze, clock: () => new Date(T2) });
    expect(count(workspace, 'analysis_texts')).toBe(afterFirst);
    expect(count(workspace, 'findings')).toBe(2 * findings.length);

    const listed = listScanFindings(workspace.read, scan2, NO_FILTER, new Date(T2));
    expect(listed).toHaveLength(findings.length);
    expect(listed[0]).toMatchObject({ evidence: { why: 'because' }, remediation: 'Fix it.', frameworks: ['NHI7'], explanation: 'It matters.' });
    expect(listed[0]?.fix.text).toMatch(/^aws iam do-something --arn arn:aws:iam::123456789012:role\/agent-/);
    const agent = getAgentData(workspace.read, 's2', ARNS[3] ?? '');
    expect(agent).toMatchObject({ arn: ARNS[3], name: 'agent-3' });
    expect(agent?.['permissions']).toEqual(PERMISSIONS);
    expect([...iterateAgentData(workspace.read, 's1')]).toHaveLength(agents.length);
  });

  it('deletes the texts a replaced analysis no longer uses, and keeps those another scan still uses', () => {
    const workspace = setUp();
    const findings = ARNS.map((arn) => fakeFinding('identity_unused', arn, 'low'));
    const first = fakeAnalysis({ [T1]: { findings }, [T2]: { findings } });
    addScan(workspace, 's1', T1);
    addScan(workspace, 's2', T2);
    ensureAnalysed(workspace.write, 's2', { analyze: first.analyze, clock: () => new Date(T2) });
    const shared = count(workspace, 'analysis_texts');

    // What the analysis depends on changes: both scans are analysed again, now with other evidence for s2 only.
    const changed = findings.map((finding) => ({ ...finding, evidence: { why: 'another reason' } }));
    const second = fakeAnalysis({ [T1]: { findings }, [T2]: { findings: changed } });
    workspace.write.run(sql`UPDATE scans SET analysis_inputs = 'stale'`);
    const scan2 = ensureAnalysed(workspace.write, 's2', { analyze: second.analyze, clock: () => new Date(T2) });
    // s1's texts stay (s1 uses them), s2's new evidence is one more text: no orphan left behind.
    expect(count(workspace, 'analysis_texts')).toBe(shared + 1);
    const unused = workspace.read.value(sql`
      SELECT count(*) FROM analysis_texts WHERE hash NOT IN (
        SELECT evidence_ref FROM findings UNION SELECT details_ref FROM findings
        UNION SELECT data_ref FROM agents WHERE data_ref IS NOT NULL UNION SELECT permissions_ref FROM agents WHERE permissions_ref IS NOT NULL)`);
    expect(unused).toBe(0);
    expect(listScanFindings(workspace.read, scan2, NO_FILTER, new Date(T2))[0]?.evidence).toEqual({ why: 'another reason' });

    // s2 loses every finding: s1's texts are still there for s1, and nothing else is.
    const third = fakeAnalysis({ [T1]: { findings }, [T2]: { findings: [] } });
    workspace.write.run(sql`UPDATE scans SET analysis_inputs = 'stale' WHERE id = 's2'`);
    const again = ensureAnalysed(workspace.write, 's2', { analyze: third.analyze, clock: () => new Date(T2) });
    expect(count(workspace, 'analysis_texts')).toBe(shared);
    expect(resolvedSince(workspace.read, again, { id: 's1', accountId: again.accountId, startedAt: T1 }, NO_FILTER)).toHaveLength(findings.length);
  });

  it('still reads findings and agents stored inline by an older version', () => {
    const workspace = setUp();
    addScan(workspace, 's1', T1);
    const { analyze } = fakeAnalysis({ [T1]: { agents: [fakeAgent(ARNS[0] ?? '')], findings: [fakeFinding('identity_unused', ARNS[0] ?? '', 'low')] } });
    const scan = ensureAnalysed(workspace.write, 's1', { analyze, clock: () => new Date(T2) });
    // Rewrite the rows as schema 3 stored them: JSON inline, no references.
    workspace.write.run(sql`
      UPDATE findings SET evidence = (SELECT body FROM analysis_texts WHERE hash = evidence_ref),
                          details = (SELECT body FROM analysis_texts WHERE hash = details_ref), evidence_ref = NULL, details_ref = NULL`);
    workspace.write.run(sql`
      UPDATE agents SET data = json_set((SELECT body FROM analysis_texts WHERE hash = data_ref), '$.permissions',
                                        json((SELECT body FROM analysis_texts WHERE hash = permissions_ref))), data_ref = NULL, permissions_ref = NULL`);
    workspace.write.run(sql`DELETE FROM analysis_texts`);
    expect(listScanFindings(workspace.read, scan, NO_FILTER, new Date(T2))[0]).toMatchObject({ evidence: { why: 'because' }, remediation: 'Fix it.' });
    expect(getAgentData(workspace.read, 's1', ARNS[0] ?? '')).toMatchObject({ arn: ARNS[0], permissions: [] });
  });

  it('stores a text once whichever way it is asked for: expected there (looked up first) or not', () => {
    const workspace = setUp();
    const db = workspace.write;
    const before = count(workspace, 'analysis_texts');
    const ref = db.transaction((tx) => storeText(tx, '{"seen":"first"}', { likelyStored: true }));
    expect(ref).toBe(textHash('{"seen":"first"}'));
    expect(count(workspace, 'analysis_texts')).toBe(before + 1);
    expect(db.transaction((tx) => storeText(tx, '{"seen":"first"}'))).toBe(ref);
    expect(db.transaction((tx) => storeText(tx, '{"seen":"first"}', { likelyStored: true }))).toBe(ref);
    expect(db.transaction((tx) => storeText(tx, '{"seen":"second"}'))).toBe(textHash('{"seen":"second"}'));
    expect(count(workspace, 'analysis_texts')).toBe(before + 2);
    expect(workspace.read.value(sql`SELECT body FROM analysis_texts WHERE hash = ${ref}`)).toBe('{"seen":"first"}');
    // Either way, what is not JSON is refused by the table, never stored.
    expect(() => db.transaction((tx) => storeText(tx, 'not json', { likelyStored: true }))).toThrow();
  });

  it('a re-analysis (its texts expected there, looked up first) stores the same rows and no new texts', () => {
    const workspace = setUp();
    const agents = ARNS.map((arn) => fakeAgent(arn, { permissions: PERMISSIONS }));
    const findings = ARNS.map((arn) => fakeFinding('identity_unused', arn, 'low'));
    const { analyze, inputs } = fakeAnalysis({ [T1]: { agents, findings } });
    addScan(workspace, 's1', T1);
    ensureAnalysed(workspace.write, 's1', { analyze, clock: () => new Date(T2) });
    const stored = (): unknown => ({
      agents: workspace.read.all(sql`SELECT arn, row, data_ref, permissions_ref FROM agents WHERE scan_id = 's1' ORDER BY arn`),
      findings: workspace.read.all(sql`SELECT fingerprint, status, evidence_ref, details_ref FROM findings WHERE scan_id = 's1' ORDER BY fingerprint`),
    });
    const first = stored();
    const texts = count(workspace, 'analysis_texts');
    // Its inputs changed (a stale stamp): analysed again, the same result.
    workspace.write.run(sql`UPDATE scans SET analysis_inputs = 'stale' WHERE id = 's1'`);
    ensureAnalysed(workspace.write, 's1', { analyze, clock: () => new Date(T2) });
    expect(inputs).toHaveLength(2);
    expect(stored()).toEqual(first);
    expect(count(workspace, 'analysis_texts')).toBe(texts);
  });

  it('names a text by 22 characters of its SHA-256, the same for the same text', () => {
    expect(textHash('{"a":1}')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Stored references must not change between versions (texts are shared across scans by them):
    // base64url of the first 16 bytes of SHA-256 over UTF-8, computed apart (Python hashlib).
    expect(textHash('{"a":1}')).toBe('AVq9f1zFei3ZS3WQ8ErYCA');
    expect(textHash('{"name":"r\u00f4le-\u202e-\u{1F600}"}')).toBe('FShXwd1nYs3k2fZbk1NSeA');
    expect(textHash('')).toBe('47DEQpj8HBSa-_TImW-5JA');
    expect(textHash('{"a":1}')).toBe(textHash('{"a":1}'));
    expect(textHash('{"a":1}')).not.toBe(textHash('{"a":2}'));
  });
});
