/** `import:*` — offline imports (authorization details, credential report). Handler: electron/core/handlers/import-handlers.ts. */
import { z } from 'zod';
import { channel, type ChannelTable } from './channel';

/** A file for an import: a path on the back end's machine, or bytes uploaded over the loopback transport. */
export const fileRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('upload'), uploadId: z.string().regex(/^[0-9a-f-]{36}$/), name: z.string().max(512).default('upload') }),
]);
export type FileRef = z.input<typeof fileRefSchema>;

export const importRequestSchema = z.object({
  authorizationDetails: fileRefSchema,
  credentialReport: fileRefSchema.nullable().default(null),
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account ID').nullable().default(null),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

export const importChannels = {
  'import:files': channel(
    'write',
    'Import an authorization-details export (and optionally a credential report) as a scan; runs as a job.',
    importRequestSchema,
    z.object({ jobId: z.string() }),
  ),
  'import:pickFile': channel(
    'read',
    'Choose a file with a native dialog (desktop app only); null when cancelled.',
    z.object({ purpose: z.enum(['authorization-details', 'credential-report']) }),
    z.object({ path: z.string() }).nullable(),
  ),
} as const satisfies ChannelTable<'import'>;
