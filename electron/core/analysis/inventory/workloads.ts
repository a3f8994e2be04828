/**
 * Workloads and the identity each runs as, with the AI signals a workload lends its identity.
 *
 * A SageMaker endpoint has no role of its own: it serves models, and each model runs as its
 * execution role, so the endpoint hangs under the role of every model its config's variants name.
 */
import type { ScanFacts, Tags } from '../../discovery/facts';
import { matchAiEnvVarName } from './ai-env-vars';
import { matchAiTags } from './ai-tags';
import type { AiSignal, InventoryWorkload } from './types';

export interface WorkloadRun {
  workload: InventoryWorkload;
  /** The role ARN the workload names as its identity; null when it names none that can be found. */
  roleArn: string | null;
  /** Why `roleArn` is null, for the report of unattached workloads. */
  unattachedReason: string | null;
  /** Signals the workload lends the identity it runs as. */
  signals: AiSignal[];
  /** The workload's own tags (an owner tag here can name the owner of the identity it runs as). */
  tags: Tags;
}

const AI_WORKLOAD_LABEL: Record<InventoryWorkload['type'], string> = {
  'lambda-function': 'Lambda function',
  'sagemaker-endpoint': 'SageMaker endpoint',
  'sagemaker-model': 'SageMaker model',
  'sagemaker-notebook': 'SageMaker notebook instance',
  'bedrock-agent': 'Bedrock agent',
  'bedrock-knowledge-base': 'Bedrock knowledge base',
  'bedrock-custom-model': 'Bedrock custom model',
};

export function workloadLabel(workload: InventoryWorkload): string {
  return `${AI_WORKLOAD_LABEL[workload.type]} ${workload.name} (${workload.region})`;
}

/** `arn:aws:lambda:r:a:function:name:qualifier` → the unqualified function ARN. */
export function unqualifiedFunctionArn(arn: string): string {
  return arn.split(':').slice(0, 7).join(':');
}

function tagSignals(workload: InventoryWorkload, tags: Tags): AiSignal[] {
  return matchAiTags(tags).map((match) => ({
    signal: 'ai-tag' as const,
    source: workload.arn,
    detail: `${workloadLabel(workload)} is tagged ${match.key}=${match.value} ("${match.word}")`,
  }));
}

function aiWorkloadSignal(workload: InventoryWorkload, extra = ''): AiSignal {
  return { signal: 'ai-workload', source: workload.arn, detail: `runs ${workloadLabel(workload)}${extra}` };
}

function regionalKey(region: string, name: string): string {
  return `${region}\u0000${name}`;
}

