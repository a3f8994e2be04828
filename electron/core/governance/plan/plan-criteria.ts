/**
 * The built-in tasks of the 30-day plan (issue 11) and their criteria, as a pure model: each measured
 * task is a function of a plain snapshot of the current state (every account's newest scan, the
 * registry's rows, the open and accepted findings) and the clock. Nothing here reads the workspace, so
 * the same evaluation serves the plan screen, `warden plan`, the burn-down across scans and the tests;
 * the repository/handler layer builds `PlanStateInput` from the current state and stores evaluations.
 *
 * Accepted risks count as handled (they do not block a task) but are listed apart with their expiry, so
 * a task "done" thanks to acceptances never looks like one done by fixes. An acceptance whose `until`
 * has passed is no longer an acceptance: it blocks again (the lifecycle shows it open too).
 */
import type { SeverityName } from '@shared/contract';

export type PlanWeekNumber = 1 | 2 | 3 | 4;
export type PlanTaskKind = 'measured' | 'manual';

/** One account the plan looks at: its newest completed scan (or import) and those of the last 14 days. */
export interface PlanAccountInput {
  accountId: string;
  /** ISO timestamp of the newest completed scan or import; null when never scanned. */
  newestScanAt: string | null;
  /** ISO timestamps of every completed scan or import in the 14 days before `now` (several per day allowed). */
  scansLast14Days: readonly string[];
}

/** A registry/inventory row of the current state, as the criteria read it. */
export interface PlanAgentInput {
  arn: string;
  accountId: string;
  /** Runs AI (the inventory's `ai`). */
  ai: boolean;
  access: string;
  tier: 1 | 2 | 3;
  /** A person set the tier by hand. */
  tierOverridden: boolean;
  /** A person confirmed the computed tier without changing it (absent: not recorded, counts as no). */
  tierConfirmed?: boolean;
  owner: string | null;
  status: 'registered' | 'unregistered' | 'decommissioned';
  activeKeyCount: number;
  purpose?: string | null;
  dataScope?: string | null;
}

/** A finding of the current state with the status shown for it today. */
export interface PlanFindingInput {
  fingerprint: string;
  ruleId: string;
  severity: SeverityName;
  principalArn: string | null;
  status: 'new' | 'open' | 'regressed' | 'accepted' | 'resolved';
  /** For an accepted finding: ISO date-time the acceptance ends (null: no expiry). */
  until?: string | null;
}

export interface PlanStateInput {
  accounts: readonly PlanAccountInput[];
  agents: readonly PlanAgentInput[];
  findings: readonly PlanFindingInput[];
  /** The accounts the team listed for the plan (empty: the accounts the workspace has scanned). */
  declaredAccounts: readonly string[];
  enabledTeamPolicies: number;
  reviewCadenceSet: boolean;
  /** Bedrock agent action groups seen in the current state: the human-approval task is measured only where they exist. */
  bedrockActionGroups: number;
  /**
   * Review meetings (governance/reviews): how many Tier 1 agents a held meeting decided on. Absent where
   * the workspace cannot record meetings: "hold the first Tier 1 review" is then left to a person.
   */
  tier1ReviewDecisions?: number;
}

export type PlanBlocker = { arn: string } | { fingerprint: string } | { accountId: string };

export interface AcceptedApart {
  fingerprint: string;
  until: string | null;
}

export interface TaskEvaluation {
  status: 'done' | 'open';
  progress: { done: number; total: number };
  blocking: PlanBlocker[];
  acceptedApart: AcceptedApart[];
}

export interface PlanTaskDefinition {
  id: string;
  week: PlanWeekNumber;
  /** The step (1–10) of PRODUCT.md the task serves. */
  step: number;
  title: string;
  kind: PlanTaskKind;
  /** The exact criterion shown on the task. */
  criterion: string;
  /** Measured tasks: the evaluation. null: a person decides (manual, or not measurable in this state). */
  evaluate: (input: PlanStateInput, now: Date) => TaskEvaluation | null;
}

const DAY_MS = 86_400_000;

/** Whether an accepted finding's acceptance still holds at `now` (no `until`: it holds). */
function acceptanceHolds(finding: PlanFindingInput, now: Date): boolean {
  if (finding.status !== 'accepted') return false;
  if (finding.until === undefined || finding.until === null) return true;
  const end = Date.parse(finding.until);
  // An unreadable date is treated as expired: better a task reopened than a risk silently accepted forever.
  return Number.isFinite(end) && end > now.getTime();
}

