/**
 * Display helpers for the agent screen: how a credential, an AI signal or a workload type reads on
 * the page. The agent itself comes typed from `agents:get` (`Agent` in shared/contract.ts).
 */
import type { AgentCredential } from '@shared/contract';

/** One row of the credentials table. */
export interface CredentialLine {
  type: AgentCredential['type'];
  label: string;
  active: boolean;
  /** Whole days since created or rotated. */
  ageDays: number | null;
  createdAt: string | null;
  lastUsedAt: string | null;
  detail: string | null;
  expiresAt: string | null;
}

export function credentialLine(credential: AgentCredential): CredentialLine {
  switch (credential.type) {
    case 'access-key':
      return {
        type: credential.type,
        label: `Access key ${credential.slot}`,
        active: credential.active,
        ageDays: credential.ageDays,
        createdAt: credential.lastRotated,
        lastUsedAt: credential.lastUsedAt,
        detail:
          credential.lastUsedService === null
            ? null
            : `last used with ${credential.lastUsedService}${credential.lastUsedRegion !== null ? ` in ${credential.lastUsedRegion}` : ''}`,
        expiresAt: null,
      };
    case 'console-password':
      return {
        type: credential.type,
        label: 'Console password',
        active: credential.enabled,
        ageDays: null,
        createdAt: credential.lastChangedAt,
        lastUsedAt: credential.lastUsedAt,
        detail: credential.mfaActive ? 'MFA on' : 'No MFA',
        expiresAt: null,
      };
    case 'signing-certificate':
      return {
        type: credential.type,
        label: `Signing certificate ${credential.slot}`,
        active: credential.active,
        ageDays: credential.ageDays,
        createdAt: credential.lastRotated,
        lastUsedAt: null,
        detail: null,
        expiresAt: null,
      };
    case 'bedrock-api-key':
    case 'service-specific-credential':
      return {
        type: credential.type,
        label: credential.type === 'bedrock-api-key' ? 'Bedrock API key' : `Service credential (${credential.serviceName})`,
        active: credential.active,
        ageDays: credential.ageDays,
        createdAt: credential.createdAt,
        lastUsedAt: null,
        detail: [credential.id, credential.status].join(' · '),
        expiresAt: credential.expiresAt,
      };
  }
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
