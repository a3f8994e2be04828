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
    <span className="ai-badge" title="AI agent: it has AI signals">
      AI
    </span>
  );
}
