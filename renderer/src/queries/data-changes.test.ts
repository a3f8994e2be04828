import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { appKeys, workspaceKeys } from '../app/queries';
import { auditKeys } from '../screens/audit/queries';
import { connectionKeys } from '../screens/connections/queries';
import { ALL_FINDINGS, findingKeys } from '../screens/findings/queries';
import { agentKeys } from '../screens/inventory/queries';
import { overviewKeys } from '../screens/overview/queries';
import { planKeys } from '../screens/plan/queries';
import { policyKeys } from '../screens/policies/queries';
import { reviewKeys } from '../screens/reviews/queries';
import { scanKeys } from '../screens/scans/queries';
import { settingsKeys } from '../screens/settings/queries';
import { changeOfJob, invalidateAfter, workspaceChanged, type DataChange } from './data-changes';

const KEYS: Record<string, QueryKey> = {
  agents: agentKeys.list(null),
  agent: agentKeys.detail('arn:aws:iam::111122223333:role/a', null),
  findings: findingKeys.list(ALL_FINDINGS),
  policies: policyKeys.list(),
  overview: overviewKeys.get(null),
  plan: planKeys.get(),
  reviews: reviewKeys.due(),
  meeting: reviewKeys.agendaItem('m1', 'arn:aws:iam::111122223333:role/a'),
  audit: auditKeys.firstPage(),
  scans: scanKeys.list(),
  scan: scanKeys.detail('s1'),
  settings: settingsKeys.all,
  connections: connectionKeys.list(),
  profiles: connectionKeys.profiles(),
  workspace: workspaceKeys.info(),
  app: appKeys.info(),
};

/** A cache holding every key, then the names of those the change made stale. */
async function staleAfter(change: DataChange): Promise<string[]> {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const key of Object.values(KEYS)) client.setQueryData(key, { loaded: true });
  await invalidateAfter(client, change);
  return Object.entries(KEYS)
    .filter(([, key]) => client.getQueryState(key)?.isInvalidated === true)
    .map(([name]) => name)
    .sort();
}

describe('what each data change invalidates', () => {
  it('a registry change: the analysed data (agents, one agent, findings, policies, the Overview, the plan, the reviews) and the audit log, nothing else', async () => {
    expect(await staleAfter('registry')).toEqual(['agent', 'agents', 'audit', 'findings', 'meeting', 'overview', 'plan', 'policies', 'reviews']);
  });

  it('a triage decision and a policy change: the same', async () => {
    expect(await staleAfter('findings')).toEqual(['agent', 'agents', 'audit', 'findings', 'meeting', 'overview', 'plan', 'policies', 'reviews']);
    expect(await staleAfter('policies')).toEqual(['agent', 'agents', 'audit', 'findings', 'meeting', 'overview', 'plan', 'policies', 'reviews']);
  });

  it('settings: the settings too', async () => {
    expect(await staleAfter('settings')).toEqual(['agent', 'agents', 'audit', 'findings', 'meeting', 'overview', 'plan', 'policies', 'reviews', 'settings']);
  });

  it('connections: the list and the analysed data (a test adds a known account), not the AWS profiles', async () => {
    expect(await staleAfter('connections')).toEqual(['agent', 'agents', 'connections', 'findings', 'meeting', 'overview', 'plan', 'policies', 'reviews']);
  });

  it('a finished scan: the history, the analysed data (the plan and reviews included) and the connections', async () => {
    expect(await staleAfter('scan-finished')).toEqual(['agent', 'agents', 'connections', 'findings', 'meeting', 'overview', 'plan', 'policies', 'reviews', 'scan', 'scans']);
  });

  it('a stored analysis: the scan history, the policies, the Overview (its metrics record) and the plan only', async () => {
    expect(await staleAfter('analysis-stored')).toEqual(['overview', 'plan', 'policies', 'scan', 'scans']);
  });

  it('a plan change: the plan, the Overview (its plan card) and the audit log, nothing analysed', async () => {
    expect(await staleAfter('plan')).toEqual(['audit', 'overview', 'plan']);
  });

  it('a review change (a decision sets tiers, statuses and review dates): the reviews, everything analysed and the audit log', async () => {
    expect(await staleAfter('reviews')).toEqual(['agent', 'agents', 'audit', 'findings', 'meeting', 'overview', 'plan', 'policies', 'reviews']);
  });

  it('another workspace: everything of the old one is dropped; the workspace, app and profiles are kept (the workspace re-read)', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
    for (const key of Object.values(KEYS)) client.setQueryData(key, { loaded: true });
    await workspaceChanged(client);
    const kept = Object.entries(KEYS)
      .filter(([, key]) => client.getQueryData(key) !== undefined)
      .map(([name]) => name)
      .sort();
    expect(kept).toEqual(['app', 'profiles', 'workspace']);
    expect(client.getQueryState(KEYS['workspace'] ?? [])?.isInvalidated).toBe(true);
  });

  it('a finished scan, import or demo changed the data; a printed report changed nothing', () => {
    expect(changeOfJob({ kind: 'scan' })).toBe('scan-finished');
    expect(changeOfJob({ kind: 'import' })).toBe('scan-finished');
    expect(changeOfJob({ kind: 'demo' })).toBe('scan-finished');
    expect(changeOfJob({ kind: 'report' })).toBeNull();
  });
});
