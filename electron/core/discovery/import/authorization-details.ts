/**
 * Import of `aws iam get-account-authorization-details` output: the IAM part of the facts.
 *
 * Files are streamed: bytes go through the incremental tokenizer, each list element is built,
 * validated and mapped on its own, and only the mapped facts are kept, so memory follows the
 * largest element and the facts, not the file. Problems are AppError('invalid_input') naming what
 * is wrong and where: `RoleDetailList[12].AssumeRolePolicyDocument: expected a policy document …`,
 * `truncated JSON: the input ends inside an object … at byte 123456`.
 */
import { AppError } from '../../errors';
import type { JsonValue } from '../facts';
import { JsonSyntaxError, JsonTokenizer } from '../json/json-tokenizer';
import {
  mapGroupDetail,
  mapManagedPolicy,
  mapRoleDetail,
  mapUserDetail,
} from './authorization-details-elements';
import {
  AUTHORIZATION_DETAILS_LISTS,
  AuthorizationDetailsSplitter,
  describeLocation,
  type AuthorizationDetailsList,
  type ElementLocation,
} from './authorization-details-splitter';
import { fileLabel, openFileBytes } from './file-bytes';
import { IamInventoryBuilder, type DuplicatePolicy, type IamElement, type IamInventory } from './iam-inventory-builder';
import { describeValue } from '../shape-problems';
import { DEFAULT_IMPORT_LIMITS, TOO_LARGE_ADVICE, formatCount, type ImportLimits } from './limits';
import { testPause } from '../../lib/test-pause';

export { mapGroupDetail, mapManagedPolicy, mapRoleDetail, mapUserDetail } from './authorization-details-elements';
export type { IamElement, IamInventory } from './iam-inventory-builder';
export type { ElementLocation } from './authorization-details-splitter';

/** The IAM facts of one export, with the account they belong to. */
export type AuthorizationDetailsImport = IamInventory;

export interface AuthorizationDetailsCounts {
  users: number;
  groups: number;
  roles: number;
  policies: number;
}

export interface AuthorizationDetailsStreamSummary {
  pages: number;
  counts: AuthorizationDetailsCounts;
  /** UTF-8 bytes parsed (after decompression/transcoding). */
  bytes: number;
  /** How the file was stored, when not plain UTF-8 (`gzip`, `UTF-16LE`). */
  transforms: string[];
}

export interface StreamAuthorizationDetailsOptions {
  signal?: AbortSignal;
  /** Called after each chunk with bytes read from disk and the file's size on disk. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Largest single element accepted, in bytes. Default 64 MiB. */
  maxElementBytes?: number;
  /** Read size. Default 1 MiB. */
  chunkBytes?: number;
  /** The supported size (DEFAULT_IMPORT_LIMITS): reading stops at the first entity beyond it. */
  limits?: ImportLimits;
}

export interface ParseAuthorizationDetailsOptions extends StreamAuthorizationDetailsOptions {
  /** The account the export belongs to; must agree with the ARNs, required if none names an account. */
  accountId?: string;
}

/** Maps one list element; `where` names it in error messages. */
export function mapAuthorizationDetailsElement(list: AuthorizationDetailsList, raw: unknown, where: string): IamElement {
  switch (list) {
    case 'UserDetailList':
      return { kind: 'user', value: mapUserDetail(raw, where) };
    case 'GroupDetailList':
      return { kind: 'group', value: mapGroupDetail(raw, where) };
    case 'RoleDetailList':
      return { kind: 'role', value: mapRoleDetail(raw, where) };
    case 'Policies':
      return { kind: 'policy', value: mapManagedPolicy(raw, where) };
  }
}

/**
 * Streams an export file, calling `onElement` with each mapped user, group, role and managed policy
 * as soon as it has been read. Nothing is accumulated here: a caller that persists elements as they
 * come uses memory bounded by the largest element.
 */
export async function streamAuthorizationDetailsFile(
  path: string,
  onElement: (element: IamElement, location: ElementLocation) => void,
  options: StreamAuthorizationDetailsOptions = {},
): Promise<AuthorizationDetailsStreamSummary> {
  const label = fileLabel(path);
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const counts: AuthorizationDetailsCounts = { users: 0, groups: 0, roles: 0, policies: 0 };
  let tokenizer: JsonTokenizer | null = null;
  const splitter = new AuthorizationDetailsSplitter(
    (value: JsonValue, location) => {
      const where = describeLocation(location);
      let element: IamElement;
      try {
        element = mapAuthorizationDetailsElement(location.list, value, where);
      } catch (error) {
        throw withElementPosition(error, location);
      }
      countElement(counts, element);
      checkCounts(counts, limits, location);
      onElement(element, location);
    },
    { maxElementBytes: options.maxElementBytes, currentLine: () => tokenizer?.line ?? 0 },
  );
  tokenizer = new JsonTokenizer(splitter, { multipleValues: true });
  const file = await openFileBytes(path, { signal: options.signal, chunkBytes: options.chunkBytes });
  try {
    for await (const chunk of file.chunks) {
      tokenizer.write(chunk);
      if (tokenizer.position > limits.bytes) throw tooManyBytes(limits.bytes, file.transforms);
      options.onProgress?.(file.bytesRead(), file.sizeOnDisk);
      testPause('import-parse');
    }
    tokenizer.end();
    splitter.finish();
  } catch (error) {
    throw explain(error, label, file.transforms);
  }
  return { pages: splitter.pageCount, counts, bytes: tokenizer.position, transforms: file.transforms };
}

