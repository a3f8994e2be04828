import { posix } from '../../lib/posix-shell';
import { isAiNamespace } from '../inventory/ai-services';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** The pseudo-ARN of a region's model-invocation logging setting (an account-level setting per region). */
export function invocationLoggingArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:bedrock:${region}:${accountId}:model-invocation-logging`;
}

/**
 * ATLAS AML.M0024: model invocation logging is off in a region where Bedrock is actually in use:
 * agents or custom models live there, or some identity called Bedrock there (service-last-accessed
 * or an access key's last use). A region nobody uses Bedrock in is not worth the noise.
 */
export const bedrockInvocationLoggingDisabled: RuleDefinition = {
  id: 'bedrock_invocation_logging_disabled',
  title: 'Bedrock model invocation logging is off',
  defaultSeverity: 'medium',
  step: 8,
  frameworks: ['ATLAS AML.M0024'],
  firesWhen: 'model invocation logging is off in a region where Bedrock agents, custom models or invocations exist',
  evaluate(ctx: RuleContext): Finding[] {
    const { facts } = ctx;
    const usage = new Map<string, string[]>();
    const note = (region: string | null, what: string): void => {
      if (region === null) return;
      const list = usage.get(region) ?? [];
      if (list.length < 5 && !list.includes(what)) list.push(what);
      usage.set(region, list);
    };
    for (const agent of facts.bedrockAgents?.agents ?? []) note(agent.region, `Bedrock agent ${agent.name}`);
    for (const kb of facts.bedrockAgents?.knowledgeBases ?? []) note(kb.region, `knowledge base ${kb.name}`);
    for (const model of facts.bedrock?.customModels ?? []) note(model.region, `custom model ${model.name}`);
    for (const entry of facts.serviceLastAccessed ?? []) {
      if (entry.serviceNamespace === 'bedrock' && entry.lastAuthenticated !== null) note(entry.lastAuthenticatedRegion, `invocations by ${entry.principalArn}`);
    }
    for (const row of facts.credentialReport?.rows ?? []) {
      for (const key of row.accessKeys) {
        if (key.lastUsedService !== null && isAiNamespace(key.lastUsedService) && key.lastUsedService.startsWith('bedrock')) note(key.lastUsedRegion, `calls by ${row.user}`);
      }
    }
    const findings: Finding[] = [];
    for (const logging of facts.bedrock?.invocationLogging ?? []) {
      if (logging.config !== null) continue;
      const used = usage.get(logging.region);
      if (used === undefined) continue;
      findings.push(
        makeFinding(this, ctx, {
          principalArn: null,
          resourceArn: invocationLoggingArn(facts.account.partition, logging.region, facts.account.id),
          resourceId: logging.region,
          region: logging.region,
          evidence: { region: logging.region, invocationLogging: 'off', bedrockUse: used },
          remediation:
            `In the Bedrock console for ${logging.region}, open Settings and turn on "Model invocation logging" to CloudWatch Logs and/or S3 (text at least). ` +
            'The log group or bucket needs a policy that lets Bedrock write to it.',
          fix: cliFix(posix`aws bedrock put-model-invocation-logging-configuration --region ${logging.region} --logging-config 'cloudWatchConfig={logGroupName=/aws/bedrock/modelinvocations,roleArn=<ROLE_ARN_BEDROCK_CAN_ASSUME>},textDataDeliveryEnabled=true,imageDataDeliveryEnabled=false,embeddingDataDeliveryEnabled=false'`),
          explanation:
            'Without invocation logs nobody can tell afterwards which prompts were sent, what the model answered or who asked: no investigation of a prompt injection or a data leak is possible.',
        }),
      );
    }
    return findings;
  },
};
