/**
 * Decisions people make on findings (accept a risk until a date, resolve by hand, withdraw either):
 * checked, written by the findings repository and recorded in the audit log, in one transaction.
 */
import type { FindingRow } from '@shared/contract';
import type { WriteDb } from '../db/handles';
import { appendAuditEntry } from '../db/repositories/audit-log';
import { ensureFindingState, findingLabel, findingState, scanStatusNow, writeAcceptance, writeDecisionWithdrawn, writeResolvedByHand } from '../db/repositories/findings';
import { AppError } from '../errors';
import { acceptanceUntilProblem, type FindingStatus } from './finding-lifecycle';

export interface Decider {
  actor: string;
  now: Date;
}

export type FindingDecisionResult = Pick<FindingRow, 'fingerprint' | 'status' | 'acceptance'>;

export function acceptFinding(db: WriteDb, input: { fingerprint: string; reason: string; until: string }, by: Decider): FindingDecisionResult {
  const problem = acceptanceUntilProblem(input.until, by.now);
  if (problem !== null) throw new AppError('invalid_input', `Risk not accepted: ${problem}`);
  const at = by.now.toISOString();
  return db.transaction((tx) => {
    const previous = ensureFindingState(tx, input.fingerprint, at);
    const reason = input.reason.trim();
    writeAcceptance(tx, input.fingerprint, { reason, by: by.actor, at, until: input.until });
    appendAuditEntry(tx, {
      at,
      actor: by.actor,
      action: 'finding.accept',
      target: input.fingerprint,
      details: { reason, until: input.until, ruleId: String(previous['rule_id']), resourceArn: String(previous['resource_arn']), previousState: String(previous['state']) },
    });
    return { fingerprint: input.fingerprint, status: 'accepted', acceptance: { reason, until: input.until, by: by.actor, at } };
  });
}

export function reopenFinding(db: WriteDb, input: { fingerprint: string; reason: string }, by: Decider): FindingDecisionResult {
  const at = by.now.toISOString();
  return db.transaction((tx) => {
    const previous = findingState(tx, input.fingerprint);
    if (previous === undefined) throw new AppError('not_found', `There is no decision to withdraw on finding ${input.fingerprint}.`);
    const { decision } = previous;
    if (decision.acceptance === null && decision.manualResolvedAt === null) {
      throw new AppError('conflict', `Finding ${input.fingerprint} is neither accepted nor resolved by hand; there is nothing to reopen.`);
    }
    // Resolved by a scan (absent from the newest one): withdrawing a decision leaves it resolved.
    const resolvedByScan = previous.row['resolved_scan_id'] !== null;
    const scanStatus = scanStatusNow(tx, input.fingerprint);
    const state = resolvedByScan ? 'resolved' : scanStatus === 'regressed' ? 'regressed' : 'open';
    writeDecisionWithdrawn(tx, input.fingerprint, state, at);
    appendAuditEntry(tx, {
      at,
      actor: by.actor,
      action: 'finding.reopen',
      target: input.fingerprint,
      details: {
        reason: input.reason.trim(),
        withdrew: decision.acceptance !== null ? 'acceptance' : 'manual-resolution',
        ...(decision.acceptance !== null && { acceptance: { reason: decision.acceptance.reason, until: decision.acceptance.until } }),
      },
    });
    const status: FindingStatus = resolvedByScan ? 'resolved' : scanStatus;
    return { fingerprint: input.fingerprint, status, acceptance: null };
  });
}

export function resolveFinding(db: WriteDb, input: { fingerprint: string; note: string }, by: Decider): FindingDecisionResult {
  const at = by.now.toISOString();
  return db.transaction((tx) => {
    const previous = ensureFindingState(tx, input.fingerprint, at);
    if (String(previous['state']) === 'resolved') {
      throw new AppError('conflict', `Finding ${input.fingerprint} is already resolved.`);
    }
    writeResolvedByHand(tx, input.fingerprint, at);
    appendAuditEntry(tx, {
      at,
      actor: by.actor,
      action: 'finding.resolve',
      target: input.fingerprint,
      details: { note: input.note.trim(), ruleId: String(previous['rule_id']), resourceArn: String(previous['resource_arn']), previousState: String(previous['state']) },
    });
    return { fingerprint: input.fingerprint, status: 'resolved', acceptance: null };
  });
}

/**
 * One decision on several findings (bulk triage): all of them or none, in one transaction (each
 * finding's own decision nests in it as a savepoint), with one audit entry per finding. The first
 * finding that cannot be decided rolls everything back and is named in the error, by its title and
 * resource, so the person knows which one to take out of the selection.
 */
function decideAll(db: WriteDb, fingerprints: readonly string[], decide: (tx: WriteDb, fingerprint: string) => FindingDecisionResult): FindingDecisionResult[] {
  const unique = [...new Set(fingerprints)];
  return db.transaction((tx) =>
    unique.map((fingerprint) => {
      try {
        return decide(tx, fingerprint);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const label = findingLabel(tx, fingerprint);
        const name = label === undefined ? fingerprint : `“${label.title}” (${label.resourceArn})`;
        throw new AppError(error.code, `Nothing was changed: finding ${name} could not be decided. ${error.message}`);
      }
    }),
  );
}

export function acceptFindings(db: WriteDb, input: { fingerprints: readonly string[]; reason: string; until: string }, by: Decider): FindingDecisionResult[] {
  // The date is the same for all: checked once, before any finding, with the single decision's message.
  const problem = acceptanceUntilProblem(input.until, by.now);
  if (problem !== null) throw new AppError('invalid_input', `Risk not accepted: ${problem}`);
  return decideAll(db, input.fingerprints, (tx, fingerprint) => acceptFinding(tx, { fingerprint, reason: input.reason, until: input.until }, by));
}

export function resolveFindings(db: WriteDb, input: { fingerprints: readonly string[]; note: string }, by: Decider): FindingDecisionResult[] {
  return decideAll(db, input.fingerprints, (tx, fingerprint) => resolveFinding(tx, { fingerprint, note: input.note }, by));
}
