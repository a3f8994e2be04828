/**
 * The agent record of `agents:get` is open-ended (every inventory field); these read the parts the page
 * shows, defensively: a missing or odd field gives an empty value, never a crash.
 */

export interface AgentCredential {
  type: string;
  label: string;
  active: boolean;
  /** Whole days since created or rotated. */
  ageDays: number | null;
  createdAt: string | null;
  lastUsedAt: string | null;
  detail: string | null;
  expiresAt: string | null;
}

export interface AgentSignal {
  signal: string;
  source: string;
  detail: string;
}

export interface AgentWorkload {
  arn: string;
  type: string;
  name: string;
  region: string;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item)) : [];
}

export function text(agent: Record<string, unknown>, key: string): string | null {
  return str(agent[key]);
}

export function readCredentials(agent: Record<string, unknown>): AgentCredential[] {
  return objects(agent['credentials']).map((credential) => {
    const type = str(credential['type']) ?? 'credential';
    switch (type) {
      case 'access-key':
        return {
          type,
          label: `Access key ${String(num(credential['slot']) ?? '')}`.trim(),
          active: credential['active'] === true,
          ageDays: num(credential['ageDays']),
          createdAt: str(credential['lastRotated']),
          lastUsedAt: str(credential['lastUsedAt']),
          detail: str(credential['lastUsedService']) === null ? null : `last used with ${str(credential['lastUsedService']) ?? ''}${str(credential['lastUsedRegion']) !== null ? ` in ${str(credential['lastUsedRegion']) ?? ''}` : ''}`,
          expiresAt: null,
        };
      case 'console-password':
        return {
          type,
          label: 'Console password',
          active: credential['enabled'] === true,
          ageDays: null,
          createdAt: str(credential['lastChangedAt']),
          lastUsedAt: str(credential['lastUsedAt']),
          detail: credential['mfaActive'] === true ? 'MFA on' : 'No MFA',
          expiresAt: null,
        };
      case 'signing-certificate':
        return {
          type,
          label: `Signing certificate ${String(num(credential['slot']) ?? '')}`.trim(),
          active: credential['active'] === true,
          ageDays: num(credential['ageDays']),
          createdAt: str(credential['lastRotated']),
          lastUsedAt: null,
          detail: null,
          expiresAt: null,
        };
      default:
        return {
          type,
          label: type === 'bedrock-api-key' ? 'Bedrock API key' : `Service credential (${str(credential['serviceName']) ?? 'unknown service'})`,
          active: credential['active'] === true,
          ageDays: num(credential['ageDays']),
          createdAt: str(credential['createdAt']),
          lastUsedAt: null,
          detail: [str(credential['id']), str(credential['status'])].filter((part) => part !== null).join(' · ') || null,
          expiresAt: str(credential['expiresAt']),
        };
    }
  });
}

export function readSignals(agent: Record<string, unknown>): AgentSignal[] {
  return objects(agent['aiSignals']).map((signal) => ({
    signal: str(signal['signal']) ?? 'signal',
    source: str(signal['source']) ?? '',
    detail: str(signal['detail']) ?? '',
  }));
}

export function readWorkloads(agent: Record<string, unknown>): AgentWorkload[] {
  return objects(agent['workloads']).map((workload) => ({
    arn: str(workload['arn']) ?? '',
    type: str(workload['type']) ?? '',
    name: str(workload['name']) ?? '',
    region: str(workload['region']) ?? '',
  }));
}

export function readTags(agent: Record<string, unknown>): [string, string][] {
  const tags = agent['tags'];
  if (typeof tags !== 'object' || tags === null) return [];
  if (Array.isArray(tags)) {
    return objects(tags).map((tag) => [str(tag['Key']) ?? str(tag['key']) ?? '', str(tag['Value']) ?? str(tag['value']) ?? '']);
  }
  return Object.entries(tags).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
}

export function readGroups(agent: Record<string, unknown>): string[] {
  const groups = agent['groups'];
  return Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : [];
}

export const SIGNAL_LABELS: Record<string, string> = {
  'trusted-by-ai-service': 'Trusted by an AI service',
  'ai-permissions': 'Holds AI-service permissions',
  'recent-ai-use': 'Used AI services recently',
  'ai-env-var': 'AI key name in a workload',
  'ai-tag': 'AI tag',
  'ai-workload': 'Runs an AI workload',
  'ai-credential': 'Holds an AI-only credential',
};

export const WORKLOAD_LABELS: Record<string, string> = {
  'lambda-function': 'Lambda function',
  'sagemaker-endpoint': 'SageMaker endpoint',
  'sagemaker-model': 'SageMaker model',
  'sagemaker-notebook': 'SageMaker notebook',
  'bedrock-agent': 'Bedrock agent',
  'bedrock-knowledge-base': 'Bedrock knowledge base',
  'bedrock-custom-model': 'Bedrock custom model',
};
