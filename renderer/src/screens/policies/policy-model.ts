/** The Policies screen's pure parts: its routes, the editor's draft, and words for an evaluation. */
import type { ChannelInput, ExpressionProblemInfo, PolicyEvaluationInfo, PolicySeverityName, UserPolicyInfo } from '@shared/contract';
import { POLICY_EXPRESSION_MAX_LENGTH } from '@shared/policy-language';

export const POLICIES_PATH = '/policies';
export const NEW_POLICY_PATH = '/policies/new';

export function editPolicyPath(id: string): string {
  return `/policies/edit/${encodeURIComponent(id)}`;
}

export type PoliciesRoute = { view: 'list' } | { view: 'new' } | { view: 'edit'; id: string };

export function parsePoliciesRoute(path: string): PoliciesRoute {
  const route = path.split('?')[0] ?? '';
  if (route === NEW_POLICY_PATH) return { view: 'new' };
  const edit = /^\/policies\/edit\/([^/]+)$/.exec(route);
  if (edit?.[1] !== undefined) {
    try {
      return { view: 'edit', id: decodeURIComponent(edit[1]) };
    } catch {
      return { view: 'list' };
    }
  }
  return { view: 'list' };
}

/** Findings of the governance rule on the Findings screen. */
export const POLICY_FINDINGS_PATH = '/findings?rule=governance_policy_violation';

/** The findings of one governance policy (built-in or the team's) on the Findings screen. */
export function policyFindingsPath(policyId: string): string {
  return `${POLICY_FINDINGS_PATH}&policy=${encodeURIComponent(policyId)}`;
}

export interface PolicyDraftFields {
  name: string;
  description: string;
  severity: PolicySeverityName;
  appliesTo: string;
  condition: string;
  remediation: string;
  enabled: boolean;
}

export const EMPTY_DRAFT: PolicyDraftFields = {
  name: '',
  description: '',
  severity: 'medium',
  appliesTo: '',
  condition: '',
  remediation: '',
  enabled: true,
};

export function draftOf(policy: UserPolicyInfo): PolicyDraftFields {
  return {
    name: policy.name,
    description: policy.description,
    severity: policy.severity,
    appliesTo: policy.appliesTo ?? '',
    condition: policy.condition,
    remediation: policy.remediation,
    enabled: policy.enabled,
  };
}

/** The `policies:save` input for a draft (id null: a new policy). */
export function saveInput(id: string | null, draft: PolicyDraftFields): ChannelInput<'policies:save'> {
  return {
    id,
    name: draft.name.trim(),
    description: draft.description.trim(),
    severity: draft.severity,
    condition: draft.condition,
    appliesTo: draft.appliesTo.trim() === '' ? null : draft.appliesTo,
    remediation: draft.remediation.trim(),
    enabled: draft.enabled,
  };
}

/** The same policy with `enabled` flipped (the list's switch). */
export function toggledInput(policy: UserPolicyInfo): ChannelInput<'policies:save'> {
  return { ...saveInput(policy.id, draftOf(policy)), enabled: !policy.enabled };
}

export interface DraftErrors {
  name?: string;
  condition?: string;
  appliesTo?: string;
}

/** What can be said before asking the back end (which compiles the expressions). */
export function checkDraft(draft: PolicyDraftFields): DraftErrors {
  const errors: DraftErrors = {};
  if (draft.name.trim() === '') errors.name = 'Give the policy a name; its findings are titled by it.';
  else if (draft.name.trim().length > 120) errors.name = 'Keep the name under 120 characters.';
  if (draft.condition.trim() === '') errors.condition = 'Write the condition every agent in scope must satisfy.';
  else if (draft.condition.length > POLICY_EXPRESSION_MAX_LENGTH) errors.condition = `At most ${POLICY_EXPRESSION_MAX_LENGTH} characters (${draft.condition.length} now).`;
  if (draft.appliesTo.length > POLICY_EXPRESSION_MAX_LENGTH) errors.appliesTo = `At most ${POLICY_EXPRESSION_MAX_LENGTH} characters (${draft.appliesTo.length} now).`;
  return errors;
}

/** "Line 2, column 5: No such key: ownr" */
export function problemText(problem: ExpressionProblemInfo): string {
  return `Line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/** The line with a caret under the column, for a monospace block. */
export function caretLines(problem: ExpressionProblemInfo): string {
  return `${problem.excerpt}\n${' '.repeat(Math.max(0, problem.column - 1))}^`;
}

/** "3 of 12 failing", or why there is no figure. */
export function evaluationSummary(evaluation: PolicyEvaluationInfo | null, enabled: boolean): string {
  if (!enabled) return 'Disabled';
  if (evaluation === null) return 'Not evaluated yet';
  if (evaluation.compileError !== null) return 'Does not compile';
  if (evaluation.evaluated === 0 && evaluation.errors === 0) return 'No agent in scope';
  return `${evaluation.failing} of ${evaluation.evaluated} failing`;
}
