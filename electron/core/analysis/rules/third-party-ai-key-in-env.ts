import { posix, shellLines } from '../../lib/posix-shell';
import { identifierWords, matchAiEnvVarName } from '../inventory/ai-env-vars';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** Providers whose name marks an AWS-side hint, not a third-party secret. */
const AWS_PROVIDERS: ReadonlySet<string> = new Set(['Amazon Bedrock', 'Amazon SageMaker']);
/** Generic secret names that count only next to an AI SDK hint in the same function (`LLM_API_KEY` + `LANGCHAIN_*`). */
const GENERIC_SECRET = /(^|_)(API_?KEY|TOKEN|SECRET)$/i;

/**
 * NHI2 / ATLAS AML.T0083: a Lambda function keeps an AI provider's secret in its environment (by NAME;
 * the value is never read). One finding per function, listing every such variable.
 */
export const thirdPartyAiKeyInEnv: RuleDefinition = {
  id: 'third_party_ai_key_in_env',
  title: 'A function keeps an AI provider key in its environment',
  defaultSeverity: 'high',
  step: 3,
  frameworks: ['NHI2', 'ATLAS AML.T0083'],
  firesWhen:
    'a Lambda function has an environment variable whose NAME marks an AI provider secret (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `*_API_KEY` next to AI SDK hints …); the value is never read into the workspace',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const fn of ctx.facts.lambda?.functions ?? []) {
      const matches = fn.environmentVariableNames.map((name) => ({ name, match: matchAiEnvVarName(name) }));
      const aiHints = matches.filter((m) => m.match !== null);
      const secrets = new Map<string, string>();
      for (const { name, match } of matches) {
        if (match !== null && match.secret && !AWS_PROVIDERS.has(match.provider)) secrets.set(name, match.provider);
      }
      // A generic `*_API_KEY` is an AI secret when the same function carries an AI SDK hint.
      if (aiHints.length > 0) {
        for (const name of fn.environmentVariableNames) {
          if (secrets.has(name) || !GENERIC_SECRET.test(name)) continue;
          if (identifierWords(name).some((word) => ['SENDGRID', 'STRIPE', 'TWILIO', 'SLACK', 'GITHUB', 'DATADOG', 'SENTRY'].includes(word))) continue;
          const hint = aiHints.find((m) => m.name !== name);
          if (hint?.match !== undefined && hint.match !== null) secrets.set(name, `next to ${hint.name} (${hint.match.provider})`);
        }
      }
      if (secrets.size === 0) continue;
      const names = [...secrets.keys()].sort();
      findings.push(
        makeFinding(this, ctx, {
          principalArn: fn.roleArn,
          resourceArn: fn.arn,
          resourceId: fn.name,
          region: fn.region,
          evidence: {
            function: fn.name,
            variables: names.map((name) => ({ name, provider: secrets.get(name) ?? null })),
            note: 'variable names only: values are never collected',
            role: fn.roleArn,
          },
          remediation:
            `Move ${names.join(', ')} of ${fn.name} into AWS Secrets Manager, give the function's role secretsmanager:GetSecretValue on that one secret, ` +
            'read it at start-up (or with the Parameters and Secrets Lambda extension), remove the environment variable, and rotate the key at the provider since it has been visible to anyone who can read the function configuration.',
          fix: cliFix(
            shellLines([
              posix`aws secretsmanager create-secret --region ${fn.region} --name ${`${fn.name}/${names[0] ?? 'AI_API_KEY'}`} --secret-string '<rotated key>'`,
              posix`# then remove the variable: update-function-configuration replaces ALL variables, so pass the remaining ones`,
              posix`aws lambda get-function-configuration --region ${fn.region} --function-name ${fn.name} --query Environment`,
              posix`aws lambda update-function-configuration --region ${fn.region} --function-name ${fn.name} --environment 'Variables={<remaining variables>}'`,
            ]),
          ),
          explanation:
            'Anyone who can read the function configuration (lambda:GetFunctionConfiguration is in most read-only policies) can copy the key and use the AI provider on your bill and with your data. The provider sees none of your AWS controls.',
        }),
      );
    }
    return findings;
  },
};
