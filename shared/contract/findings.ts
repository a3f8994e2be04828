/** `findings:*` — findings and their lifecycle (accept, reopen, resolve). Handler: electron/core/handlers/findings-handlers.ts. */
import { z } from 'zod';
import { channel, type ChannelTable } from './channel';
import { isoDateSchema, viewChoiceSchema } from './common';
import { viewSchema } from './scans';
import { StoredJsonObject } from '../stored-json';

export const SEVERITY_NAMES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const severitySchema = z.enum(SEVERITY_NAMES);
export type SeverityName = z.infer<typeof severitySchema>;
export const FINDING_STATUSES = ['new', 'open', 'accepted', 'resolved', 'regressed'] as const;
export const findingStatusSchema = z.enum(FINDING_STATUSES);

/**
 * A finding's evidence: a JSON object. In a reply the loopback server writes, it may be the stored
 * text of one, carried unparsed and written as it is (shared/stored-json.ts, dispatch.ts `json`): every
 * reader still receives the object. The text is taken as it is, unparsed: the store only keeps valid
 * JSON (CHECK json_valid) and `StoredJsonObject.of` only wraps the text of an object.
 */
const evidenceSchema = z.custom<Record<string, unknown>>(
  (value) => value instanceof StoredJsonObject || (typeof value === 'object' && value !== null && !Array.isArray(value)),
  'expected an object',
);

export const findingRowSchema = z.object({
  fingerprint: z.string(),
  /** The scan this row comes from (for a finding resolved since, the earlier scan that still had it). */
  scanId: z.string(),
  ruleId: z.string(),
  severity: severitySchema,
  step: z.number().int(),
  title: z.string(),
  principalArn: z.string().nullable(),
  resourceArn: z.string(),
  resourceId: z.string().nullable(),
  accountId: z.string(),
  region: z.string().nullable(),
  evidence: evidenceSchema,
  remediation: z.string(),
  fix: z.object({ kind: z.enum(['aws-cli', 'policy-json']), text: z.string() }),
  frameworks: z.array(z.string()),
  explanation: z.string(),
  status: findingStatusSchema,
  /** True when the previous scan of the account did not have it. */
  isNew: z.boolean(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  acceptance: z.object({ reason: z.string(), until: z.string(), by: z.string().nullable(), at: z.string() }).nullable(),
});
export type FindingRow = z.infer<typeof findingRowSchema>;

/**
 * A finding as a list shows it (`findings:summaries`): the row without what only an opened finding
 * shows — its evidence, explanation, remediation and fix (`findings:details`), most of a row's size —
 * and with the governance policy it breaks (from its evidence), which the list filters by.
 */
export const findingSummarySchema = findingRowSchema.omit({ evidence: true, explanation: true, remediation: true, fix: true }).extend({
  /** For `governance_policy_violation`: the team policy broken (its ID and name); null otherwise. */
  policy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
});
export type FindingSummary = z.infer<typeof findingSummarySchema>;

/** What an opened finding shows beyond its summary. */
export const findingDetailsSchema = findingRowSchema.pick({ evidence: true, explanation: true, remediation: true, fix: true });
export type FindingDetailsView = z.infer<typeof findingDetailsSchema>;

const decisionSchema = findingRowSchema.pick({ fingerprint: true, status: true, acceptance: true });
/** Several findings decided at once (bulk triage): each once, at most a thousand. */
const fingerprintsSchema = z
  .array(z.string().min(1))
  .min(1, 'choose at least one finding')
  .max(1000, 'at most 1,000 findings at once');
const acceptanceReasonSchema = z.string().trim().min(10, 'say why, in at least 10 characters').max(2000);
const resolutionNoteSchema = z.string().trim().min(3).max(2000);

export const findingsChannels = {
  'findings:list': channel(
    'read',
    'Findings of every account’s newest scan (or of one account, or of one scan) with their lifecycle (new, open, accepted, regressed) and what each scan resolved since the previous scan of its account.',
    viewChoiceSchema.extend({
      severity: severitySchema.nullable().default(null),
      ruleId: z.string().nullable().default(null),
      status: findingStatusSchema.nullable().default(null),
    }),
    z.object({ view: viewSchema, findings: z.array(findingRowSchema), resolvedSinceLastScan: z.array(findingRowSchema) }),
  ),
  'findings:summaries': channel(
    'read',
    'The findings of `findings:list` as a list shows them: without their evidence, explanation, remediation and fix (`findings:details` gives those of one finding).',
    viewChoiceSchema.extend({
      severity: severitySchema.nullable().default(null),
      ruleId: z.string().nullable().default(null),
      status: findingStatusSchema.nullable().default(null),
    }),
    z.object({ view: viewSchema, findings: z.array(findingSummarySchema), resolvedSinceLastScan: z.array(findingSummarySchema) }),
  ),
  'findings:details': channel(
    'read',
    'One finding’s evidence, explanation, remediation and fix, in the scan its row names (`scanId` of `findings:summaries`).',
    z.object({ scanId: z.string().min(1), fingerprint: z.string().min(1) }),
    findingDetailsSchema,
  ),
  'findings:accept': channel(
    'write',
    'Accept a finding’s risk until a date, with a reason (recorded in the audit log); it reopens when the date passes.',
    z.object({
      fingerprint: z.string().min(1),
      reason: acceptanceReasonSchema,
      until: isoDateSchema,
    }),
    decisionSchema,
  ),
  'findings:acceptMany': channel(
    'write',
    'Accept the risk of several findings until one date, with one reason: all or none (one transaction), one audit entry per finding.',
    z.object({ fingerprints: fingerprintsSchema, reason: acceptanceReasonSchema, until: isoDateSchema }),
    z.object({ changed: z.array(decisionSchema) }),
  ),
  'findings:reopen': channel(
    'write',
    'Withdraw an acceptance or a manual resolution (recorded in the audit log).',
    z.object({ fingerprint: z.string().min(1), reason: z.string().trim().max(2000).default('') }),
    findingRowSchema.pick({ fingerprint: true, status: true, acceptance: true }),
  ),
  'findings:resolve': channel(
    'write',
    'Mark a finding resolved by hand (the next scan confirms it, or it comes back as regressed).',
    z.object({ fingerprint: z.string().min(1), note: resolutionNoteSchema }),
    decisionSchema,
  ),
  'findings:resolveMany': channel(
    'write',
    'Mark several findings resolved by hand with one note: all or none (one transaction), one audit entry per finding.',
    z.object({ fingerprints: fingerprintsSchema, note: resolutionNoteSchema }),
    z.object({ changed: z.array(decisionSchema) }),
  ),
} as const satisfies ChannelTable<'findings'>;
