import './panel.css';
import { useId, type ReactNode } from 'react';

/** A titled block of a screen (a region named by its heading). */
export function Panel({
  title,
  description,
  actions,
  children,
  flush = false,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** No inner padding, for lists that draw their own rows. */
  flush?: boolean;
}): ReactNode {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel__header">
        <div>
          <h2 id={id} className="panel__title">
            {title}
          </h2>
          {description !== undefined ? <p className="panel__description">{description}</p> : null}
        </div>
        {actions !== undefined ? <div className="panel__actions">{actions}</div> : null}
      </div>
      <div className={flush ? 'panel__body panel__body--flush' : 'panel__body'}>{children}</div>
    </section>
  );
}
