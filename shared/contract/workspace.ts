/** `workspace:*` — the open workspace file. Handler: electron/core/handlers/workspace-handlers.ts. */
import { z } from 'zod';
import { channel, empty, type ChannelTable } from './channel';

export const workspaceInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  sizeBytes: z.number().int(),
  createdAt: z.string().nullable(),
  /** True when this is the built-in demo workspace. */
  demo: z.boolean(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

/** A file path chosen by the user; in browser mode typed in, in the desktop app from a dialog. */
const pathInputSchema = z.object({ path: z.string().min(1).max(4096).nullable().default(null) });

export const workspaceChannels = {
  'workspace:info': channel('read', 'Where the open workspace lives and its schema version.', empty, workspaceInfoSchema),
  'workspace:open': channel(
    'write',
    'Open another workspace file (created when it does not exist); null path asks with a native dialog.',
    pathInputSchema,
    workspaceInfoSchema.nullable(),
  ),
  'workspace:saveCopy': channel(
    'write',
    'Write a consistent copy of the open workspace to a new file; null path asks with a native dialog.',
    pathInputSchema,
    z.object({ path: z.string(), sizeBytes: z.number().int() }).nullable(),
  ),
} as const satisfies ChannelTable<'workspace'>;
