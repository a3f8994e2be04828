/**
 * The largest import Agent Warden supports (issue 8, item 4). One file can otherwise demand
 * unbounded work: a 1,000,000-principal export imported (25 s, 1.2 GB) and then every view ran the
 * analysis out of memory. Larger files are refused while they are read, before anything is written,
 * and the parser stops at the first entity over the limit instead of reading the file to its end.
 *
 * The numbers are the supported size, measured by the benchmarks (bench/README.md) and documented in
 * docs/architecture.md; change them only with a new measurement.
 */

/**
 * Users + roles in one authorization-details export (and rows of one credential report, which has
 * one per user).
 *
 * 20,000: twice the 10,000-principal benchmark account and above what AWS lets one account hold (at
 * most 5,000 IAM users; roles are a quota in the thousands). Measured (bench/README.md, section g):
 * the synthetic 20,000-principal account (10,000 policies, a 101 MB export) analyses in the analysis
 * worker with 1,024 MB of old space, half of the 2,048 MB it is given (ANALYSIS_WORKER_HEAP_MB), and
 * 30,000 principals still analyse within the 2,048 MB; memory grows linearly, ~80–90 MB of peak RSS
 * per 1,000 principals. The analysis refuses a scan above this size too (analysis-store.ts).
 */
export const MAX_IMPORT_PRINCIPALS = 20_000;

/**
 * Groups + managed policies in one export. AWS's quotas keep real accounts far below: at most 5,000
 * customer managed policies and 500 groups per account, plus the ~1,400 AWS managed policies an
 * export may list.
 */
export const MAX_IMPORT_GROUPS_AND_POLICIES = 20_000;

/**
 * JSON bytes of one export after decompression. The 20,000-principal benchmark export is ~101 MB
 * (its policies heavier than real ones), so a supported account stays well under; the cap stops a
 * file that is mostly policy text, or padding, from being streamed for minutes.
 */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export interface ImportLimits {
  principals: number;
  groupsAndPolicies: number;
  /** Decoded JSON bytes of the authorization-details export. */
  bytes: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = {
  principals: MAX_IMPORT_PRINCIPALS,
  groupsAndPolicies: MAX_IMPORT_GROUPS_AND_POLICIES,
  bytes: MAX_IMPORT_BYTES,
};

/** The variable that lowers the principal limit (tests; a small machine). It can never raise it. */
export const MAX_IMPORT_PRINCIPALS_ENV = 'WARDEN_MAX_IMPORT_PRINCIPALS';

/**
 * The limits in force: the defaults, with the principal limit lowered by WARDEN_MAX_IMPORT_PRINCIPALS
 * when that is a smaller positive whole number. Raising it is ignored: above the supported size the
 * analysis runs out of memory, which is what the limit is for.
 */
export function importLimitsFromEnv(env: NodeJS.ProcessEnv): ImportLimits {
  const limits = { ...DEFAULT_IMPORT_LIMITS };
  const text = env[MAX_IMPORT_PRINCIPALS_ENV];
  if (text !== undefined && /^\d+$/.test(text.trim())) {
    const value = Number(text.trim());
    if (value > 0 && value < limits.principals) limits.principals = value;
  }
  return limits;
}

/** 50000 → "50,000" (fixed locale: messages must not depend on the machine). */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** What to do about a refused file, said the same way everywhere. */
export const TOO_LARGE_ADVICE =
  'If the file joins several accounts, import each account on its own; if one account really is this large, please file an issue with the counts, so the supported size can be raised.';
