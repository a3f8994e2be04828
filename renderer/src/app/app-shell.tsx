import { useEffect, useRef, useState, type ReactNode } from 'react';
import { navigate, useHashPath } from '../hooks/use-hash-path';
import { DemoBanner } from './demo-banner';
import { routeWithoutQuery } from '../hooks/use-hash-query';
import { findSection, SECTIONS, sidebarPath } from './sections';
import { Sidebar } from './sidebar';
import { SkipLink } from './skip-link';
import { INITIAL_SCREEN_KEY, nextScreenKey } from './screen-key';
import { useWorkspace } from './workspace-context';

const MAIN_ID = 'main-content';

/** Sidebar, skip link and the routed screen (or the screen alone on a full-screen route). Unknown routes go to the first section. */
export function AppShell(): ReactNode {
  const path = useHashPath();
  const section = findSection(path);
  const fallback = SECTIONS[0];
  const { workspace } = useWorkspace();
  const firstRender = useRef(true);

  useEffect(() => {
    if (section === undefined && fallback !== undefined) navigate(fallback.path, { replace: true });
  }, [section, fallback]);

  useEffect(() => {
    if (section === undefined) return;
    document.title = `${section.label} · Agent Warden`;
    // Move focus to the new screen's heading when the user navigates (not on first load).
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>(`#${MAIN_ID} [data-screen-heading]`)?.focus();
  }, [section]);

  const Screen = section?.screen;
  // A different workspace is a different set of data: remount the screen so it loads afresh. The first
  // answer is not a change: remounting then threw away what the user chose while it loaded (screen-key.ts).
  const [screenKey, setScreenKey] = useState(INITIAL_SCREEN_KEY);
  const nextKey = nextScreenKey(screenKey, workspace.status === 'ready' ? workspace.data.path : null);
  if (nextKey !== screenKey) setScreenKey(nextKey);
  const workspaceKey = `workspace-${nextKey.generation}`;

  // A full-screen route (meeting mode) is the screen alone: no sidebar, skip link or demo banner.
  if (Screen !== undefined && section?.fullScreen?.(routeWithoutQuery(path)) === true) {
    return (
      <main id={MAIN_ID} className="main main--full-screen" tabIndex={-1}>
        <Screen key={workspaceKey} />
      </main>
    );
  }

  return (
    <div className="app">
      <SkipLink targetId={MAIN_ID} />
      <Sidebar currentPath={sidebarPath(section)} />
      <main id={MAIN_ID} className="main" tabIndex={-1}>
        <div className="main__inner">
          <DemoBanner />
          {Screen !== undefined ? <Screen key={workspaceKey} /> : null}
        </div>
      </main>
    </div>
  );
}
