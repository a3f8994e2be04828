import type { ReactNode } from 'react';

/**
 * The header of a screen. Its heading takes the focus when the screen opens (tabIndex -1), so keyboard
 * and screen-reader users land at the top of the new content rather than back on the sidebar link.
 */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }): ReactNode {
  return (
    <header className="page-header">
      <div className="page-header__text">
        <h1 className="page-header__title" tabIndex={-1} data-screen-heading>
          {title}
        </h1>
        {description !== undefined ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions !== undefined ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
