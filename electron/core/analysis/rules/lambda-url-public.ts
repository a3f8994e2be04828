import { posix } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** ASI02: a public function URL (auth NONE) in front of an AI agent or a Tier 1 identity. */
export const lambdaUrlPublic: RuleDefinition = {
  id: 'lambda_url_public',
  title: 'A public function URL fronts an AI agent or a Tier 1 role',
  defaultSeverity: 'high',
  step: 6,
  frameworks: ['ASI02'],
  firesWhen: 'a function URL uses auth type NONE on a function whose role is an AI agent or Tier 1',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const fn of ctx.facts.lambda?.functions ?? []) {
      const open = fn.functionUrls.filter((url) => url.authType.toUpperCase() === 'NONE');
      if (open.length === 0) continue;
      const role = ctx.agentByArn.get(fn.roleArn);
      const tier = ctx.tier(fn.roleArn).tier;
      if (role?.ai !== true && tier !== 1) continue;
      for (const url of open) {
        const qualifier = url.qualifier !== null ? posix` --qualifier ${url.qualifier}` : posix``;
        findings.push(
          makeFinding(this, ctx, {
            principalArn: fn.roleArn,
            resourceArn: fn.arn,
            resourceId: fn.name,
            region: fn.region,
            discriminator: url.qualifier,
            evidence: { function: fn.name, url: url.url, authType: url.authType, qualifier: url.qualifier, role: fn.roleArn, roleIsAi: role?.ai === true, roleTier: tier },
            remediation:
              `Require IAM auth on the URL of ${fn.name} and put an authenticated front (API Gateway with a Cognito or JWT authorizer, or CloudFront with signed requests) in front of it; ` +
              'if the endpoint must stay public, add rate limits and a WAF, and make sure the role can do no more than answer.',
            fix: cliFix(posix`aws lambda update-function-url-config --region ${fn.region} --function-name ${fn.name}${qualifier} --auth-type AWS_IAM`),
            explanation:
              'Anyone on the internet can call this function without signing in. If it drives a model or holds Tier 1 permissions, strangers can spend your model budget, inject prompts and reach what the role can reach.',
          }),
        );
      }
    }
    return findings;
  },
};
