import './states.css';
import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

/** What a screen or list shows when there is nothing yet, and what to do about it. */
export function EmptyState({
  icon,
  title,
  children,
  actions,
  headingLevel = 2,
}: {
  icon: IconName;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
}): ReactNode {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="empty-state">
      <div className="empty-state__icon">
        <Icon name={icon} size={22} />
      </div>
      <Heading className="empty-state__title">{title}</Heading>
      {children !== undefined ? <div className="empty-state__body">{children}</div> : null}
      {actions !== undefined ? <div className="empty-state__actions">{actions}</div> : null}
    </div>
  );
}
