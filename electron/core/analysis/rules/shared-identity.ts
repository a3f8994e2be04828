import type { WorkloadType } from '../inventory/types';
import type { Finding } from '../types';
import { makeFinding, policyFix } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * Workloads that run code or act as an agent. Models and custom models are artefacts an endpoint
 * or a training job uses (an endpoint and its model under one role are one workload, not two).
 */
const EXECUTING: ReadonlySet<WorkloadType> = new Set(['lambda-function', 'sagemaker-endpoint', 'sagemaker-notebook', 'bedrock-agent', 'bedrock-knowledge-base']);

/** NHI9 / ASI03: one role is the execution identity of two or more distinct workloads. */
export const sharedIdentity: RuleDefinition = {
  id: 'shared_identity',
  title: 'One role is shared by several workloads',
  defaultSeverity: 'high',
  step: 3,
  frameworks: ['NHI9', 'ASI03'],
  firesWhen: 'one role is the execution identity of two or more distinct workloads (agents, functions, endpoints)',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (agent.awsManaged) continue;
      const workloads = agent.workloads.filter((workload) => EXECUTING.has(workload.type));
      if (new Set(workloads.map((workload) => workload.arn)).size < 2) continue;
      findings.push(
        makeFinding(this, ctx, {
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: { role: agent.name, workloads: workloads.map((w) => ({ arn: w.arn, type: w.type, name: w.name, region: w.region })) },
          remediation:
            `Give each workload its own role: create one role per workload (${workloads.map((w) => w.name).join(', ')}) with only the permissions that workload needs, ` +
            `switch each workload to its role, then trim or delete ${agent.name}.`,
          fix: policyFix({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          }),
          explanation:
            'When several workloads share one role, each gets the union of everything the others need, and logs cannot tell them apart. A bug or prompt injection in one reaches the data of all.',
        }),
      );
    }
    return findings;
  },
};