function isBlockingStatus(finding: PlanFindingInput, now: Date): boolean {
  if (finding.status === 'resolved') return false;
  if (finding.status === 'accepted') return !acceptanceHolds(finding, now);
  return true;
}

const byFingerprint = (a: AcceptedApart, b: AcceptedApart): number => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0);
const blockerKey = (blocker: PlanBlocker): string => ('arn' in blocker ? blocker.arn : 'fingerprint' in blocker ? blocker.fingerprint : blocker.accountId);
const sortBlockers = (blockers: PlanBlocker[]): PlanBlocker[] => blockers.sort((a, b) => (blockerKey(a) < blockerKey(b) ? -1 : blockerKey(a) > blockerKey(b) ? 1 : 0));

function result(done: number, total: number, blocking: PlanBlocker[], acceptedApart: AcceptedApart[]): TaskEvaluation {
  return { status: blocking.length === 0 ? 'done' : 'open', progress: { done, total }, blocking: sortBlockers(blocking), acceptedApart: acceptedApart.sort(byFingerprint) };
}

/**
 * The rules whose findings the criteria read, named once: the tasks below use these names, and the
 * handler reads only findings of these rules (PLAN_FINDING_RULES), not the scan's every finding.
 */
const RULE = {
  missingOwner: 'agent_missing_owner',
  staticKey: 'static_access_key',
  oidcWithoutSub: 'oidc_trust_without_sub',
  keyNotRotated: 'access_key_not_rotated',
  sharedIdentity: 'shared_identity',
  thirdPartyAiKey: 'third_party_ai_key_in_env',
  unused: 'identity_unused',
  shadowAi: 'shadow_ai_unregistered',
  reviewOverdue: 'review_overdue',
  policyViolation: 'governance_policy_violation',
  bedrockWithoutConfirmation: 'bedrock_action_without_confirmation',
} as const;

/** Every rule a criterion reads findings of: findings of other rules change no answer of the plan. */
export const PLAN_FINDING_RULES: readonly string[] = Object.values(RULE).sort();

/**
 * The input's findings grouped by rule, built once per input: the criteria ask for one rule at a time,
 * and scanning every finding of a 10,000-agent workspace (~37,000) for each task cost ~60 ms a plan.
 */
const byRuleCache = new WeakMap<PlanStateInput, Map<string, PlanFindingInput[]>>();

/** The input's findings of these rules, in the input's order. */
function findingsOfRules(input: PlanStateInput, ruleIds: readonly string[]): readonly PlanFindingInput[] {
  if (ruleIds.length !== 1) {
    const rules = new Set(ruleIds);
    return input.findings.filter((finding) => rules.has(finding.ruleId));
  }
  let byRule = byRuleCache.get(input);
  if (byRule === undefined) {
    byRule = new Map();
    for (const finding of input.findings) {
      const list = byRule.get(finding.ruleId);
      if (list === undefined) byRule.set(finding.ruleId, [finding]);
      else list.push(finding);
    }
    byRuleCache.set(input, byRule);
  }
  return byRule.get(ruleIds[0] as string) ?? [];
}

/**
 * "No open finding of these rules (optionally only on these principals)": each such finding counts,
 * fixed ones are gone from the current state, accepted ones are done-but-apart, the rest block.
 */
function noOpenFindings(input: PlanStateInput, now: Date, ruleIds: readonly string[], principalFilter?: (arn: string | null) => boolean): TaskEvaluation {
  const blocking: PlanBlocker[] = [];
  const apart: AcceptedApart[] = [];
  let total = 0;
  for (const finding of findingsOfRules(input, ruleIds)) {
    if (finding.status === 'resolved') continue;
    if (principalFilter !== undefined && !principalFilter(finding.principalArn)) continue;
    total += 1;
    if (isBlockingStatus(finding, now)) blocking.push({ fingerprint: finding.fingerprint });
    else apart.push({ fingerprint: finding.fingerprint, until: finding.until ?? null });
  }
  return result(total - blocking.length, total, blocking, apart);
}

/**
 * "Every agent of a kind meets a condition": an agent that does not meet it blocks unless a finding of
 * `acceptedRule` on it is accepted (then it is handled, listed apart by that finding).
 */
