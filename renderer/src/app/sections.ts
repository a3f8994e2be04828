import type { ComponentType } from 'react';
import type { IconName } from '../components/icon';
import { ConnectionsScreen } from '../screens/connections/connections-screen';
import { ImportScreen } from '../screens/import/import-screen';
import { ScansScreen } from '../screens/scans/scans-screen';
import { SettingsScreen } from '../screens/settings/settings-screen';

export interface Section {
  /** The route, also the hash: `#/connections`. */
  path: `/${string}`;
  label: string;
  icon: IconName;
  screen: ComponentType;
  /** `main` sections list at the top of the sidebar; `footer` ones sit above the workspace name. */
  placement: 'main' | 'footer';
}

/**
 * The sidebar's sections, in order. Adding a screen is one line here. They read as the way in:
 * connect an account, scan it (or import its exports instead). The first is where an unknown route goes.
 */
export const SECTIONS: readonly Section[] = [
  { path: '/connections', label: 'Connections', icon: 'plug', screen: ConnectionsScreen, placement: 'main' },
  { path: '/scans', label: 'Scans', icon: 'scan', screen: ScansScreen, placement: 'main' },
  { path: '/import', label: 'Import', icon: 'upload', screen: ImportScreen, placement: 'main' },
  { path: '/settings', label: 'Settings', icon: 'settings', screen: SettingsScreen, placement: 'footer' },
];

/** The section a route belongs to (`/connections/anything` → Connections), or undefined. */
export function findSection(path: string): Section | undefined {
  return SECTIONS.find((section) => path === section.path || path.startsWith(`${section.path}/`));
}
