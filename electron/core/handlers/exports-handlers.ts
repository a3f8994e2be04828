/**
 * `exports:*`: the files security tools ingest, for the screens (Findings, Inventory, the Reports
 * screen's Exports panel), written by the CLI's own writers (exports/, shared/findings-export.ts,
 * shared/ocsf-export.ts) from the same answers the screens read (`findings:list`, `agents:list`).
 */
import { channels, type ViewInfo } from '@shared/contract';
import { RULES } from '../analysis/rules';
import type { Handlers } from '../dispatch';
import { AppError } from '../errors';
import { findingsExportFile, inventoryCsvFile, inventoryJsonFile, pickRows } from '../exports/export-files';
import { listedAgents } from '../exports/inventory-rows';
import type { ServiceDeps } from './handler-deps';

export type ExportHandlers = Pick<Handlers, 'exports:inventory' | 'exports:findings'>;
/** The read answers an export is written from. */
export type ExportSources = Pick<Handlers, 'findings:list' | 'agents:list'>;

/** As the CLI says it (exit 1): an export of nothing is refused rather than saved as an empty file. */
function requireScans(view: ViewInfo): void {
  if (view.scans.length > 0) return;
  throw new AppError('not_found', `There is no completed scan${view.accountId === null ? '' : ` of account ${view.accountId}`} to export yet: run a scan or import files first.`);
}

export function createExportHandlers(deps: ServiceDeps, sources: ExportSources): ExportHandlers {
  return {
    'exports:inventory': async ({ scanId, accountId, format, only }) => {
      // Through the contract's schema, as the dispatcher hands it to the CLI: the JSON's keys in its order.
      const inventory = channels['agents:list'].output.parse(await sources['agents:list']({ scanId, accountId }));
      requireScans(inventory.view);
      if (format === 'json') return inventoryJsonFile(inventory.view, pickRows(inventory.agents, (row) => row.arn, only), deps.clock());
      // The CSV reads the stored agents (credentials included): the listing may have answered from a
      // first view while the analysis was being stored, so wait for each scan's commit first.
      const workspace = deps.workspaces.current();
      for (const scan of inventory.view.scans) await deps.analysis.ensure(workspace, scan.id);
      const stored = listedAgents(workspace.read, inventory.view.scans.map((scan) => scan.id));
      return inventoryCsvFile(inventory.view, pickRows(stored, (agent) => agent.arn, only), deps.clock());
    },
    'exports:findings': async ({ scanId, accountId, format, only }) => {
      const reply = await sources['findings:list']({ scanId, accountId, severity: null, ruleId: null, status: null });
      requireScans(reply.view);
      // A screen's rows may be the findings resolved since the previous scan (its Resolved tab).
      const current = new Set(reply.findings.map((finding) => finding.fingerprint));
      const rows = only === null ? reply.findings : pickRows([...reply.findings, ...reply.resolvedSinceLastScan.filter((f) => !current.has(f.fingerprint))], (f) => f.fingerprint, only);
      // Owner and tier ride on OCSF's resources: the inventory of the same view, as the CLI reads it.
      const agents = format === 'ocsf' || format === 'ocsf-jsonl' ? (await sources['agents:list']({ scanId, accountId })).agents : [];
      return findingsExportFile(format, reply.view.scans, rows, {
        tool: { name: deps.appInfo.name, version: deps.appInfo.version },
        now: deps.clock(),
        catalogue: RULES,
        agents: new Map(agents.map((a) => [a.arn, { name: a.name, owner: a.owner, tier: a.tier }] as const)),
      });
    },
  };
}