function everyAgent(input: PlanStateInput, now: Date, among: (agent: PlanAgentInput) => boolean, meets: (agent: PlanAgentInput) => boolean, acceptedRules: readonly string[] = []): TaskEvaluation {
  const acceptedOn = new Map<string, PlanFindingInput[]>();
  for (const finding of findingsOfRules(input, acceptedRules)) {
    if (finding.principalArn === null || !acceptanceHolds(finding, now)) continue;
    const list = acceptedOn.get(finding.principalArn) ?? [];
    list.push(finding);
    acceptedOn.set(finding.principalArn, list);
  }
  const blocking: PlanBlocker[] = [];
  const apart: AcceptedApart[] = [];
  let total = 0;
  for (const agent of input.agents) {
    if (!among(agent)) continue;
    total += 1;
    if (meets(agent)) continue;
    const accepted = acceptedOn.get(agent.arn);
    if (accepted === undefined) blocking.push({ arn: agent.arn });
    else for (const finding of accepted) apart.push({ fingerprint: finding.fingerprint, until: finding.until ?? null });
  }
  return result(total - blocking.length, total, blocking, apart);
}

/** Decommissioned identities are out of the plan's way: they are gone or going. */
const live = (agent: PlanAgentInput): boolean => agent.status !== 'decommissioned';
const liveAi = (agent: PlanAgentInput): boolean => live(agent) && agent.ai;
const liveTier1 = (agent: PlanAgentInput): boolean => live(agent) && agent.tier === 1;
const filled = (value: string | null | undefined): boolean => typeof value === 'string' && value.trim() !== '';

/** The accounts the plan covers: those the team listed, else those the workspace has scanned. */
export function planAccounts(input: PlanStateInput): PlanAccountInput[] {
  const known = new Map(input.accounts.map((account) => [account.accountId, account]));
  const ids = input.declaredAccounts.length > 0 ? [...new Set(input.declaredAccounts)] : [...known.keys()];
  return ids.sort().map((accountId) => known.get(accountId) ?? { accountId, newestScanAt: null, scansLast14Days: [] });
}

const withinDays = (iso: string | null, now: Date, days: number): boolean => {
  if (iso === null) return false;
  const at = Date.parse(iso);
  return Number.isFinite(at) && at <= now.getTime() && now.getTime() - at <= days * DAY_MS;
};

function everyAccount(input: PlanStateInput, meets: (account: PlanAccountInput) => boolean): TaskEvaluation {
  const accounts = planAccounts(input);
  const blocking: PlanBlocker[] = accounts.filter((account) => !meets(account)).map((account) => ({ accountId: account.accountId }));
  const evaluation = result(accounts.length - blocking.length, accounts.length, blocking, []);
  // Nothing to cover is not "every account is scanned": the plan starts with a scan or an import.
  return accounts.length === 0 ? { ...evaluation, status: 'open' } : evaluation;
}

/**
 * Scanned in each of the two last weeks: one scan less than 7 days old and one 7 to 14 days old, so a
 * team scanning every Monday meets it on the Monday itself (last week's scan is exactly 7 days old).
 */
function scannedWeeklyForTwoWeeks(account: PlanAccountInput, now: Date): boolean {
  const ages = account.scansLast14Days.map((iso) => now.getTime() - Date.parse(iso)).filter((age) => Number.isFinite(age) && age >= 0 && age <= 14 * DAY_MS);
  return ages.some((age) => age < 7 * DAY_MS) && ages.some((age) => age >= 7 * DAY_MS);
}

