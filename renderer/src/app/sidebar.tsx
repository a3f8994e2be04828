import type { KeyboardEvent, ReactNode } from 'react';
import { Icon } from '../components/icon';
import { baseName } from '../lib/format';
import { SECTIONS, type Section } from './sections';
import { useWorkspace } from './workspace-context';

/** Up/Down arrows move between the sidebar's links (Tab still works as usual). */
function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.nav-link'));
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (index === -1) return;
  event.preventDefault();
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? links.length - 1 : (index + (event.key === 'ArrowDown' ? 1 : -1) + links.length) % links.length;
  links[next]?.focus();
}

function NavLink({ section, current }: { section: Section; current: boolean }): ReactNode {
  return (
    <li>
      <a className="nav-link" href={`#${section.path}`} aria-current={current ? 'page' : undefined}>
        <Icon name={section.icon} size={16} />
        <span>{section.label}</span>
      </a>
    </li>
  );
}

export function Sidebar({ currentPath }: { currentPath: string }): ReactNode {
  const { workspace } = useWorkspace();
  const main = SECTIONS.filter((section) => section.placement === 'main');
  const footer = SECTIONS.filter((section) => section.placement === 'footer');

  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <span className="sidebar__logo">
          <Icon name="logo" size={18} />
        </span>
        <span className="sidebar__name">Agent Warden</span>
      </div>
      <nav className="sidebar__nav" aria-label="Main" onKeyDown={moveFocus}>
        <ul className="nav-list">
          {main.map((section) => (
            <NavLink key={section.path} section={section} current={section.path === currentPath} />
          ))}
        </ul>
        <ul className="nav-list nav-list--footer">
          {footer.map((section) => (
            <NavLink key={section.path} section={section} current={section.path === currentPath} />
          ))}
        </ul>
      </nav>
      <div className="sidebar__workspace">
        <Icon name="database" size={16} />
        <div className="sidebar__workspace-text">
          <span className="sidebar__workspace-label" id="sidebar-workspace-label">
            Workspace
          </span>
          {workspace.status === 'ready' ? (
            <span className="sidebar__workspace-name" title={workspace.data.path} aria-describedby="sidebar-workspace-label" data-testid="workspace-name">
              {workspace.data.demo ? 'Demo workspace' : baseName(workspace.data.path)}
            </span>
          ) : workspace.status === 'loading' ? (
            <span className="sidebar__workspace-name sidebar__workspace-name--muted">Opening…</span>
          ) : (
            <span className="sidebar__workspace-name sidebar__workspace-name--error">Not available</span>
          )}
        </div>
      </div>
    </aside>
  );
}
