import type { ReactNode } from 'react';
import { Icon } from '../../components/icon';
import { Spinner } from '../../components/spinner';
import type { StatusStyle } from './outcome-style';

/** A status as a coloured pill with an icon and a word (colour is never the only signal). */
export function StatusBadge({ style, spinning = false, title }: { style: StatusStyle; spinning?: boolean; title?: string }): ReactNode {
  return (
    <span className={`badge badge--${style.tone} status-badge`} title={title ?? style.description}>
      {spinning ? <Spinner size={10} /> : <Icon name={style.icon} size={12} />}
      {style.label}
    </span>
  );
}
