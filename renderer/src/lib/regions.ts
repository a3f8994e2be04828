import { regionSchema } from '@shared/contract';

/** The most regions one connection or scan may name (the contract's limit). */
export const MAX_REGIONS = 40;

/** Split "eu-west-1, us-east-1 eu-west-1" into unique region codes, and the tokens that are not regions. */
export function parseRegions(text: string): { regions: string[]; invalid: string[] } {
  const tokens = text
    .split(/[\s,;]+/)
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '');
  const regions: string[] = [];
  const invalid: string[] = [];
  for (const token of tokens) {
    if (!regionSchema.safeParse(token).success) invalid.push(token);
    else if (!regions.includes(token)) regions.push(token);
  }
  return { regions, invalid };
}

/** What is wrong with a typed list of regions, in words that say how to fix it; null when nothing. */
export function regionsProblem(parsed: { regions: readonly string[]; invalid: readonly string[] }): string | null {
  if (parsed.invalid.length > 0) {
    const list = parsed.invalid
      .slice(0, 3)
      .map((token) => `“${token}”`)
      .join(', ');
    return `${list} ${parsed.invalid.length === 1 ? 'is not a region code' : 'are not region codes'}. Use codes such as eu-west-1, separated by commas.`;
  }
  if (parsed.regions.length > MAX_REGIONS) return `List at most ${MAX_REGIONS} regions.`;
  return null;
}
