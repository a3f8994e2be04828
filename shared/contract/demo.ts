/** `demo:*` — the built-in demo company, one persistent workspace file. Handler: electron/core/handlers/demo-handlers.ts. */
import { channel, empty, type ChannelTable } from './channel';
import { workspaceInfoSchema } from './workspace';

export const demoChannels = {
  'demo:open': channel(
    'write',
    'Open the built-in demo company (its one file in the app-data folder) instead of the current workspace: built on first use, reopened as the user left it, rebuilt dated as of today when older than 30 days.',
    empty,
    workspaceInfoSchema,
  ),
  'demo:reset': channel(
    'write',
    'Build the demo company again from scratch, dated as of today, replacing its file (what was done in it is gone), and open it. The user’s own workspace is not touched.',
    empty,
    workspaceInfoSchema,
  ),
} as const satisfies ChannelTable<'demo'>;