/** Every workload of the scan with the role it names and the signals it lends. */
export function collectWorkloadRuns(facts: ScanFacts): WorkloadRun[] {
  const runs: WorkloadRun[] = [];

  // Functions behind a Bedrock agent's action groups are part of that agent.
  const actionExecutors = new Map<string, string[]>();
  for (const agent of facts.bedrockAgents?.agents ?? []) {
    for (const group of agent.actionGroups) {
      if (group.executorLambdaArn === null) continue;
      const key = unqualifiedFunctionArn(group.executorLambdaArn);
      const agents = actionExecutors.get(key) ?? [];
      if (!agents.includes(agent.name)) agents.push(agent.name);
      actionExecutors.set(key, agents);
    }
  }

  for (const fn of facts.lambda?.functions ?? []) {
    const workload: InventoryWorkload = { arn: fn.arn, type: 'lambda-function', name: fn.name, region: fn.region };
    const signals: AiSignal[] = [];
    const agents = actionExecutors.get(unqualifiedFunctionArn(fn.arn));
    if (agents !== undefined) signals.push(aiWorkloadSignal(workload, `, the action-group executor of Bedrock agent ${agents.join(', ')}`));
    for (const name of fn.environmentVariableNames) {
      const match = matchAiEnvVarName(name);
      if (match === null) continue;
      signals.push({
        signal: 'ai-env-var',
        source: fn.arn,
        detail: `${workloadLabel(workload)} has environment variable ${name} (${match.provider}${match.secret ? ', a secret' : ''})`,
      });
    }
    signals.push(...tagSignals(workload, fn.tags));
    runs.push({ workload, roleArn: fn.roleArn === '' ? null : fn.roleArn, unattachedReason: fn.roleArn === '' ? 'names no execution role' : null, signals, tags: fn.tags });
  }

  const sageMaker = facts.sageMaker;
  if (sageMaker !== null) {
    const models = new Map(sageMaker.models.map((model) => [regionalKey(model.region, model.name), model]));
    const configs = new Map(sageMaker.endpointConfigs.map((config) => [regionalKey(config.region, config.name), config]));
    for (const model of sageMaker.models) {
      const workload: InventoryWorkload = { arn: model.arn, type: 'sagemaker-model', name: model.name, region: model.region };
      runs.push({
        workload,
        roleArn: model.executionRoleArn,
        unattachedReason: model.executionRoleArn === null ? 'names no execution role' : null,
        signals: [aiWorkloadSignal(workload), ...tagSignals(workload, model.tags)],
        tags: model.tags,
      });
    }
    for (const endpoint of sageMaker.endpoints) {
      const workload: InventoryWorkload = { arn: endpoint.arn, type: 'sagemaker-endpoint', name: endpoint.name, region: endpoint.region };
      const config = configs.get(regionalKey(endpoint.region, endpoint.endpointConfigName));
      const roles = new Map<string, string[]>();
      for (const variant of config?.productionVariants ?? []) {
        if (variant.modelName === null) continue;
        const role = models.get(regionalKey(endpoint.region, variant.modelName))?.executionRoleArn ?? null;
        if (role === null) continue;
        const served = roles.get(role) ?? [];
        if (!served.includes(variant.modelName)) served.push(variant.modelName);
        roles.set(role, served);
      }
      const signalsFor = (served: string[]): AiSignal[] => [
        aiWorkloadSignal(workload, `, serving model ${served.join(', ')}`),
        ...tagSignals(workload, endpoint.tags),
      ];
      if (roles.size === 0) {
        const reason =
          config === undefined
            ? `its endpoint config ${endpoint.endpointConfigName} is not in the scan`
            : 'none of its models is in the scan with an execution role';
        runs.push({ workload, roleArn: null, unattachedReason: reason, signals: signalsFor([]), tags: endpoint.tags });
        continue;
      }
      for (const [role, served] of roles) runs.push({ workload, roleArn: role, unattachedReason: null, signals: signalsFor(served), tags: endpoint.tags });
    }
    for (const notebook of sageMaker.notebookInstances) {
      const workload: InventoryWorkload = { arn: notebook.arn, type: 'sagemaker-notebook', name: notebook.name, region: notebook.region };
      runs.push({
        workload,
        roleArn: notebook.roleArn,
        unattachedReason: notebook.roleArn === null ? 'names no role' : null,
        signals: [aiWorkloadSignal(workload), ...tagSignals(workload, notebook.tags)],
        tags: notebook.tags,
      });
    }
  }

  for (const agent of facts.bedrockAgents?.agents ?? []) {
    const workload: InventoryWorkload = { arn: agent.arn, type: 'bedrock-agent', name: agent.name, region: agent.region };
    runs.push({
      workload,
      roleArn: agent.roleArn,
      unattachedReason: agent.roleArn === null ? 'names no service role' : null,
      signals: [aiWorkloadSignal(workload), ...tagSignals(workload, agent.tags)],
      tags: agent.tags,
    });
  }
  for (const base of facts.bedrockAgents?.knowledgeBases ?? []) {
    const workload: InventoryWorkload = { arn: base.arn, type: 'bedrock-knowledge-base', name: base.name, region: base.region };
    runs.push({
      workload,
      roleArn: base.roleArn,
      unattachedReason: base.roleArn === null ? 'names no service role' : null,
      signals: [aiWorkloadSignal(workload), ...tagSignals(workload, base.tags)],
      tags: base.tags,
    });
  }
  for (const model of facts.bedrock?.customModels ?? []) {
    const workload: InventoryWorkload = { arn: model.arn, type: 'bedrock-custom-model', name: model.name, region: model.region };
    runs.push({
      workload,
      roleArn: model.jobRoleArn,
      unattachedReason: model.jobRoleArn === null ? 'names no customization job role' : null,
      signals: [aiWorkloadSignal(workload), ...tagSignals(workload, model.tags)],
      tags: model.tags,
    });
  }
  return runs;
}