/** Reads an export file into the IAM facts of its account. */
export async function parseAuthorizationDetailsFile(
  path: string,
  options: ParseAuthorizationDetailsOptions = {},
): Promise<AuthorizationDetailsImport> {
  const builder = new IamInventoryBuilder({ duplicates: 'refuse' });
  const summary = await streamAuthorizationDetailsFile(
    path,
    (element, location) => builder.add(element, describeLocation(location), location.line),
    options,
  );
  let inventory: IamInventory;
  try {
    inventory = builder.finish(options.accountId);
  } catch (error) {
    throw explain(error, fileLabel(path), summary.transforms);
  }
  if (summary.transforms.length > 0) {
    inventory.warnings.push(`${fileLabel(path)} was stored as ${summary.transforms.join(' + ')}; read as such`);
  }
  return inventory;
}

/**
 * The same for an already-parsed export: one page object, or an array of page objects. The live
 * collector feeds SDK pages through the same element mappers.
 */
export function parseAuthorizationDetailsObject(
  input: unknown,
  options: { accountId?: string; duplicates?: DuplicatePolicy } = {},
): AuthorizationDetailsImport {
  const pages = Array.isArray(input) ? (input as unknown[]) : [input];
  const multiple = pages.length > 1;
  const builder = new IamInventoryBuilder({ duplicates: options.duplicates ?? 'refuse' });
  let sawList = false;
  pages.forEach((page, pageIndex) => {
    const pageLabel = multiple ? `page ${pageIndex + 1} ` : '';
    if (typeof page !== 'object' || page === null || Array.isArray(page)) {
      throw new AppError(
        'invalid_input',
        `not an authorization-details export: ${Array.isArray(input) ? `[${pageIndex}]` : 'the top level'} should be an object with ${AUTHORIZATION_DETAILS_LISTS.join('/')}, found ${describeValue(page)}`,
      );
    }
    const record = page as Record<string, unknown>;
    for (const list of AUTHORIZATION_DETAILS_LISTS) {
      const elements = record[list];
      if (elements === undefined) continue;
      if (!Array.isArray(elements)) {
        throw new AppError('invalid_input', `${pageLabel}${list}: expected an array, found ${describeValue(elements)}`);
      }
      sawList = true;
      elements.forEach((raw: unknown, index) => {
        const where = `${pageLabel}${list}[${index}]`;
        builder.add(mapAuthorizationDetailsElement(list, raw, where), where);
      });
    }
  });
  if (!sawList) {
    throw new AppError(
      'invalid_input',
      `not an authorization-details export: none of ${AUTHORIZATION_DETAILS_LISTS.join(', ')}`,
    );
  }
  return builder.finish(options.accountId);
}

function countElement(counts: AuthorizationDetailsCounts, element: IamElement): void {
  switch (element.kind) {
    case 'user':
      counts.users++;
      break;
    case 'group':
      counts.groups++;
      break;
    case 'role':
      counts.roles++;
      break;
    case 'policy':
      counts.policies++;
      break;
  }
}

/**
 * Refuses the import as soon as the count passes the supported size: the rest of the file is never
 * read, and nothing has been written (the caller writes only after the whole file was read).
 */
function checkCounts(counts: AuthorizationDetailsCounts, limits: ImportLimits, location: ElementLocation): void {
  const principals = counts.users + counts.roles;
  if (principals > limits.principals) {
    throw new AppError(
      'invalid_input',
      `too large to import: more than ${formatCount(limits.principals)} users and roles (reading stopped at ${describeLocation(location)}, line ${location.line}); Agent Warden supports accounts of up to ${formatCount(limits.principals)} users and roles, and imported nothing. ${TOO_LARGE_ADVICE}`,
    );
  }
  const others = counts.groups + counts.policies;
  if (others > limits.groupsAndPolicies) {
    throw new AppError(
      'invalid_input',
      `too large to import: more than ${formatCount(limits.groupsAndPolicies)} groups and managed policies (reading stopped at ${describeLocation(location)}, line ${location.line}); Agent Warden supports up to ${formatCount(limits.groupsAndPolicies)}, far more than AWS's quotas allow one account, and imported nothing. ${TOO_LARGE_ADVICE}`,
    );
  }
}

function tooManyBytes(limit: number, transforms: readonly string[]): AppError {
  const decoded = transforms.length > 0 ? ` (after ${transforms.join(' + ')} decoding)` : '';
  return new AppError(
    'invalid_input',
    `too large to import: more than ${formatCount(Math.round(limit / (1024 * 1024)))} MiB of JSON${decoded}; Agent Warden supports exports of up to ${formatCount(Math.round(limit / (1024 * 1024)))} MiB, stopped reading there and imported nothing. ${TOO_LARGE_ADVICE}`,
  );
}

function withElementPosition(error: unknown, location: ElementLocation): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, `${error.message} (element starts at line ${location.line}, byte ${location.offset})`, {
    cause: error,
  });
}

/** Names the file in every message, and turns JSON syntax errors into AppErrors. */
function explain(error: unknown, label: string, transforms: readonly string[]): unknown {
  const decoded = transforms.length > 0 ? ` of the ${transforms.join(' + ')}-decoded text` : '';
  if (error instanceof JsonSyntaxError) {
    const message =
      error.kind === 'empty'
        ? `${label} is empty: expected the JSON output of aws iam get-account-authorization-details`
        : `${label}: ${error.problem} at byte ${error.offset}${decoded} (line ${error.line}, column ${error.column})`;
    return new AppError('invalid_input', message, { cause: error });
  }
  if (error instanceof AppError && !error.message.startsWith(`${label}:`) && !error.message.startsWith(`${label} `)) {
    return new AppError(error.code, `${label}: ${error.message}`, { cause: error });
  }
  return error;
}
