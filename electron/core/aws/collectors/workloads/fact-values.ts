/** Small conversions from SDK shapes to the facts' shapes, shared by the workload collectors. */
import { toIsoTimestamp } from '../../../discovery/aws-timestamp';
import type { Tags } from '../../../discovery/facts';

/** An SDK timestamp (Date, or a string such as Lambda's `2019-04-30T16:26:38.618+0000`) as ISO UTC; null when absent or unreadable. */
export function isoOrNull(value: Date | string | undefined | null): string | null {
  return value === undefined || value === null ? null : toIsoTimestamp(value);
}

/** A present, non-empty string, else null (AWS sends `""` and absent interchangeably for "none"). */
export function textOrNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** `[{Key, Value}]` as a `{ key: value }` map; entries without a key are skipped. */
export function tagsFromList(list: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Tags {
  const tags: Tags = {};
  for (const { Key, Value } of list ?? []) if (Key !== undefined && Key !== '') tags[Key] = Value ?? '';
  return tags;
}

/** `[{key, value}]` (Bedrock's lower-case tag list) as a `{ key: value }` map; entries without a key are skipped. */
export function tagsFromKeyValueList(list: readonly { key?: string | undefined; value?: string | undefined }[] | undefined): Tags {
  const tags: Tags = {};
  for (const { key, value } of list ?? []) if (key !== undefined && key !== '') tags[key] = value ?? '';
  return tags;
}

/** A copy of a `{ key: value }` tag map with only string values. */
export function tagsFromMap(map: Record<string, string | undefined> | undefined): Tags {
  const tags: Tags = {};
  for (const [key, value] of Object.entries(map ?? {})) tags[key] = value ?? '';
  return tags;
}

/**
 * Like Promise.all, but waits for every read to finish before rethrowing the first failure, so no
 * read of a task that already failed is still running (and counted) after its outcome is recorded.
 */
export async function settleAll<T extends readonly unknown[]>(reads: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(reads);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
