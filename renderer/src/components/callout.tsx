import './callout.css';
import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

export type CalloutTone = 'info' | 'success' | 'warning' | 'danger';

const ICONS: Record<CalloutTone, IconName> = {
  info: 'info',
  success: 'check-circle',
  warning: 'alert',
  danger: 'x-circle',
};

/** A boxed message inside a screen. `role="alert"` only for errors a person just caused. */
export function Callout({
  tone,
  title,
  children,
  role,
}: {
  tone: CalloutTone;
  title?: ReactNode;
  children?: ReactNode;
  role?: 'alert' | 'status';
}): ReactNode {
  return (
    <div className={`callout callout--${tone}`} role={role}>
      <Icon name={ICONS[tone]} className="callout__icon" />
      <div className="callout__body">
        {title !== undefined ? <p className="callout__title">{title}</p> : null}
        {children}
      </div>
    </div>
  );
}
