/**
 * Small conversions from AWS SDK output to facts, shared by the IAM-family collectors: the SDK hands
 * back Date objects, `{Key, Value}` tag lists and errors whose name is either the modelled
 * exception (`NoSuchEntityException`) or the raw query-protocol code (`NoSuchEntity`).
 */
import { toIsoTimestamp } from '../../../discovery/aws-timestamp';
import type { Tags } from '../../../discovery/facts';
import type { CollectorContext } from '../../scanner/collector';

/** ISO 8601 UTC, or null when AWS sent nothing (or something that is not a date). */
export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value === undefined || value === null ? null : toIsoTimestamp(value);
}

/** `[{Key, Value}]` → `{key: value}`; a tag without a value maps to `''`, as AWS shows it. */
export function tagsOf(list: readonly { Key?: string | undefined; Value?: string | undefined }[] | null | undefined): Tags {
  const tags: Tags = {};
  for (const tag of list ?? []) {
    if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  }
  return tags;
}

/** The AWS error code of a thrown SDK error (`AccessDenied`, `NoSuchEntityException`, …), or null. */
export function awsErrorName(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { name, Code, code } = error as { name?: unknown; Code?: unknown; code?: unknown };
  for (const value of [Code, name, code]) {
    if (typeof value === 'string' && value !== '' && value !== 'Error') return value;
  }
  return null;
}

/** True when the error's code is one of `names`, with or without the SDK's `Exception` suffix. */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  const found = awsErrorName(error);
  if (found === null) return false;
  const bare = found.endsWith('Exception') ? found.slice(0, -'Exception'.length) : found;
  return names.some((name) => name === found || name === bare || `${name}Exception` === found);
}

/**
 * Options for every `send`: the scan's signal, so Cancel aborts a request in flight and not only the
 * next one (the client factory also refuses new calls once the scan is cancelled).
 */
export function sendOptions(ctx: Pick<CollectorContext, 'signal'>): { abortSignal: AbortSignal } {
  return { abortSignal: ctx.signal };
}

/** `1 role`, `3 roles`, `1 policy`, `2 policies`: counts in outcome notes read as sentences. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
