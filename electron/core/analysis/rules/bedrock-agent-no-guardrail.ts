import { posix, shellLines } from '../../lib/posix-shell';
import type { AgentAliasFacts } from '../../discovery/facts';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * LLM01 / ASI01: a Bedrock agent without a guardrail; medium when its role is Tier 3 (it can do little).
 *
 * The draft (GetAgent) and every numbered version an alias serves (GetAgentVersion) are judged: what
 * users reach is the alias, and a version published before the guardrail was attached still runs
 * without one. One finding per agent (the same resource, so its lifecycle carries on), naming the
 * versions and aliases without a guardrail. A served version whose guardrail was not read is not
 * taken as lacking one; the evidence says it is unknown.
 */
export const bedrockAgentNoGuardrail: RuleDefinition = {
  id: 'bedrock_agent_no_guardrail',
  title: 'A Bedrock agent has no guardrail',
  defaultSeverity: 'high',
  step: 9,
  frameworks: ['LLM01', 'ASI01', 'ATLAS AML.M0020'],
  firesWhen: 'a Bedrock agent has no guardrail configured, on its draft or on a version an alias serves',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.facts.bedrockAgents?.agents ?? []) {
      const served = agent.servedVersions;
      const servedWithout = served.filter((v) => v.known && v.guardrail === null).map(({ version, aliases }) => ({ version, aliases }));
      const servedUnknown = served.filter((v) => !v.known).map(({ version, aliases }) => ({ version, aliases }));
      const draftWithout = agent.guardrail === null;
      if (!draftWithout && servedWithout.length === 0) continue;
      const aliasNames = [...new Set(servedWithout.flatMap((v) => v.aliases))].sort();
      const tier = agent.roleArn === null ? 3 : ctx.tier(agent.roleArn).tier;
      findings.push(
        makeFinding(this, ctx, {
          severity: tier === 3 ? 'medium' : 'high',
          principalArn: agent.roleArn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          region: agent.region,
          evidence: {
            agent: agent.name,
            agentId: agent.id,
            region: agent.region,
            guardrail: agent.guardrail,
            foundationModel: agent.foundationModel,
            role: agent.roleArn,
            roleTier: tier,
            ...(served.length > 0 && {
              servedVersionsWithoutGuardrail: servedWithout,
              servedVersionsGuardrailUnknown: servedUnknown,
            }),
          },
          remediation: draftWithout
            ? `Create a Bedrock guardrail (content filters, a PROMPT_ATTACK filter at HIGH on input, denied topics and PII handling that fit ${agent.name}), publish a version of it, ` +
            'attach it to the agent, prepare the agent and point its alias at the new version.'
            : `The draft has guardrail ${agent.guardrail?.identifier ?? ''}, but ${describeServed(servedWithout)} ${servedWithout.length === 1 ? 'was' : 'were'} published without one: ` +
              `prepare the agent and point ${aliasNames.length === 1 ? 'the alias' : 'each alias'} (${aliasNames.join(', ')}) at a new version created from the draft.`,
          fix: draftWithout ? cliFix(
            shellLines([
              posix`aws bedrock create-guardrail --region ${agent.region} --name ${`${agent.name}-guardrail`} \\\n  --content-policy-config 'filtersConfig=[{type=PROMPT_ATTACK,inputStrength=HIGH,outputStrength=NONE},{type=MISCONDUCT,inputStrength=HIGH,outputStrength=HIGH}]' \\\n  --blocked-input-messaging 'Sorry, I cannot help with that.' --blocked-outputs-messaging 'Sorry, I cannot help with that.'`,
              posix`aws bedrock create-guardrail-version --region ${agent.region} --guardrail-identifier '<GUARDRAIL_ID>'`,
              posix`# update-agent needs the agent's current name, role and model as well:`,
              posix`aws bedrock-agent update-agent --region ${agent.region} --agent-id ${agent.id} --agent-name ${agent.name} --agent-resource-role-arn ${agent.roleArn ?? '<ROLE_ARN>'} --foundation-model ${agent.foundationModel ?? '<MODEL>'} --guardrail-configuration guardrailIdentifier='<GUARDRAIL_ID>',guardrailVersion=1`,
              posix`aws bedrock-agent prepare-agent --region ${agent.region} --agent-id ${agent.id}`,
            ]),
          ) : servedFix(agent.region, agent.id, servedWithout, agent.aliases),
          explanation:
            'Without a guardrail nothing screens what users send the agent or what it answers: prompt injection, harmful content and leaks of personal data go straight through to the model and its tools.',
        }),
      );
    }
    return findings;
  },
};

function describeServed(versions: readonly { version: string; aliases: readonly string[] }[]): string {
  const each = versions.map(({ version, aliases }) => `version ${version} (alias ${aliases.join(', ')})`);
  return each.join(' and ');
}

/** Prepare the draft (it has the guardrail), then let each alias serving a version without one take a new version of it. */
function servedFix(region: string, agentId: string, versions: readonly { version: string; aliases: readonly string[] }[], aliases: readonly AgentAliasFacts[]): ReturnType<typeof cliFix> {
  const names = new Set(versions.flatMap((v) => v.aliases));
  const lines = aliases
    .filter((alias) => names.has(alias.name))
    .flatMap((alias) => [
      posix`# without --routing-configuration, update-agent-alias creates a new version from the prepared draft:`,
      posix`aws bedrock-agent update-agent-alias --region ${region} --agent-id ${agentId} --agent-alias-id ${alias.id} --agent-alias-name ${alias.name}`,
    ]);
  return cliFix(shellLines([posix`aws bedrock-agent prepare-agent --region ${region} --agent-id ${agentId}`, ...lines]));
}
