/**
 * The digest of what one scan or import job changed (issue 14: "one digest per scan, not one per
 * finding"): for each account the job scanned, the counts of the kinds of change the Settings'
 * notifications enable, against the previous scan of that account (the `changes:get` diff), and a
 * title and body to show as they are. Pure: the announcer (digest-announcer.ts) reads the diffs.
 *
 * An account's first scan is left out (everything in it would count as new: nothing changed that
 * anyone could act on yet), and so is an account where no enabled kind changed; with none left there
 * is no digest at all.
 */
import type { ChangeDigest, ChangeDigestAccount, NotificationSettings, ScanDiff } from '@shared/contract';
import { escapeInvisible } from '../lib/visible-text';

export interface DigestScan {
  diff: ScanDiff;
  /** The account's alias as the scan recorded it (from AWS: hostile text). */
  accountAlias: string | null;
}

/** Longest name a digest shows; a notification has a few lines, not a page. */
const NAME_MAX = 48;
/** Shadow AI names listed per account; the rest are counted. */
const NAMES_LISTED = 3;

/** One visible line of at most NAME_MAX characters: invisible characters shown as escapes, the rest cut. */
export function safeName(value: string): string {
  const visible = escapeInvisible(value.trim());
  return visible.length > NAME_MAX ? `${visible.slice(0, NAME_MAX - 1)}…` : visible;
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

type Counts = ChangeDigestAccount['counts'];

function countsOf(diff: ScanDiff, enabled: NotificationSettings): Counts {
  const { new: added, regressed } = diff.findings.counts;
  return {
    ...(enabled.newShadowAi && { newShadowAi: diff.shadowAi.added.length }),
    ...(enabled.newCriticalHigh && { newCriticalHigh: added.critical + added.high }),
    // As `--fail-on regressed` counts them: the critical and high ones the diff lists.
    ...(enabled.regressed && { regressed: regressed.critical + regressed.high }),
    ...(enabled.resolved && { resolved: diff.counts.findingsResolved }),
    ...(enabled.identitiesChanged && { identitiesAdded: diff.counts.identitiesAdded, identitiesRemoved: diff.counts.identitiesRemoved }),
  };
}

/** The counts as phrases, in the order of the settings, only those above zero. */
export function countPhrases(counts: Counts): string[] {
  const phrases: string[] = [];
  const add = (count: number | undefined, phrase: (n: number) => string): void => {
    if (count !== undefined && count > 0) phrases.push(phrase(count));
  };
  add(counts.newShadowAi, (n) => plural(n, 'new shadow AI agent', 'new shadow AI agents'));
  add(counts.newCriticalHigh, (n) => plural(n, 'new critical or high finding', 'new critical or high findings'));
  add(counts.regressed, (n) => `${plural(n, 'critical or high finding', 'critical or high findings')} back`);
  add(counts.resolved, (n) => `${plural(n, 'finding', 'findings')} resolved`);
  add(counts.identitiesAdded, (n) => `${plural(n, 'identity', 'identities')} added`);
  add(counts.identitiesRemoved, (n) => `${plural(n, 'identity', 'identities')} removed`);
  return phrases;
}

function accountLabel(account: ChangeDigestAccount): string {
  const id = account.accountId ?? 'an account without an ID';
  const alias = account.accountAlias === null || account.accountAlias.trim() === '' ? null : safeName(account.accountAlias);
  return alias === null ? id : `${alias} (${id})`;
}

function sum(accounts: readonly ChangeDigestAccount[], key: keyof Counts): number | undefined {
  const values = accounts.map((account) => account.counts[key]).filter((value): value is number => value !== undefined);
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
}

/** The digest of one job's scans, or null when no enabled kind changed in any of them. */
export function buildChangeDigest(jobId: string, scans: readonly DigestScan[], enabled: NotificationSettings): ChangeDigest | null {
  const accounts: ChangeDigestAccount[] = [];
  const lines: string[] = [];
  for (const { diff, accountAlias } of scans) {
    if (diff.from === null) continue;
    const counts = countsOf(diff, enabled);
    const phrases = countPhrases(counts);
    if (phrases.length === 0) continue;
    const account: ChangeDigestAccount = { accountId: diff.accountId, accountAlias, scanId: diff.to.scanId, fromScanId: diff.from.scanId, counts };
    accounts.push(account);
    let line = `${accountLabel(account)}: ${phrases.join(', ')}.`;
    if (enabled.newShadowAi && diff.shadowAi.added.length > 0) {
      const names = diff.shadowAi.added.slice(0, NAMES_LISTED).map((agent) => safeName(agent.name));
      const more = diff.shadowAi.added.length - names.length;
      line += ` New shadow AI: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
    }
    lines.push(line);
  }
  const first = accounts[0];
  if (first === undefined) return null;
  const totals: Counts = {};
  for (const key of ['newShadowAi', 'newCriticalHigh', 'regressed', 'resolved', 'identitiesAdded', 'identitiesRemoved'] as const) {
    const total = sum(accounts, key);
    if (total !== undefined) totals[key] = total;
  }
  const where = accounts.length === 1 ? 'since the previous scan' : `in ${accounts.length} accounts`;
  // A notification's title is one short line: the first two kinds; the body has them all.
  const phrases = countPhrases(totals);
  const head = phrases.length > 2 ? `${phrases.slice(0, 2).join(', ')} and more` : phrases.join(' and ');
  const title = `${capitalised(head)} ${where}`;
  return { jobId, title, body: lines.join('\n'), scanId: first.scanId, accounts };
}

const capitalised = (text: string): string => (text === '' ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`);
