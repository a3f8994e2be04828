/**
 * `policies:*` — governance policies: the built-ins of step 10 and the team's own CEL policies.
 * Handler: electron/core/handlers/policies-handlers.ts. The agent view a CEL expression sees is
 * documented in shared/policy-language.ts.
 */
import { z } from 'zod';
import { channel, type ChannelTable } from './channel';
import { tierSchema, viewChoiceSchema } from './common';
import { severitySchema } from './findings';
import { viewSchema } from './scans';

/** A user policy's severity: "info" is left out, a policy worth a finding is worth more. */
export const POLICY_SEVERITY_NAMES = ['critical', 'high', 'medium', 'low'] as const;
export const policySeveritySchema = z.enum(POLICY_SEVERITY_NAMES);
export type PolicySeverityName = z.infer<typeof policySeveritySchema>;

/** Generous on the wire; the engine gives the real limit (4 KiB) with a message about it. */
const policyExpressionSchema = z.string().max(16_384);

/** How a policy fared over the agents of the scans of a view (summed over them). */
export const policyEvaluationSchema = z.object({
  /** Agents in scope for which the condition was decided (passing + failing). */
  evaluated: z.number().int(),
  failing: z.number().int(),
  /** Agents in scope it could not be decided for (runtime error, or the run was stopped). */
  errors: z.number().int(),
  /** Agents its applies-to expression left out. */
  notApplicable: z.number().int(),
  /** The first error, naming its agent. */
  firstError: z.string().nullable(),
  /** The stored expression does not compile (nothing was evaluated). */
  compileError: z.string().nullable(),
});
export type PolicyEvaluationInfo = z.infer<typeof policyEvaluationSchema>;

export const userPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** CEL: must be true for every agent in scope. */
  condition: z.string(),
  /** CEL: which governed agents it concerns; null for all of them. */
  appliesTo: z.string().nullable(),
  severity: policySeveritySchema,
  remediation: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type UserPolicyInfo = z.infer<typeof userPolicySchema>;

export const builtInPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  severity: severitySchema,
  /** Which agents it concerns, in words. */
  scope: z.string(),
  /** The catalogue rule whose findings are its violations (a built-in raises no finding of its own). */
  ruleId: z.string(),
  /** Agents it fails for in the scan listed; null without a scan. */
  failing: z.number().int().nullable(),
});
export type BuiltInPolicyInfo = z.infer<typeof builtInPolicySchema>;

/** Create (id null) or replace a user policy. */
export const policyDraftSchema = z.object({
  id: z.string().min(1).nullable().default(null),
  name: z.string().trim().min(1, 'a policy needs a name').max(120),
  description: z.string().trim().max(2000).default(''),
  severity: policySeveritySchema,
  condition: policyExpressionSchema,
  appliesTo: policyExpressionSchema.nullable().default(null),
  remediation: z.string().trim().max(4000).default(''),
  enabled: z.boolean().default(true),
});
export type PolicyDraft = z.input<typeof policyDraftSchema>;

/** Where an expression does not compile, for people: 1-based line and column, and that line. */
export const expressionProblemSchema = z.object({
  field: z.enum(['condition', 'appliesTo']),
  message: z.string(),
  /** 0-based offset of the first character concerned, and how many characters. */
  offset: z.number().int(),
  length: z.number().int(),
  line: z.number().int(),
  column: z.number().int(),
  excerpt: z.string(),
});
export type ExpressionProblemInfo = z.infer<typeof expressionProblemSchema>;

export const policyTestResultSchema = z.object({
  /** The scans it was evaluated against (none when the workspace has none: then only compiled). */
  view: viewSchema,
  /** Empty when both expressions compile. */
  problems: z.array(expressionProblemSchema),
  /** Null when it does not compile or there is no scan. */
  evaluation: policyEvaluationSchema.nullable(),
  /** The first 50 agents it fails for. */
  failingAgents: z.array(z.object({ arn: z.string(), name: z.string(), kind: z.string(), accountId: z.string(), tier: tierSchema })),
  /** The first few agents it could not be decided for, with why. */
  errorSamples: z.array(z.object({ arn: z.string(), name: z.string(), message: z.string() })),
});
export type PolicyTestResult = z.infer<typeof policyTestResultSchema>;

export const policiesChannels = {
  'policies:list': channel(
    'read',
    'Governance policies: the built-ins (read-only) and the team’s own CEL policies, with how each fared on every account’s newest scan (or one account’s, or one scan).',
    viewChoiceSchema,
    z.object({
      view: viewSchema,
      builtIn: z.array(builtInPolicySchema),
      policies: z.array(userPolicySchema.extend({ evaluation: policyEvaluationSchema.nullable() })),
    }),
  ),
  'policies:save': channel(
    'write',
    'Create (id null) or replace a user policy; an expression that does not compile is refused with its position. Audited.',
    policyDraftSchema,
    userPolicySchema,
  ),
  'policies:delete': channel(
    'write',
    'Delete a user policy (audited); its findings leave the stored scans on their next read.',
    z.object({ id: z.string().min(1) }),
    z.object({ deleted: z.boolean() }),
  ),
  'policies:test': channel(
    'read',
    'Evaluate an unsaved condition (and applies-to) against the agents of every account’s newest scan (or one account’s, or one scan): counts, failing agents, errors. Saves nothing.',
    viewChoiceSchema.extend({ condition: policyExpressionSchema, appliesTo: policyExpressionSchema.nullable().default(null) }),
    policyTestResultSchema,
  ),
} as const satisfies ChannelTable<'policies'>;
