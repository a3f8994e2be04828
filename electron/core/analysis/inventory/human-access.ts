/**
 * People are not agents: which identities people sign in through. A role is human access when IAM
 * Identity Center made it for a permission set (`/aws-reserved/sso.amazonaws.com/`, judged by path
 * in derive-inventory) or when its trust lets in only SAML federation (people from the company's
 * identity provider); an IAM user is when someone signs in with its console password and nothing
 * marks it a workload. Human access is still analysed for privilege, but never counted as an AI agent
 * or shadow AI. The rules share this judgement (rules/identities.ts).
 */
import type { JsonValue, PolicyDocument, Tags } from '../../discovery/facts';
import { statementsOf, stringList } from './policy-reading';
import type { InventoryCredential } from './types';

/** Tag keys that say "this identity is a workload" whatever its credentials look like. */
const WORKLOAD_TAG_KEYS: ReadonlySet<string> = new Set(['workload', 'service', 'application', 'app', 'tool', 'automation', 'ci', 'bot', 'pipeline']);
/** Tag keys naming an identity's kind, and the values that mean a machine. */
const KIND_TAG_KEYS: ReadonlySet<string> = new Set(['identity-type', 'identitytype', 'principal-type', 'principaltype', 'type', 'kind', 'usage']);
const MACHINE_KIND_VALUES: ReadonlySet<string> = new Set(['machine', 'service', 'bot', 'workload', 'automation', 'ci', 'non-human', 'nonhuman', 'system', 'service-account']);

export function hasWorkloadTags(tags: Tags): boolean {
  for (const [key, value] of Object.entries(tags)) {
    const k = key.trim().toLowerCase();
    if (WORKLOAD_TAG_KEYS.has(k)) return true;
    if (KIND_TAG_KEYS.has(k) && MACHINE_KIND_VALUES.has(value.trim().toLowerCase())) return true;
  }
  return false;
}

/** A user a person signs in as: an enabled console password, no workload tags, no workloads running as it. */
export function isHumanAccessUser(credentials: readonly InventoryCredential[], tags: Tags, workloadCount: number): boolean {
  const password = credentials.find((credential) => credential.type === 'console-password');
  return password?.enabled === true && !hasWorkloadTags(tags) && workloadCount === 0;
}

function isSamlProvider(principal: string): boolean {
  return /:saml-provider\//.test(principal);
}

/**
 * The trust policy's Allow statements let in SAML-federated people only: every one names a SAML
 * provider (or allows only `sts:AssumeRoleWithSAML`), and at least one does. A role that also trusts
 * a service, an account or an OIDC workload is used by machines too: not human access.
 */
export function trustsOnlySaml(document: PolicyDocument | null): boolean {
  let saml = false;
  for (const statement of statementsOf(document)) {
    if (statement['Effect'] !== 'Allow') continue;
    const principal: JsonValue | undefined = statement['Principal'];
    const actions = stringList(statement['Action']);
    const samlAction = actions.length > 0 && actions.every((action) => /^sts:(AssumeRoleWithSAML|TagSession|SetSourceIdentity)$/i.test(action));
    if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return false;
    const keys = Object.keys(principal);
    const federated = stringList(principal['Federated']);
    const onlySamlPrincipals = keys.length === 1 && keys[0] === 'Federated' && federated.length > 0 && federated.every(isSamlProvider);
    if (!onlySamlPrincipals && !(samlAction && keys.every((key) => key === 'Federated'))) return false;
    saml = true;
  }
  return saml;
}
