import { posix, shellLines } from '../../lib/posix-shell';
import type { BedrockAgentFacts } from '../../discovery/facts';
import type { Finding, Tier } from '../types';
import { unqualifiedFunctionArn } from '../inventory/workloads';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';
import { canWrite } from './permission-reading';

interface Unconfirmed {
  group: string;
  groupId: string;
  fn: string;
  versions: string[];
  executorLambdaArn: string | null;
}

/** Functions of enabled, non-built-in action groups that do not require confirmation, deduplicated across versions. */
function unconfirmedFunctions(agent: BedrockAgentFacts): Unconfirmed[] {
  const byKey = new Map<string, Unconfirmed>();
  for (const group of agent.actionGroups) {
    if (group.parentActionGroupSignature !== null || (group.state ?? 'ENABLED').toUpperCase() === 'DISABLED') continue;
    for (const fn of group.functions) {
      if ((fn.requireConfirmation ?? 'DISABLED').toUpperCase() === 'ENABLED') continue;
      const key = `${group.name}\u0000${fn.name}`;
      const entry = byKey.get(key) ?? { group: group.name, groupId: group.id, fn: fn.name, versions: [], executorLambdaArn: group.executorLambdaArn };
      entry.versions.push(group.agentVersion);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()];
}

/**
 * ASI02 / ATLAS AML.M0029: an action runs with no human confirmation on an agent that can change
 * things or reach Tier 1 data (through its own role or the Lambda function that executes the action).
 */
export const bedrockActionWithoutConfirmation: RuleDefinition = {
  id: 'bedrock_action_without_confirmation',
  title: 'An agent action runs without user confirmation',
  defaultSeverity: 'medium',
  step: 7,
  frameworks: ['ASI02', 'ATLAS AML.M0029'],
  firesWhen:
    "a Bedrock agent's action-group function runs without user confirmation (`requireConfirmation` DISABLED) on an agent whose role can write or reach Tier 1 data",
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const functionRole = new Map((ctx.facts.lambda?.functions ?? []).map((fn) => [unqualifiedFunctionArn(fn.arn), fn.roleArn]));
    for (const agent of ctx.facts.bedrockAgents?.agents ?? []) {
      for (const item of unconfirmedFunctions(agent)) {
        const executorRole = item.executorLambdaArn === null ? null : (functionRole.get(unqualifiedFunctionArn(item.executorLambdaArn)) ?? null);
        const roles = [agent.roleArn, executorRole].filter((arn): arn is string => arn !== null);
        let tier: Tier = 3;
        const writers: string[] = [];
        for (const roleArn of roles) {
          tier = Math.min(tier, ctx.tier(roleArn).tier) as Tier;
          const permissions = ctx.permissions(roleArn);
          if (permissions !== null && canWrite(permissions)) writers.push(roleArn);
        }
        if (tier !== 1 && writers.length === 0) continue;
        findings.push(
          makeFinding(this, ctx, {
            severity: tier === 1 ? 'high' : 'medium',
            principalArn: agent.roleArn,
            resourceArn: agent.arn,
            resourceId: `${item.group} → ${item.fn}`,
            region: agent.region,
            discriminator: `${item.group}/${item.fn}`,
            evidence: {
              agent: agent.name,
              actionGroup: item.group,
              function: item.fn,
              requireConfirmation: 'DISABLED',
              agentVersions: item.versions,
              executorLambdaArn: item.executorLambdaArn,
              executorRole,
              agentRole: agent.roleArn,
              tier,
              rolesThatWrite: writers,
            },
            remediation:
              `In the agent ${agent.name}, edit action group ${item.group}, open function ${item.fn} and enable "Confirmation of action invocation", ` +
              'then prepare the agent, create a version and point the live alias at it. The agent will then ask the user before running it.',
            fix: cliFix(
              shellLines([
                posix`aws bedrock-agent get-agent-action-group --region ${agent.region} --agent-id ${agent.id} --agent-version DRAFT --action-group-id ${item.groupId} > group.json`,
                posix`# set "requireConfirmation": "ENABLED" on ${item.fn} in functionSchema.functions, then:`,
                posix`aws bedrock-agent update-agent-action-group --region ${agent.region} --agent-id ${agent.id} --agent-version DRAFT --action-group-id ${item.groupId} --action-group-name ${item.group} --function-schema file://function-schema.json${item.executorLambdaArn !== null ? posix` --action-group-executor lambda=${item.executorLambdaArn}` : posix``}`,
                posix`aws bedrock-agent prepare-agent --region ${agent.region} --agent-id ${agent.id}`,
              ]),
            ),
            explanation:
              'The model decides on its own when to call this function, and a user (or text it reads) can steer that decision. Actions that change data or reach sensitive data should be confirmed by a person first.',
          }),
        );
      }
    }
    return findings;
  },
};
