/**
 * Owner-like tags: the tags teams use to say who answers for a resource. They prefill the registry's
 * owner and keep an identity from counting as ownerless (`agent_missing_owner`).
 */

/**
 * Tag keys read as an owner, in order of preference: an explicit owner beats a team, a team beats a
 * contact, and who created it is the last resort. Matching ignores case and separators, so `Owner`,
 * `OWNER`, `owner_email`, `OwnerEmail` and `owner-email` are all recognised.
 */
export const OWNER_TAG_KEYS: readonly string[] = [
  'owner',
  'Owner',
  'owner-email',
  'technical-owner',
  'business-owner',
  'service-owner',
  'app-owner',
  'owner-team',
  'team',
  'Team',
  'team-name',
  'squad',
  'contact',
  'Contact',
  'contact-email',
  'maintainer',
  'responsible',
  'created-by',
];

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const OWNER_KEY_RANK: ReadonlyMap<string, number> = (() => {
  const rank = new Map<string, number>();
  OWNER_TAG_KEYS.forEach((key, index) => {
    const normalised = normaliseKey(key);
    if (!rank.has(normalised)) rank.set(normalised, index);
  });
  return rank;
})();

export function isOwnerTagKey(key: string): boolean {
  return OWNER_KEY_RANK.has(normaliseKey(key));
}

/** The owner named by the most preferred owner-like tag with a non-blank value, or null. */
export function ownerFromTags(tags: Readonly<Record<string, string>>): { owner: string; tag: string } | null {
  let best: { owner: string; tag: string; rank: number } | null = null;
  for (const [key, value] of Object.entries(tags)) {
    const rank = OWNER_KEY_RANK.get(normaliseKey(key));
    const owner = value.trim();
    if (rank === undefined || owner === '') continue;
    // Ties (two spellings of one key) go to the key that sorts first, so the answer never depends on tag order.
    if (best === null || rank < best.rank || (rank === best.rank && key < best.tag)) best = { owner, tag: key, rank };
  }
  return best === null ? null : { owner: best.owner, tag: best.tag };
}
