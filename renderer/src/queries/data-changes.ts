import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Job } from '@shared/contract';
import { appKeys, workspaceKeys } from '../app/queries';
import { auditKeys } from '../screens/audit/queries';
import { connectionKeys } from '../screens/connections/queries';
import { findingKeys } from '../screens/findings/queries';
import { agentKeys } from '../screens/inventory/queries';
import { overviewKeys } from '../screens/overview/queries';
import { planKeys } from '../screens/plan/queries';
import { policyKeys } from '../screens/policies/queries';
import { reviewKeys } from '../screens/reviews/queries';
import { changeKeys, scanKeys } from '../screens/scans/queries';
import { settingsKeys } from '../screens/settings/queries';

/** What a committed change can touch: one name per data-changed event of the contract. */
export type DataChange = 'scan-finished' | 'analysis-stored' | 'registry' | 'findings' | 'policies' | 'settings' | 'connections' | 'plan' | 'reviews';

/**
 * Which cached answers each change makes stale. The analysis reads the registry, the triage
 * decisions, the team's policies, the thresholds and the known accounts (declared in settings, or
 * those of the connections' tests), so a change to any of them changes the agents, their findings
 * and the policies' evaluations; every human change is also a new audit entry. A stored analysis
 * changes what is shown without analysing (the scan history's totals, the policies' evaluations, the
 * Overview's per-scan metrics record);
 * the reads that analyse answer after it anyway. The 30-day plan's measured tasks read that same
 * current state, so it goes stale with it; a plan change (start, claim, skip, owner…) touches only the
 * plan, the Overview's plan card and the audit log. What a scan changed (`changes:get`) compares two analysed
 * scans, so it goes stale with them. Which agents are due for review follows their tier,
 * registry and findings, so the reviews go stale with the analysed state too; a review change (a decision:
 * tier override, decommissioning, review dates) changes the registry, so everything analysed with it.
 */
const ANALYSED: readonly QueryKey[] = [changeKeys.all, agentKeys.all, findingKeys.all, policyKeys.all, overviewKeys.all, planKeys.all, reviewKeys.all];
export const INVALIDATES: Readonly<Record<DataChange, readonly QueryKey[]>> = {
  'scan-finished': [scanKeys.all, ...ANALYSED, connectionKeys.list()],
  'analysis-stored': [scanKeys.all, policyKeys.all, overviewKeys.all, planKeys.all],
  registry: [...ANALYSED, auditKeys.all],
  findings: [...ANALYSED, auditKeys.all],
  policies: [...ANALYSED, auditKeys.all],
  settings: [settingsKeys.all, ...ANALYSED, auditKeys.all],
  connections: [connectionKeys.list(), ...ANALYSED],
  plan: [planKeys.all, overviewKeys.all, auditKeys.all],
  reviews: [...ANALYSED, auditKeys.all],
};

/**
 * What a finished job changed: a scan, an import or the demo wrote data; a printed report (`reports:print`
 * runs as a job for its progress) wrote nothing, so it refetches nothing (on a large workspace that
 * would rebuild the Overview, the findings and the report's own preview for no change).
 */
export function changeOfJob(job: Pick<Job, 'kind'>): DataChange | null {
  return job.kind === 'report' ? null : 'scan-finished';
}

/** Marks what the change touched as stale: what is on screen is fetched again now, the rest when next shown. */
export function invalidateAfter(client: QueryClient, change: DataChange): Promise<void> {
  return Promise.all(INVALIDATES[change].map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => undefined);
}

/**
 * Another workspace is open: everything cached belongs to the old one. The workspace's own details
 * are fetched again (kept on screen meanwhile, so the shell does not flicker); everything else is
 * dropped back to loading, so no screen shows the old workspace's data under the new one's name.
 */
export function workspaceChanged(client: QueryClient): Promise<void> {
  const keep = (key: QueryKey): boolean => key[0] === workspaceKeys.all[0] || key[0] === appKeys.all[0] || key[0] === connectionKeys.profiles()[0];
  return Promise.all([
    client.invalidateQueries({ queryKey: workspaceKeys.all }),
    client.resetQueries({ predicate: (query) => !keep(query.queryKey) }),
  ]).then(() => undefined);
}
