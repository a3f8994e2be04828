/** `app:*` — the running back end. Handler: electron/core/services.ts (the composition root answers it). */
import { z } from 'zod';
import { channel, empty, type ChannelTable } from './channel';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** `ipc` in the desktop app, `http` in browser mode. */
  transport: z.enum(['ipc', 'http']),
  /** Whether the back end can show native file dialogs (desktop app only). */
  nativeDialogs: z.boolean(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app:info': channel('read', 'Name, version, transport and capabilities of the running back end.', empty, appInfoSchema),
} as const satisfies ChannelTable<'app'>;
