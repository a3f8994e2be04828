/**
 * Per-resource reads (describe a listed resource, list its tags, …) and what a failed one means.
 *
 * A listed resource is recorded even when one of its supplementary reads fails because AWS refused it
 * (denied), the endpoint does not offer it (unsupported), or the resource went away mid-scan (not
 * found): that detail stays unknown, and a note on the outcome plus a warning in the facts say which
 * detail of how many resources, so neither analysis nor the admin mistakes "not read" for "none".
 *
 * An essential read is one without which the resource's facts would say something false (a notebook
 * with no `DirectInternetAccess`, an endpoint config with no KMS key). If its resource is gone, the
 * resource is left out; any other failure fails the task, like throttling that outlasted the SDK's
 * retries, server errors and network failures on any read: a scan that did not finish is not a gap
 * in permissions.
 */
import { classifyAwsError } from '../../scanner/classify-aws-error';
import type { CollectorContext } from '../../scanner/collector';

/** What a supplementary read provides, for the messages: `{ operation: 'lambda:ListTags', what: 'tags', of: 'function' }`. */
export interface DetailRead {
  /** The IAM action, as the scanner policy names it. */
  readonly operation: string;
  /** What stays unknown when the read fails, e.g. "function URLs". */
  readonly what: string;
  /** The resource noun, singular, e.g. "function". */
  readonly of: string;
}

type DetailFailure = 'denied' | 'unsupported' | 'not-found';

const NOT_FOUND = new Set(['ResourceNotFoundException', 'ResourceNotFound', 'NotFoundException', 'TrailNotFoundException']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** DNS failures the classifier reads as "no endpoint in this region": after the List call reached it, they are network trouble. */
const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** A failure that leaves a detail unknown rather than failing the task; null for any other failure. */
export function detailFailure(error: unknown, signal?: AbortSignal): DetailFailure | null {
  if (signal?.aborted === true || typeof error !== 'object' || error === null) return null;
  const e = error as ErrorShape;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return null;
  const { outcome } = classifyAwsError(error, '', signal);
  if (outcome === 'denied') return 'denied';
  if (outcome === 'unsupported') return 'unsupported';
  if (outcome !== 'failed') return null;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (NOT_FOUND.has(name)) return 'not-found';
  // SageMaker reports a resource deleted between List and Describe as a validation error.
  if (name === 'ValidationException' && /could not find|does not exist|not found/i.test(message)) return 'not-found';
  // A 404 that is not an AWS error (an emulator or proxy without the route) means the operation is not offered there.
  if (e.$metadata?.httpStatusCode === 404) return 'unsupported';
  return null;
}

const REASONS: Record<DetailFailure, string> = {
  denied: 'access denied to',
  unsupported: 'not offered by the endpoint:',
  'not-found': 'not found by',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(noun: string, count: number): string {
  return count === 1 ? noun : `${noun}s`;
}

interface Gap {
  read: DetailRead;
  reason: DetailFailure;
  count: number;
  example: string;
}

/** Runs a collector's per-resource reads and reports, once per read, resource kind and reason, what they could not read. */
export class DetailReads {
  private readonly gaps = new Map<string, Gap>();
  private readonly dropped = new Map<string, { of: string; count: number; example: string }>();

  constructor(private readonly ctx: Pick<CollectorContext, 'signal' | 'note' | 'warn'>) {}

  /** A read whose failure (denied, unsupported, not found) leaves one detail unknown: null then. */
  async optional<T>(read: DetailRead, resource: string, call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      const reason = detailFailure(error, this.ctx.signal);
      if (reason === null) throw error;
      // Per resource kind too: one operation reads the tags of endpoints, models and notebooks alike.
      const key = `${read.operation}|${read.what}|${read.of}|${reason}`;
      const gap = this.gaps.get(key);
      if (gap === undefined) this.gaps.set(key, { read, reason, count: 1, example: resource });
      else {
        gap.count += 1;
        // The first in name order, not the first to fail, so the message does not depend on timing.
        if (resource < gap.example) gap.example = resource;
      }
      return null;
    }
  }

  /** A read the resource's facts cannot do without: null when the resource is gone (leave it out), else throws. */
  async essential<T>(of: string, resource: string, call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      if (detailFailure(error, this.ctx.signal) !== 'not-found') throw error;
      const entry = this.dropped.get(of);
      if (entry === undefined) this.dropped.set(of, { of, count: 1, example: resource });
      else {
        entry.count += 1;
        if (resource < entry.example) entry.example = resource;
      }
      return null;
    }
  }

  /**
   * Notes every gap on the outcome now, and returns what writes them as warnings into the facts:
   * call that from the collector's `apply`, so a task that fails or is cancelled afterwards leaves
   * no warning about facts it never wrote. Sorted, so the same account gives the same messages.
   */
  report(): () => void {
    const texts: string[] = [];
    for (const { read, reason, count, example } of this.gaps.values()) {
      texts.push(`${capitalise(read.what)} not read for ${count} ${plural(read.of, count)} (${REASONS[reason]} ${read.operation}; e.g. ${example}).`);
    }
    texts.sort();
    const dropped = [...this.dropped.values()]
      .map(({ of, count, example }) => `${count} ${plural(of, count)} deleted during the scan ${count === 1 ? 'is' : 'are'} left out (e.g. ${example}).`)
      .sort();
    for (const text of [...texts, ...dropped]) this.ctx.note(text);
    return () => {
      for (const text of texts) this.ctx.warn(text);
    };
  }
}
