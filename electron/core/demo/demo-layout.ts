/**
 * The layout of resources/demo/: file names and the manifest, shared by the generator that writes the
 * folder and the loader that reads it.
 */
import { z } from 'zod';
import { accountIdSchema } from '../discovery/facts';

export const DEMO_FILES = {
  manifest: 'manifest.json',
  expectations: 'expectations.json',
  readme: 'README.md',
  authorizationDetails: 'authorization-details.json',
  credentialReport: 'credential-report.csv',
  workloads: 'workloads.json',
  registry: 'registry.json',
  /** Sub-folder of an account holding the previous scan's three scan files. */
  previous: 'previous',
} as const;

export const demoManifestSchema = z.object({
  company: z.object({ name: z.string(), domain: z.string(), staff: z.number().int().positive() }),
  /** How long before the current scan the previous one ran. */
  previousScanDaysAgo: z.number().int().positive(),
  accounts: z
    .array(
      z.object({
        id: accountIdSchema,
        name: z.string(),
        alias: z.string(),
        /** Folder of the account, relative to the demo folder. */
        dir: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a plain folder name'),
        purpose: z.string(),
        regions: z.array(z.string()),
      }),
    )
    .min(1),
});
export type DemoManifest = z.infer<typeof demoManifestSchema>;
