import { posix, shellLines } from '../../lib/posix-shell';
import type { BedrockGuardrailFacts } from '../../discovery/facts';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

function promptAttackStrength(guardrail: BedrockGuardrailFacts): string | null {
  const filter = guardrail.contentFilters.find((f) => f.type.toUpperCase() === 'PROMPT_ATTACK');
  return filter === undefined ? null : (filter.inputStrength ?? 'NONE').toUpperCase();
}

/**
 * LLM01: a guardrail without a prompt-attack filter, or with it at NONE. A guardrail may be listed once
 * per version: one finding per guardrail, judged on its latest version (the one new agent versions pick up).
 */
export const bedrockGuardrailNoPromptAttackFilter: RuleDefinition = {
  id: 'bedrock_guardrail_no_prompt_attack_filter',
  title: 'A guardrail has no prompt-attack filter',
  defaultSeverity: 'medium',
  step: 9,
  frameworks: ['LLM01'],
  firesWhen: 'a guardrail lacks a prompt-attack filter (or has it at NONE strength)',
  evaluate(ctx: RuleContext): Finding[] {
    const latest = new Map<string, BedrockGuardrailFacts>();
    const rank = (version: string): number => (version === 'DRAFT' ? -1 : Number(version) || 0);
    for (const guardrail of ctx.facts.bedrock?.guardrails ?? []) {
      const seen = latest.get(guardrail.arn);
      if (seen === undefined || rank(guardrail.version) > rank(seen.version)) latest.set(guardrail.arn, guardrail);
    }
    const findings: Finding[] = [];
    for (const guardrail of latest.values()) {
      const strength = promptAttackStrength(guardrail);
      if (strength !== null && strength !== 'NONE') continue;
      findings.push(
        makeFinding(this, ctx, {
          principalArn: null,
          resourceArn: guardrail.arn,
          resourceId: guardrail.name,
          region: guardrail.region,
          evidence: {
            guardrail: guardrail.name,
            version: guardrail.version,
            promptAttackFilter: strength === null ? 'absent' : 'NONE',
            contentFilters: guardrail.contentFilters.map((f) => ({ type: f.type, inputStrength: f.inputStrength, outputStrength: f.outputStrength })),
          },
          remediation:
            `Edit guardrail ${guardrail.name}: in "Content filters" turn on "Prompt attacks" with input strength HIGH (AWS only allows NONE on output), ` +
            'keep the other filters, then create a new version and point the agents that use the guardrail at it.',
          fix: cliFix(
            shellLines([
              posix`# update-guardrail REPLACES the whole configuration: start from the current one`,
              posix`aws bedrock get-guardrail --region ${guardrail.region} --guardrail-identifier ${guardrail.id}`,
              posix`aws bedrock update-guardrail --region ${guardrail.region} --guardrail-identifier ${guardrail.id} --name ${guardrail.name} \\\n  --content-policy-config 'filtersConfig=[{type=PROMPT_ATTACK,inputStrength=HIGH,outputStrength=NONE}, <existing filters>]' \\\n  --blocked-input-messaging '<current>' --blocked-outputs-messaging '<current>'`,
              posix`aws bedrock create-guardrail-version --region ${guardrail.region} --guardrail-identifier ${guardrail.id}`,
            ]),
          ),
          explanation: 'The prompt-attack filter is the guardrail part that catches jailbreaks and injected instructions. Without it, a user or a poisoned document can talk the model into ignoring its instructions.',
        }),
      );
    }
    return findings;
  },
};