export const PLAN_TASKS: readonly PlanTaskDefinition[] = [
  {
    id: 'w1-accounts-scanned',
    week: 1,
    step: 1,
    title: 'Scan or import every account',
    kind: 'measured',
    criterion: 'Every account the team listed is scanned or imported within the last 7 days.',
    evaluate: (input, now) => everyAccount(input, (account) => withinDays(account.newestScanAt, now, 7)),
  },
  {
    id: 'w1-ai-owner',
    week: 1,
    step: 1,
    title: 'Give every AI agent an owner',
    kind: 'measured',
    criterion: 'Every AI agent has an owner.',
    evaluate: (input, now) => everyAgent(input, now, liveAi, (agent) => filled(agent.owner), [RULE.missingOwner]),
  },
  {
    id: 'w1-ai-purpose-scope',
    week: 1,
    step: 1,
    title: 'Record each AI agent’s purpose and data scope',
    kind: 'measured',
    criterion: 'Every AI agent has a purpose and a data scope.',
    evaluate: (input, now) => everyAgent(input, now, liveAi, (agent) => filled(agent.purpose) && filled(agent.dataScope)),
  },
  {
    id: 'w1-tier1-confirmed',
    week: 1,
    step: 2,
    title: 'Confirm the Tier 1 agents',
    kind: 'measured',
    criterion: 'Every Tier 1 agent’s tier has been confirmed or overridden by a person.',
    evaluate: (input, now) => everyAgent(input, now, liveTier1, (agent) => agent.tierOverridden || agent.tierConfirmed === true),
  },
  {
    id: 'w2-tier1-no-long-lived-keys',
    week: 2,
    step: 3,
    title: 'Take long-lived keys off Tier 1 agents',
    kind: 'measured',
    criterion: 'No Tier 1 agent uses a long-lived access key.',
    evaluate: (input, now) => everyAgent(input, now, liveTier1, (agent) => agent.activeKeyCount === 0, [RULE.staticKey]),
  },
  {
    id: 'w2-oidc-subject-pinned',
    week: 2,
    step: 3,
    title: 'Pin the subject of every OIDC trust',
    kind: 'measured',
    criterion: 'Every OIDC trust pins the token subject.',
    evaluate: (input, now) => noOpenFindings(input, now, [RULE.oidcWithoutSub]),
  },
  {
    id: 'w2-keys-rotated',
    week: 2,
    step: 3,
    title: 'Rotate keys older than 90 days',
    kind: 'measured',
    criterion: 'No active key is older than 90 days.',
    evaluate: (input, now) => noOpenFindings(input, now, [RULE.keyNotRotated]),
  },
  {
    id: 'w2-tier1-no-shared-identity',
    week: 2,
    step: 3,
    title: 'Give each Tier 1 agent its own identity',
    kind: 'measured',
    criterion: 'No shared identity among Tier 1 agents.',
    evaluate: (input, now) => {
      const tier1 = new Set(input.agents.filter(liveTier1).map((agent) => agent.arn));
      return noOpenFindings(input, now, [RULE.sharedIdentity], (arn) => arn !== null && tier1.has(arn));
    },
  },
  {
    id: 'w2-no-third-party-ai-key',
    week: 2,
    step: 3,
    title: 'Move third-party AI keys out of function environments',
    kind: 'measured',
    criterion: 'No third-party AI key in a function’s environment.',
    evaluate: (input, now) => noOpenFindings(input, now, [RULE.thirdPartyAiKey]),
  },
  {
    id: 'w2-unused-decommissioned',
    week: 2,
    step: 1,
    title: 'Decommission unused identities',
    kind: 'measured',
    criterion: 'Unused identities are decommissioned or accepted.',
    evaluate: (input, now) => noOpenFindings(input, now, [RULE.unused]),
  },
  {
    id: 'w3-weekly-scans',
    week: 3,
    step: 5,
    title: 'Scan every account weekly',
    kind: 'measured',
    criterion: 'Every account is scanned at least weekly for the last two weeks.',
    evaluate: (input, now) => everyAccount(input, (account) => scannedWeeklyForTwoWeeks(account, now)),
  },
  {
    id: 'w3-no-unregistered-ai',
    week: 3,
    step: 5,
    title: 'Register every AI agent',
    kind: 'measured',
    criterion: 'No unregistered AI agent.',
    evaluate: (input, now) => everyAgent(input, now, liveAi, (agent) => agent.status !== 'unregistered', [RULE.shadowAi]),
  },
  {
    id: 'w3-onboarding-path',
    week: 3,
    step: 5,
    title: 'Announce the onboarding path',
    kind: 'manual',
    criterion: 'An onboarding path is announced to the teams that build agents.',
    evaluate: () => null,
  },
  {
    id: 'w4-review-cadence',
    week: 4,
    step: 10,
    title: 'Set the review cadence per tier',
    kind: 'measured',
    criterion: 'A review cadence is set per tier.',
    // A setting, not an agent or a finding: nothing to point at when it is missing.
    evaluate: (input) => ({ status: input.reviewCadenceSet ? 'done' : 'open', progress: { done: input.reviewCadenceSet ? 1 : 0, total: 1 }, blocking: [], acceptedApart: [] }),
  },
  {
    id: 'w4-first-tier1-review',
    week: 4,
    step: 10,
    title: 'Hold the first Tier 1 review',
    // Manual where the workspace cannot record review meetings; measured from them where it can.
    kind: 'manual',
    criterion: 'A review meeting was held and decided on at least one Tier 1 agent.',
    evaluate: (input) => {
      if (input.tier1ReviewDecisions === undefined) return null;
      const held = input.tier1ReviewDecisions > 0;
      return { status: held ? 'done' : 'open', progress: { done: held ? 1 : 0, total: 1 }, blocking: [], acceptedApart: [] };
    },
  },
  {
    id: 'w4-no-review-overdue',
    week: 4,
    step: 10,
    title: 'Catch up on overdue reviews',
    kind: 'measured',
    criterion: 'No review is overdue.',
    evaluate: (input, now) => noOpenFindings(input, now, [RULE.reviewOverdue]),
  },
  {
    id: 'w4-team-policy',
    week: 4,
    step: 10,
    title: 'Enable a team policy and clear Tier 1 violations',
    kind: 'measured',
    criterion: 'At least one team policy is enabled and no open policy violation on a Tier 1 agent.',
    evaluate: (input, now) => {
      const tier1 = new Set(input.agents.filter(liveTier1).map((agent) => agent.arn));
      const violations = noOpenFindings(input, now, [RULE.policyViolation], (arn) => arn !== null && tier1.has(arn));
      const enabled = input.enabledTeamPolicies > 0 ? 1 : 0;
      // The enabled policy is one more criterion to meet; it has no agent or finding to point at.
      return {
        ...violations,
        status: enabled === 1 && violations.blocking.length === 0 ? 'done' : 'open',
        progress: { done: violations.progress.done + enabled, total: violations.progress.total + 1 },
      };
    },
  },
  {
    id: 'w4-human-approval',
    week: 4,
    step: 7,
    title: 'Decide human approval for Tier 1 high-impact actions',
    // Manual, but measured where Bedrock action groups exist (their findings say whether a person confirms).
    kind: 'manual',
    criterion: 'Human approval for Tier 1 high-impact actions is decided (measured where Bedrock action groups exist: no action group without confirmation).',
    evaluate: (input, now) => (input.bedrockActionGroups > 0 ? noOpenFindings(input, now, [RULE.bedrockWithoutConfirmation]) : null),
  },
];

