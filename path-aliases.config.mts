/**
 * The import aliases of tsconfig.base.json ("paths") for the bundlers and vitest, which do not read
 * tsconfig: `@shared/contract` instead of `../../../../shared/contract`.
 */
import { resolve } from 'node:path';

export const PATH_ALIASES: Record<string, string> = {
  '@shared': resolve(import.meta.dirname, 'shared'),
  '@core': resolve(import.meta.dirname, 'electron/core'),
};
