/**
 * `exports:*` — the files security tools ingest (issue 13), written in the back end by the same writers
 * as `warden export` (electron/core/exports/), so a file saved from a screen is the CLI's, byte for byte.
 * Handler: electron/core/handlers/exports-handlers.ts. docs/exports.md says what each format carries.
 */
import { z } from 'zod';
import { channel, type ChannelTable } from './channel';
import { viewChoiceSchema } from './common';

export const INVENTORY_EXPORT_FORMATS = ['csv', 'json'] as const;
export const inventoryExportFormatSchema = z.enum(INVENTORY_EXPORT_FORMATS);
export type InventoryExportFormat = z.infer<typeof inventoryExportFormatSchema>;

export const FINDINGS_EXPORT_FORMATS = ['csv', 'json', 'sarif', 'ocsf', 'ocsf-jsonl'] as const;
export const findingsExportFormatSchema = z.enum(FINDINGS_EXPORT_FORMATS);
export type FindingsExportFormat = z.infer<typeof findingsExportFormatSchema>;

/** Most rows a screen may name in `only` (a filtered view); past it the screen sends none and says so. */
export const EXPORT_ONLY_MAX = 10_000;

/** Which rows of the view: null, all of them; else only these (a screen's filtered rows), in this order. */
const onlySchema = z.array(z.string().min(1).max(2048)).max(EXPORT_ONLY_MAX).nullable().default(null);

/** A file to save: its name, media type and text, how many rows it holds and the scans they come from. */
export const exportFileSchema = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  text: z.string(),
  count: z.number().int(),
  scanIds: z.array(z.string()),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

export const exportsChannels = {
  'exports:inventory': channel(
    'read',
    'The inventory of a view (every account’s newest scan, one account, or one scan) as `warden export inventory` writes it: CSV (formula-neutralised) or JSON; `only` keeps the identities named by ARN (the rows a screen shows).',
    viewChoiceSchema.extend({ format: inventoryExportFormatSchema, only: onlySchema }),
    exportFileSchema,
  ),
  'exports:findings': channel(
    'read',
    'The findings of a view as `warden export findings` writes them: CSV (formula-neutralised), JSON, SARIF 2.1.0, OCSF 1.3.0 JSON or JSON Lines; `only` keeps the findings named by fingerprint (the rows a screen shows, resolved ones included).',
    viewChoiceSchema.extend({ format: findingsExportFormatSchema, only: onlySchema }),
    exportFileSchema,
  ),
} as const satisfies ChannelTable<'exports'>;
