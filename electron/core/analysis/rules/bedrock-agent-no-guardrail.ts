import type { Finding } from '../types';
import { cliFix, makeFinding, shellQuote } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** LLM01 / ASI01: a Bedrock agent without a guardrail; medium when its role is Tier 3 (it can do little). */
export const bedrockAgentNoGuardrail: RuleDefinition = {
  id: 'bedrock_agent_no_guardrail',
  title: 'A Bedrock agent has no guardrail',
  defaultSeverity: 'high',
  step: 9,
  frameworks: ['LLM01', 'ASI01', 'ATLAS AML.M0020'],
  firesWhen: 'a Bedrock agent has no guardrail configured',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.facts.bedrockAgents?.agents ?? []) {
      if (agent.guardrail !== null) continue;
      const tier = agent.roleArn === null ? 3 : ctx.tier(agent.roleArn).tier;
      findings.push(
        makeFinding(this, ctx, {
          severity: tier === 3 ? 'medium' : 'high',
          principalArn: agent.roleArn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          region: agent.region,
          evidence: { agent: agent.name, agentId: agent.id, region: agent.region, guardrail: null, foundationModel: agent.foundationModel, role: agent.roleArn, roleTier: tier },
          remediation:
            `Create a Bedrock guardrail (content filters, a PROMPT_ATTACK filter at HIGH on input, denied topics and PII handling that fit ${agent.name}), publish a version of it, ` +
            'attach it to the agent, prepare the agent and point its alias at the new version.',
          fix: cliFix(
            `aws bedrock create-guardrail --region ${agent.region} --name ${shellQuote(`${agent.name}-guardrail`)} \\\n` +
              `  --content-policy-config 'filtersConfig=[{type=PROMPT_ATTACK,inputStrength=HIGH,outputStrength=NONE},{type=MISCONDUCT,inputStrength=HIGH,outputStrength=HIGH}]' \\\n` +
              `  --blocked-input-messaging 'Sorry, I cannot help with that.' --blocked-outputs-messaging 'Sorry, I cannot help with that.'\n` +
              `aws bedrock create-guardrail-version --region ${agent.region} --guardrail-identifier <GUARDRAIL_ID>\n` +
              `# update-agent needs the agent's current name, role and model as well:\naws bedrock-agent update-agent --region ${agent.region} --agent-id ${agent.id} --agent-name ${shellQuote(agent.name)} ` +
              `--agent-resource-role-arn ${agent.roleArn ?? '<ROLE_ARN>'} --foundation-model ${agent.foundationModel ?? '<MODEL>'} --guardrail-configuration guardrailIdentifier=<GUARDRAIL_ID>,guardrailVersion=1\n` +
              `aws bedrock-agent prepare-agent --region ${agent.region} --agent-id ${agent.id}`,
          ),
          explanation:
            'Without a guardrail nothing screens what users send the agent or what it answers: prompt injection, harmful content and leaks of personal data go straight through to the model and its tools.',
        }),
      );
    }
    return findings;
  },
};
