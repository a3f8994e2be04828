/**
 * Which AWS services count as AI services: their IAM action namespaces (for permissions and
 * service-last-accessed data) and their service principals (for trust policies).
 *
 * The list follows the "machine learning and AI" category of the IAM service catalogue, minus the
 * services that use ML internally but do not let an identity run models or agents (CodeGuru, DevOps
 * Guru, HealthLake, Omics, Monitron, medical imaging).
 */

export const AI_SERVICE_NAMESPACES: readonly string[] = [
  'agent-registry',
  'aidevops',
  'aiops',
  'aws-external-anthropic',
  'bedrock',
  'bedrock-agentcore',
  'bedrock-mantle',
  'bedrock-websearch',
  'cleanrooms-ml',
  'codewhisperer',
  'comprehend',
  'comprehendmedical',
  'forecast',
  'frauddetector',
  'groundtruthlabeling',
  'kendra',
  'kendra-ranking',
  'lex',
  'lookoutequipment',
  'lookoutmetrics',
  'lookoutvision',
  'machinelearning',
  'nova-act',
  'panorama',
  'personalize',
  'polly',
  'q',
  'qapps',
  'qbusiness',
  'qdeveloper',
  'rekognition',
  'sagemaker',
  'sagemaker-data-science-assistant',
  'sagemaker-geospatial',
  'sagemaker-mlflow',
  'sagemaker-unified-studio-mcp',
  'textract',
  'transcribe',
  'translate',
  'wisdom',
];

const AI_NAMESPACE_SET: ReadonlySet<string> = new Set(AI_SERVICE_NAMESPACES);

/** Service principal labels that differ from the namespace (`lexv2.amazonaws.com`, `channels.lex.amazonaws.com`). */
const EXTRA_PRINCIPAL_LABELS: readonly string[] = ['lexv2'];
const AI_PRINCIPAL_LABELS: ReadonlySet<string> = new Set([...AI_SERVICE_NAMESPACES, ...EXTRA_PRINCIPAL_LABELS]);

export function isAiNamespace(namespace: string): boolean {
  return AI_NAMESPACE_SET.has(namespace.toLowerCase());
}

/**
 * The AI namespace an action pattern of an Allow statement names, or null.
 *
 * `bedrock:InvokeModel`, `bedrock:*`, `SageMaker:Create*` name one. A bare `*`, `*:*` or `*:Invoke*`
 * does not: full admin is a permissions finding, not evidence of AI use, and would otherwise mark every
 * admin role an AI agent. A wildcard in the service part counts only once the full namespace is
 * spelled out (`bedrock*:*` → bedrock); `s*:*` matches S3 as much as SageMaker and does not count.
 */
export function aiNamespaceOfAction(pattern: string): string | null {
  const colon = pattern.indexOf(':');
  if (colon <= 0) return null;
  const service = pattern.slice(0, colon).trim().toLowerCase();
  if (AI_NAMESPACE_SET.has(service)) return service;
  const wildcard = service.search(/[*?]/);
  if (wildcard <= 0) return null;
  const literal = service.slice(0, wildcard);
  // The longest namespace the literal part spells out in full (`bedrock-agentcore*` → bedrock-agentcore).
  let best: string | null = null;
  for (const namespace of AI_SERVICE_NAMESPACES) {
    if (literal.startsWith(namespace) && (best === null || namespace.length > best.length)) best = namespace;
  }
  return best;
}

/**
 * Verbs of actions that do not use an AI service: reading metadata (listing agents, describing an
 * endpoint, getting a guardrail's configuration) and housekeeping (tagging, stopping or deleting a
 * resource). They cannot run or build a model, an agent or a job, so holding only these does not make
 * an identity an AI agent: audit, monitoring and cost-control roles hold them for every service.
 * Reading a model's answers is not one of them: `bedrock:InvokeModel` is a "Read" action in AWS's
 * catalogue, and it is exactly AI use.
 */
export const NON_USE_ACTION_VERBS: readonly string[] = ['List', 'Describe', 'Get', 'BatchGet', 'Tag', 'Untag', 'Stop', 'Delete'];

/**
 * True when every action the pattern can match is a non-use action (`bedrock:Get*`,
 * `sagemaker:DescribeEndpoint`, `sagemaker:StopNotebookInstance`); false for `bedrock:*`,
 * `bedrock:Invoke*`, `sagemaker:Create*`, or a pattern whose literal part stops before a full verb.
 */
export function isNonUseAction(pattern: string): boolean {
  const name = pattern.slice(pattern.indexOf(':') + 1);
  const wildcard = name.search(/[*?]/);
  const literal = (wildcard === -1 ? name : name.slice(0, wildcard)).toLowerCase();
  return NON_USE_ACTION_VERBS.some((verb) => literal.startsWith(verb.toLowerCase()));
}

/**
 * The AI service a trust-policy service principal names (`bedrock.amazonaws.com`,
 * `channels.lex.amazonaws.com`, `sagemaker.amazonaws.com.cn`), or null.
 */
export function aiServiceOfPrincipal(principal: string): string | null {
  const match = /^(.+)\.amazonaws\.com(\.cn)?$/i.exec(principal.trim());
  const host = match?.[1];
  if (host === undefined) return null;
  const labels = host.toLowerCase().split('.');
  return labels.find((label) => AI_PRINCIPAL_LABELS.has(label)) ?? null;
}

/**
 * Verbs of control-plane actions: they build, configure or wire up AI resources (create a Bedrock
 * agent, update an endpoint, associate a knowledge base) without running a model. An identity whose
 * AI permissions are all of this kind administers AI (a Terraform or CI deploy role) rather than runs
 * it: "manages AI", not an AI agent. Jobs are the exception (`CreateModelInvocationJob`,
 * `CreateTrainingJob`): creating one runs a model, so it is use.
 */
export const MANAGEMENT_ACTION_VERBS: readonly string[] = [
  'Create',
  'Update',
  'Put',
  'Associate',
  'Disassociate',
  'Prepare',
  'Attach',
  'Detach',
  'Add',
  'Remove',
  'Register',
  'Deregister',
  'Enable',
  'Disable',
  'Modify',
  'Import',
  'Copy',
  'Publish',
];

/**
 * True when every action the pattern can match administers AI resources without running a model
 * (`bedrock:CreateAgent`, `sagemaker:UpdateEndpoint`, `bedrock:Update*`); false for use
 * (`bedrock:InvokeModel`, `sagemaker:InvokeEndpoint`, `comprehend:DetectSentiment`), for jobs
 * (`sagemaker:CreateTrainingJob`), and for any pattern that may match use (`bedrock:*`, `bedrock:Create*`).
 */
export function isManagementAction(pattern: string): boolean {
  const name = pattern.slice(pattern.indexOf(':') + 1);
  const wildcard = name.search(/[*?]/);
  const literal = wildcard === -1 ? name : name.slice(0, wildcard);
  const verb = MANAGEMENT_ACTION_VERBS.find((candidate) => literal.toLowerCase().startsWith(candidate.toLowerCase()));
  if (verb === undefined) return false;
  // A full verb, then a resource name: `CreateAgent`, not `Createx`; a wildcard right after the verb still names it.
  const next = literal.charAt(verb.length);
  if (next !== '' && next.toUpperCase() !== next) return false;
  // `Create…Job` runs a model, and a wildcard after `Create` may stand for one; a presigned URL opens
  // a notebook or Studio for someone to run code in.
  if (/job$/i.test(name) || /^createpresigned/i.test(literal)) return false;
  return !(wildcard !== -1 && verb === 'Create');
}
