import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import { isGovernedAgent } from './identities';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * ASI10: an identity with AI signals that nobody registered. Which of them appeared since the previous
 * scan is the lifecycle's "new" status on these findings (the fingerprint is the identity).
 */
export const shadowAiUnregistered: RuleDefinition = {
  id: 'shadow_ai_unregistered',
  title: 'Shadow AI: an AI identity is not registered',
  defaultSeverity: 'high',
  step: 5,
  frameworks: ['ASI10'],
  firesWhen:
    'an identity with AI signals (used bedrock/sagemaker, holds AI-service permissions, trusted by bedrock/sagemaker, AI key names in its workloads) is not registered; the diff also lists which appeared since the previous scan',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (!agent.ai || agent.status !== 'unregistered' || !isGovernedAgent(agent)) continue;
      const kind = agent.kind === 'iam-user' ? 'user' : 'role';
      findings.push(
        makeFinding(this, ctx, {
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: {
            identity: agent.name,
            kind: agent.kind,
            createdAt: agent.createdAt,
            lastUsedAt: agent.lastUsedAt,
            signals: agent.aiSignals.map((signal) => ({ signal: signal.signal, source: signal.source, detail: signal.detail })),
            workloads: agent.workloads.map((w) => w.arn),
          },
          remediation:
            `Find out who built ${agent.name} and what it does with AI (the signals below say why it was flagged). Register it with an owner, purpose and data scope, ` +
            'or, if nobody claims it, disable it and decommission it.',
          fix: cliFix(
            shellLines([
              posix`# record it in Agent Warden's registry (Agents > ${agent.name} > Register), and tag it in AWS:`,
              posix`aws iam tag-${kind} --${kind}-name ${agent.name} --tags Key=owner,Value='<team-or-email>' Key=ai-purpose,Value='<what-it-does>'`,
            ]),
          ),
          explanation:
            'AI that nobody registered has had no review of what data it reaches, which model provider it sends data to, or what it may do on its own. It is the AI equivalent of shadow IT.',
        }),
      );
    }
    return findings;
  },
};
