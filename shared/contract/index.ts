/**
 * The one typed contract between the UI and the back end, merged from one file per domain.
 *
 * Every channel is named `domain:verb` and has a zod input schema, a zod output schema, a one-line doc and
 * its access. Both transports (Electron IPC and loopback HTTP) carry exactly these channels; the back end
 * parses input and output with these schemas on its side of either transport.
 *
 * Where each channel prefix lives (schema file → handler module in electron/core):
 *   app:*          app.ts          → services.ts
 *   workspace:*    workspace.ts    → handlers/workspace-handlers.ts
 *   settings:*     settings.ts     → handlers/workspace-handlers.ts
 *   connections:*  connections.ts  → handlers/connections-handlers.ts
 *   scans:*        scans.ts        → handlers/scans-handlers.ts (also jobs, the shapes of the job:* events)
 *   import:*       import.ts       → handlers/import-handlers.ts
 *   agents:*       agents.ts       → handlers/agents-handlers.ts (the agent's one shape: analysis/agent-shape.ts)
 *   findings:*     findings.ts     → handlers/findings-handlers.ts
 *   registry:*     registry.ts     → handlers/registry-handlers.ts
 *   audit:*        audit.ts        → handlers/audit-handlers.ts
 *   policies:*     policies.ts     → handlers/policies-handlers.ts
 *   demo:*         demo.ts         → handlers/demo-handlers.ts
 *   changes:*      changes.ts      → handlers/changes-handlers.ts (the diff: governance/changes/)
 *   overview:*     overview.ts     → handlers/overview-handlers.ts
 *   plan:*         plan.ts         → handlers/plan-handlers.ts (criteria: governance/plan/)
 *   reviews:*      reviews.ts      → handlers/reviews-handlers.ts (rules: governance/reviews/)
 *   reports:*      reports.ts      → handlers/reports-handlers.ts (models and printing: reports/)
 *   exports:*      exports.ts      → handlers/exports-handlers.ts (the writers: exports/)
 *   events         events.ts       (every event, back end → UI)
 *   errors         envelope.ts     (error codes, the reply envelope)
 *   channel.ts: what a channel is; common.ts: schemas several domains read (the tier, which scan, dates).
 *
 * A new channel goes in the table of its prefix's file (its type refuses another prefix) and in the preload's
 * allowlist (electron/preload/bridge-protocol.ts, which fails to compile until it does); a new domain gets a
 * file, an `export *` and one spread in `channels` below. CHANNEL_NAMES (and so the IPC registration) follows
 * the order of the spreads, then of each table; nothing depends on that order, but it is kept as it was.
 */
import type { z } from 'zod';
import type { Envelope } from './envelope';
import type { ChannelDefinition } from './channel';
import type { EventName, EventPayload } from './events';
import { appChannels } from './app';
import { workspaceChannels } from './workspace';
import { settingsChannels } from './settings';
import { connectionsChannels } from './connections';
import { scansChannels } from './scans';
import { importChannels } from './import';
import { agentsChannels } from './agents';
import { findingsChannels } from './findings';
import { registryChannels } from './registry';
import { auditChannels } from './audit';
import { policiesChannels } from './policies';
import { demoChannels } from './demo';
import { changesChannels } from './changes';
import { overviewChannels } from './overview';
import { planChannels } from './plan';
import { reviewsChannels } from './reviews';
import { reportsChannels } from './reports';
import { exportsChannels } from './exports';

export * from './envelope';
export * from './events';
export * from './app';
export * from './workspace';
export * from './settings';
export * from './connections';
export * from './scans';
export * from './import';
export * from './agents';
export * from './findings';
export * from './registry';
export * from './audit';
export * from './policies';
export * from './demo';
export * from './changes';
export * from './overview';
export * from './plan';
export * from './reviews';
export * from './reports';
export * from './exports';
// By name: these two files also hold building blocks that are not part of the contract (channel(), empty, …).
export { CHANNEL_ACCESS, type ChannelAccess, type ChannelDefinition } from './channel';
export { tierSchema } from './common';

export const channels = {
  ...appChannels,
  ...workspaceChannels,
  ...settingsChannels,
  ...connectionsChannels,
  ...scansChannels,
  ...importChannels,
  ...agentsChannels,
  ...findingsChannels,
  ...registryChannels,
  ...auditChannels,
  ...policiesChannels,
  ...demoChannels,
  ...changesChannels,
  ...overviewChannels,
  ...planChannels,
  ...reviewsChannels,
  ...reportsChannels,
  ...exportsChannels,
} as const satisfies Record<string, ChannelDefinition>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** The client interface both transports implement; screens are written against this only. */
export interface Api {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
}

/** The thin bridge the preload exposes on `window.wardenBridge` (envelopes, not exceptions). */
export interface Bridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, callback: (payload: unknown) => void): () => void;
  /** The local path of a File the user dropped on the page (desktop app), else null. */
  pathForFile(file: unknown): string | null;
}
