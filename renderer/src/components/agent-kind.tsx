import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

const KINDS: Record<string, { icon: IconName; label: string }> = {
  'iam-role': { icon: 'shield', label: 'IAM role' },
  'iam-user': { icon: 'user', label: 'IAM user' },
  'unscanned-role': { icon: 'circle', label: 'Role outside this scan' },
};

export function agentKindLabel(kind: string): string {
  return KINDS[kind]?.label ?? kind;
}

/** The identity's kind as an icon with its name for assistive technology and on hover. */
export function AgentKindIcon({ kind }: { kind: string }): ReactNode {
  const style = KINDS[kind] ?? { icon: 'circle' as const, label: kind };
  return (
    <span className="agent-kind" title={style.label}>
      <Icon name={style.icon} size={14} />
      <span className="visually-hidden">{style.label}: </span>
    </span>
  );
}

export function AiBadge(): ReactNode {
  return (
    <span className="ai-badge" title="AI agent: it runs or invokes AI">
      AI
    </span>
  );
}

/** What the identity is to AI, in words: the agent page's AI panel and the badges' hover text. */
export function aiUseSentence(agent: { access: 'human' | 'workload'; aiUse: 'runs' | 'manages' | null; aiSignals: readonly unknown[] }): string {
  if (agent.access === 'human')
    return 'Human access: people sign in through this identity (IAM Identity Center, SAML federation or a console password). Its permissions are analysed, but it is not an AI agent and never shadow AI.';
  if (agent.aiUse === 'runs') return 'Runs AI: an AI agent. It invokes models, runs agents or endpoints, or an AI service acts as it.';
  if (agent.aiUse === 'manages')
    return 'Manages AI: its AI permissions only create and configure AI resources (a deployment or infrastructure identity); it invokes no model, so it is not an AI agent nor shadow AI.';
  return 'Nothing marks this identity as an AI agent.';
}

/**
 * The badge beside an identity's name: AI (runs AI), Manages AI (only administers AI resources) or
 * Human access (people sign in through it). Nothing for other machine identities.
 */
export function AiUseBadge({ access, aiUse }: { access: 'human' | 'workload'; aiUse: 'runs' | 'manages' | null }): ReactNode {
  if (access === 'human') {
    return (
      <span className="ai-badge ai-badge--human" title="Human access: people sign in through it; not an AI agent" data-testid="human-access-badge">
        Human access
      </span>
    );
  }
  if (aiUse === 'manages') {
    return (
      <span className="ai-badge ai-badge--manages" title="Manages AI: it creates and configures AI resources but invokes no model" data-testid="manages-ai-badge">
        Manages AI
      </span>
    );
  }
  return aiUse === 'runs' ? <AiBadge /> : null;
}
