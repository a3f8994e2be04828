/**
 * Who created an identity, from the CloudTrail creator records of its account's scans (the collector
 * in aws/collectors/creators/): the identity's own creation when it was looked up, else the newest
 * creation of something that runs as it or belongs to it (a Lambda function, a Bedrock agent, a
 * Bedrock API key) — what made a known role an AI agent. Pure.
 */
import type { SuggestedOwner } from '@shared/contract';
import type { CreatorFacts } from '../../discovery/facts';
import type { DiffCreation } from './scan-diff';

const newer = (a: CreatorFacts, b: CreatorFacts): boolean => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.eventId > b.eventId);

/** The creation record that answers "who created this identity", by identity ARN. */
export function creationsByIdentity(records: readonly CreatorFacts[]): Map<string, CreatorFacts> {
  const own = new Map<string, CreatorFacts>();
  const related = new Map<string, CreatorFacts>();
  for (const record of records) {
    if (record.identityArn === null) continue;
    const map = record.resourceArn === record.identityArn ? own : related;
    const current = map.get(record.identityArn);
    if (current === undefined || newer(record, current)) map.set(record.identityArn, record);
  }
  for (const [arn, record] of related) if (!own.has(arn)) own.set(arn, record);
  return own;
}

/** The diff's `createdBy`/`createdAt` per identity ARN. */
export function diffCreations(records: readonly CreatorFacts[]): Map<string, DiffCreation> {
  const out = new Map<string, DiffCreation>();
  for (const [arn, record] of creationsByIdentity(records)) out.set(arn, { createdBy: record.createdBy, createdAt: record.createdAt });
  return out;
}

const RESOURCE_WORDS: Readonly<Record<string, string>> = {
  'iam-role': 'role',
  'iam-user': 'user',
  'service-specific-credential': 'service-specific credential',
  'lambda-function': 'Lambda function',
  'bedrock-agent': 'Bedrock agent',
  'bedrock-knowledge-base': 'knowledge base',
  'sagemaker-endpoint': 'SageMaker endpoint',
  'sagemaker-notebook': 'SageMaker notebook',
};

/** `30 Nov 2025`, in UTC: the same words on every machine. */
export function evidenceDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
}

/** What the record created, as words: "it" for the identity itself, else the resource's kind and name. */
function what(record: CreatorFacts, identityArn: string): string {
  if (record.resourceArn === identityArn) return 'created';
  const word = RESOURCE_WORDS[record.resourceType] ?? record.resourceType;
  const name = record.resourceArn.split(/[:/]/).at(-1) ?? record.resourceArn;
  return `created the ${word} ${name}, which runs as it,`;
}

/**
 * A suggested owner for an identity: the person who created it (or what runs as it), as CloudTrail
 * says, else the owner its tags name. Null when neither: a role or a service that created it is not an
 * owner a person can answer for. `evidence` is plain text (names are AWS's: shown as text, never markup).
 */
export function suggestedOwner(
  identityArn: string,
  records: readonly CreatorFacts[],
  tagOwner: { owner: string; tag: string | null } | null,
): SuggestedOwner | null {
  const record = creationsByIdentity(records).get(identityArn);
  if (record !== undefined && record.person) {
    const via = record.via !== null ? ` through ${record.via}` : '';
    return {
      name: record.createdBy,
      evidence: `${what(record, identityArn)} by ${record.createdBy}${via} on ${evidenceDate(record.createdAt)} (CloudTrail ${record.eventName})`.replace(/^./, (c) => c.toUpperCase()),
      source: 'cloudtrail',
    };
  }
  if (tagOwner !== null) return { name: tagOwner.owner, evidence: tagOwner.tag !== null ? `Its tag ${tagOwner.tag} names this owner` : 'Its tags name this owner', source: 'tag' };
  return null;
}
