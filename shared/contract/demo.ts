/** `demo:*` — the built-in demo company. Handler: electron/core/discovery/scan-handlers.ts. */
import { channel, empty, type ChannelTable } from './channel';
import { workspaceInfoSchema } from './workspace';

export const demoChannels = {
  'demo:open': channel(
    'write',
    'Open the built-in demo company workspace (rebuilt, dated relative to now) instead of the current one.',
    empty,
    workspaceInfoSchema,
  ),
} as const satisfies ChannelTable<'demo'>;
