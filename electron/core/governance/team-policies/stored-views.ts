/**
 * Agent views of a stored (analysed) scan, for trying a policy without running the analysis again:
 * built from the stored analysed agents, the registry and the scan's other findings, with ages at the
 * scan's moment — the same inputs, the same way, as the analysis builds them (a test holds the two
 * paths to the same verdicts).
 */
import { governancePolicyViolation } from '../../analysis/rules/governance-policy-violation';
import { iterateAgentData } from '../../db/repositories/agents';
import { registryForAnalysis } from '../registry-service';
import type { ReadDb } from '../../db/handles';
import { sql } from '../../db/sql';
import { AppError } from '../../errors';
import { buildAgentView, isPolicySubject, type AgentView, type FindingCountsView } from '../../analysis/team-policies/agent-view';

const SEVERITY_KEYS: ReadonlySet<string> = new Set(['critical', 'high', 'medium', 'low', 'info']);

function emptyCounts(): FindingCountsView {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

/** The moment the analysis of the scan counts ages to: when it finished (else started). */
function scanMoment(db: ReadDb, scanId: string): Date {
  const row = db.get(sql`SELECT started_at, finished_at FROM scans WHERE id = ${scanId}`);
  if (row === undefined) throw new AppError('not_found', `There is no scan ${scanId} in this workspace.`);
  return new Date(String(row['finished_at'] ?? row['started_at']));
}

export function storedAgentViews(db: ReadDb, scanId: string): AgentView[] {
  return db.snapshot((snap) => {
    const now = scanMoment(snap, scanId);
    const registry = registryForAnalysis(snap);
    const counts = new Map<string, FindingCountsView>();
    const rows = snap.iterate(sql`
      SELECT principal_arn, severity, count(*) AS n FROM findings
      WHERE scan_id = ${scanId} AND principal_arn IS NOT NULL AND rule_id <> ${governancePolicyViolation.id}
      GROUP BY principal_arn, severity`);
    for (const row of rows) {
      const severity = String(row['severity']);
      if (!SEVERITY_KEYS.has(severity)) continue;
      const arn = String(row['principal_arn']);
      const record = counts.get(arn) ?? emptyCounts();
      record[severity as keyof FindingCountsView] += Number(row['n']);
      counts.set(arn, record);
    }
    const views: AgentView[] = [];
    for (const agent of iterateAgentData(snap, scanId)) {
      if (!isPolicySubject(agent)) continue;
      views.push(buildAgentView({ agent, findingCounts: counts.get(agent.arn) ?? emptyCounts(), registry: registry.get(agent.arn) ?? null, now }));
    }
    return views;
  });
}