/** The built-in task of this id (undefined: not a built-in one). */
export const planTask = (id: string): PlanTaskDefinition | undefined => PLAN_TASKS.find((task) => task.id === id);

/** Whether a task is measured in this state (a manual task with a measurable criterion is, where it applies). */
export const isMeasuredIn = (task: PlanTaskDefinition, input: PlanStateInput, now: Date): boolean => task.evaluate(input, now) !== null;

/** Every built-in task's evaluation (null for those a person decides), in the plan's order. */
export function evaluatePlan(input: PlanStateInput, now: Date): { id: string; evaluation: TaskEvaluation | null }[] {
  return PLAN_TASKS.map((task) => ({ id: task.id, evaluation: task.evaluate(input, now) }));
}

export type PlanPosition = { phase: 'before'; day: number } | { phase: 'after'; day: number } | { phase: 'week'; week: PlanWeekNumber; day: number };

const utcDay = (date: Date): number => Math.floor(date.getTime() / DAY_MS);

/**
 * Where `now` stands in a plan started on `startDate` (ISO date or date-time): day 0 is the start's UTC
 * day; days 0–6 are week 1 … days 21–27 week 4; before day 0 'before', from day 28 'after'. Counted in
 * whole UTC days so the position does not move with the hour of the start.
 */
export function planWeek(startDate: string, now: Date): PlanPosition {
  const start = Date.parse(startDate);
  if (!Number.isFinite(start)) throw new RangeError(`Not a date: ${startDate}`);
  const day = utcDay(now) - utcDay(new Date(start));
  if (day < 0) return { phase: 'before', day };
  if (day >= 28) return { phase: 'after', day };
  return { phase: 'week', week: (Math.floor(day / 7) + 1) as PlanWeekNumber, day };
}

/**
 * A measured task's status across two evaluations: done before and not now is 'regressed' (reopened,
 * noted in the audit log by the caller); otherwise today's status. `previousDone` null: no earlier
 * evaluation.
 */
export function taskStatusAcrossScans(previousDone: boolean | null, nowDone: boolean): 'done' | 'open' | 'regressed' {
  if (nowDone) return 'done';
  return previousDone === true ? 'regressed' : 'open';
}
