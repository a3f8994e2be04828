/**
 * Just enough policy reading for the inventory: which AI actions an identity policy allows, and who a
 * trust policy lets in. The full evaluator (Deny, conditions, NotAction, boundaries) belongs to the
 * analysis; these are signals, read the way a reviewer skims a policy.
 */
import type { JsonValue, PolicyDocument } from '../../discovery/facts';
import { aiNamespaceOfAction, aiServiceOfPrincipal, isNonUseAction } from './ai-services';
import type { TrustSummary } from './types';

type JsonRecord = { [key: string]: JsonValue };

function isRecord(value: JsonValue | undefined): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A document's statements: `Statement` may be one object or a list. */
export function statementsOf(document: PolicyDocument | null): JsonRecord[] {
  const statement = document?.['Statement'];
  if (Array.isArray(statement)) return statement.filter(isRecord);
  return isRecord(statement) ? [statement] : [];
}

/** A string-or-list field as a list of strings (other values dropped). */
export function stringList(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function isAllow(statement: JsonRecord): boolean {
  return statement['Effect'] === 'Allow';
}

/**
 * A policy whose Allow statements name more services than this is a catalogue (ReadOnlyAccess,
 * ViewOnlyAccess, SecurityAudit, the policies of AWS Config's and Support's service-linked roles): it
 * lists `comprehend:Describe*` because it lists everything. Like `*`, that speaks to breadth, not to
 * an AI purpose; AI-focused policies, AmazonSageMakerFullAccess included, name far fewer.
 */
export const CATALOGUE_POLICY_SERVICES = 50;

export interface AiActionsReading {
  /** The AI action patterns allowed that can use the service, in document order, without repeats. */
  actions: string[];
  /** The policy names more than CATALOGUE_POLICY_SERVICES services; `actions` is then empty. */
  catalogue: boolean;
}

/**
 * The AI action patterns the document's Allow statements name.
 *
 * Deny statements grant nothing, so a Deny on `bedrock:*` (a common guardrail in boundaries) is not a
 * signal. `NotAction` statements are skipped: "everything except X" is as unspecific as `*`. Patterns
 * that only read metadata or tidy up (`bedrock:List*`, `sagemaker:StopNotebookInstance`) are skipped:
 * see NON_USE_ACTION_VERBS.
 */
export function readAiActions(document: PolicyDocument | null): AiActionsReading {
  const found: string[] = [];
  const seen = new Set<string>();
  const services = new Set<string>();
  for (const statement of statementsOf(document)) {
    if (!isAllow(statement)) continue;
    for (const action of stringList(statement['Action'])) {
      const colon = action.indexOf(':');
      if (colon > 0) services.add(action.slice(0, colon).toLowerCase());
      if (aiNamespaceOfAction(action) === null || isNonUseAction(action)) continue;
      const key = action.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(action);
    }
  }
  const catalogue = services.size > CATALOGUE_POLICY_SERVICES;
  return { actions: catalogue ? [] : found, catalogue };
}

/** The AI action patterns the document allows (none for a catalogue policy); see `readAiActions`. */
export function allowedAiActions(document: PolicyDocument | null): string[] {
  return readAiActions(document).actions;
}

/** Who the trust policy's Allow statements name (conditions are not evaluated here). */
export function summariseTrust(document: PolicyDocument): TrustSummary {
  const services = new Set<string>();
  const aws = new Set<string>();
  const federated = new Set<string>();
  let anyPrincipal = false;
  for (const statement of statementsOf(document)) {
    if (!isAllow(statement)) continue;
    const principal = statement['Principal'];
    if (principal === '*') {
      anyPrincipal = true;
      continue;
    }
    if (!isRecord(principal)) continue;
    for (const service of stringList(principal['Service'])) services.add(service);
    for (const entry of stringList(principal['AWS'])) {
      aws.add(entry);
      if (entry === '*') anyPrincipal = true;
    }
    for (const provider of stringList(principal['Federated'])) federated.add(provider);
  }
  return { services: [...services].sort(), aws: [...aws].sort(), federated: [...federated].sort(), anyPrincipal };
}

/** The AI service principals a trust summary names, e.g. `bedrock.amazonaws.com`. */
export function aiServicePrincipals(trust: TrustSummary): string[] {
  return trust.services.filter((service) => aiServiceOfPrincipal(service) !== null);
}
