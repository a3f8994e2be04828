/**
 * Every Overview figure opens a screen address (`filter.query`); the Inventory and Findings screens
 * parse it (their own `viewFromQuery`) and filter the rows they fetch (their own filter functions).
 * On the demo workspace, for all accounts and for each account, the parsed view says the same as the
 * figure's `match`, and the screen shows exactly the figure's count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput, type Overview, type OverviewFilter } from '@shared/contract';
import { countFilter, tierLookup } from '@shared/overview-filters';
import { createBackend, type Backend } from '@core/backend';
import * as findingsModel from '../../../renderer/src/screens/findings/findings-model';
import * as inventoryModel from '../../../renderer/src/screens/inventory/inventory-model';

let dir: string;
let backend: Backend;

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

function figures(overview: Overview): { what: string; value: number; filter: OverviewFilter }[] {
  return [
    ...overview.kpis.map((k) => ({ what: k.id, value: k.value, filter: k.filter })),
    ...overview.series.tiers.map((p) => ({ what: `tier ${p.key}`, value: p.value, filter: p.filter })),
    ...overview.series.findingsByStep.map((p) => ({ what: `step ${p.key}`, value: p.value, filter: p.filter })),
    ...overview.series.findingsBySeverityTier.flatMap((t) => t.counts.map((p) => ({ what: `tier ${t.tier} ${p.key}`, value: p.value, filter: p.filter }))),
    ...overview.series.keyAges.map((p) => ({ what: `oldest key ${p.key}`, value: p.value, filter: p.filter })),
    { what: 'AI agents with an owner', value: overview.series.ownership.aiAgentsOwned, filter: overview.series.ownership.filters.aiAgentsOwned },
    { what: 'AI agents without an owner', value: overview.series.ownership.aiAgents - overview.series.ownership.aiAgentsOwned, filter: overview.series.ownership.filters.aiAgentsWithoutOwner },
    { what: 'identities with an owner', value: overview.series.ownership.identitiesOwned, filter: overview.series.ownership.filters.identitiesOwned },
    { what: 'identities without an owner', value: overview.series.ownership.identities - overview.series.ownership.identitiesOwned, filter: overview.series.ownership.filters.identitiesWithoutOwner },
    // Trend dates that open Findings (a scan's past view, or the current findings); older dates of several accounts open Scans.
    ...overview.series.trend.flatMap((p) => (p.opens.screen === 'findings' ? [{ what: `trend ${p.date}`, value: p.open, filter: { screen: 'findings' as const, query: p.opens.query, match: p.opens.match } }] : [])),
  ];
}

/** What the screen the figure opens shows, fetched and filtered as that screen does. */
async function screenCount(filter: OverviewFilter): Promise<{ count: number; sameMatch: boolean }> {
  const query = new URLSearchParams(filter.query);
  if (filter.screen === 'inventory') {
    const view = inventoryModel.viewFromQuery(query);
    // The inventory fetches every account's current state and narrows to `?account=` itself.
    const { agents } = await call('agents:list', { scanId: null, accountId: null });
    const shown = inventoryModel.filterAgents(inventoryModel.indexAgents(agents), view);
    return { count: shown.length, sameMatch: JSON.stringify(inventoryModel.matchOfView(view)) === JSON.stringify(filter.match) };
  }
  const view = findingsModel.viewFromQuery(query);
  const choice = { scanId: view.scan, accountId: view.account };
  const { findings, resolvedSinceLastScan } = await call('findings:summaries', { ...choice, severity: null, ruleId: null, status: null });
  const { agents } = await call('agents:list', choice);
  const shown = findingsModel.filterFindings(view.resolvedSince ? resolvedSinceLastScan : findings, view, undefined, tierLookup(agents));
  const canonical = (match: object): string => JSON.stringify(Object.fromEntries(Object.entries(match).sort(([a], [b]) => a.localeCompare(b))));
  return { count: shown.length, sameMatch: canonical(findingsModel.matchOfView(view)) === canonical(filter.match) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-overview-screens-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    demoWorkspacePath: join(dir, 'app-data', 'demo.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => new Date(),
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

describe('the screens an Overview figure opens, on the demo workspace', () => {
  it('parse every figure query into its match and show exactly its count, for all accounts and each account', async () => {
    const all = await call('overview:get', { accountId: null });
    const scopes = [null, ...all.scope.accounts.map((account) => account.accountId)];
    let checked = 0;
    let nonZero = 0;
    for (const accountId of scopes) {
      const overview = accountId === null ? all : await call('overview:get', { accountId });
      const { agents } = await call('agents:list', { scanId: null, accountId });
      const { findings, resolvedSinceLastScan } = await call('findings:list', { scanId: null, accountId, severity: null, ruleId: null, status: null });
      for (const figure of figures(overview)) {
        const screen = await screenCount(figure.filter);
        expect({ scope: accountId, what: figure.what, query: figure.filter.query, ...screen }).toEqual({ scope: accountId, what: figure.what, query: figure.filter.query, count: figure.value, sameMatch: true });
        // A past scan's trend date is counted in that scan's list (screenCount above), not the current one.
        if (!figure.filter.query.includes('scan=')) expect(countFilter(figure.filter, { agents, findings, resolvedSinceLastScan })).toBe(figure.value);
        checked += 1;
        if (figure.value > 0) nonZero += 1;
      }
    }
    // The demo exercises the filters: most figures count something.
    expect(checked).toBeGreaterThan(50);
    expect(nonZero).toBeGreaterThan(15);
  }, 120_000);
});
