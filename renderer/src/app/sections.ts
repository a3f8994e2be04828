import type { ComponentType } from 'react';
import type { IconName } from '../components/icon';
import { routeWithoutQuery } from '../hooks/use-hash-query';
import { AgentScreen } from '../screens/agent/agent-screen';
import { AuditScreen } from '../screens/audit/audit-screen';
import { ConnectionsScreen } from '../screens/connections/connections-screen';
import { FindingsScreen } from '../screens/findings/findings-screen';
import { ImportScreen } from '../screens/import/import-screen';
import { InventoryScreen } from '../screens/inventory/inventory-screen';
import { OverviewScreen } from '../screens/overview/overview-screen';
import { PlanScreen } from '../screens/plan/plan-screen';
import { PoliciesScreen } from '../screens/policies/policies-screen';
import { ReportsScreen } from '../screens/reports/reports-screen';
import { ReviewsScreen } from '../screens/reviews/reviews-screen';
import { isFullScreenReviewsRoute } from '../screens/reviews/reviews-route';
import { ScansScreen } from '../screens/scans/scans-screen';
import { SettingsScreen } from '../screens/settings/settings-screen';
import { ShadowAiScreen } from '../screens/shadow-ai/shadow-ai-screen';

export interface Section {
  /** The route, also the hash: `#/connections`. */
  path: `/${string}`;
  label: string;
  icon: IconName;
  screen: ComponentType;
  /**
   * `main` sections list at the top of the sidebar; `footer` ones sit above the workspace name;
   * `hidden` ones are reached by links only (one agent's page).
   */
  placement: 'main' | 'footer' | 'hidden';
  /** For a `hidden` section: the sidebar entry it belongs to, highlighted while it is shown. */
  within?: `/${string}`;
  /** Routes of this section shown without the sidebar, filling the window (meeting mode on a projector). */
  fullScreen?: (route: string) => boolean;
}

/**
 * The sidebar's sections, in order: the Overview (the answer to "are our AI agents under control?") and the
 * 30-day plan that gets there and the review meetings that keep it so, then what
 * the team governs (inventory, findings, policies, shadow AI), then the
 * way data comes in (scans, connections, import), then the record (audit log). The first is where an
 * unknown route goes.
 */
export const SECTIONS: readonly Section[] = [
  { path: '/overview', label: 'Overview', icon: 'pulse', screen: OverviewScreen, placement: 'main' },
  { path: '/plan', label: 'Plan', icon: 'flag', screen: PlanScreen, placement: 'main' },
  { path: '/reviews', label: 'Reviews', icon: 'clock', screen: ReviewsScreen, placement: 'main', fullScreen: isFullScreenReviewsRoute },
  { path: '/inventory', label: 'Inventory', icon: 'database', screen: InventoryScreen, placement: 'main' },
  { path: '/findings', label: 'Findings', icon: 'alert', screen: FindingsScreen, placement: 'main' },
  { path: '/policies', label: 'Policies', icon: 'shield', screen: PoliciesScreen, placement: 'main' },
  { path: '/shadow-ai', label: 'Shadow AI', icon: 'compass', screen: ShadowAiScreen, placement: 'main' },
  { path: '/scans', label: 'Scans', icon: 'scan', screen: ScansScreen, placement: 'main' },
  { path: '/connections', label: 'Connections', icon: 'plug', screen: ConnectionsScreen, placement: 'main' },
  { path: '/import', label: 'Import', icon: 'upload', screen: ImportScreen, placement: 'main' },
  { path: '/audit', label: 'Audit log', icon: 'lock', screen: AuditScreen, placement: 'main' },
  { path: '/reports', label: 'Reports', icon: 'file', screen: ReportsScreen, placement: 'main' },
  { path: '/settings', label: 'Settings', icon: 'settings', screen: SettingsScreen, placement: 'footer' },
  { path: '/agents', label: 'Agent', icon: 'shield', screen: AgentScreen, placement: 'hidden', within: '/inventory' },
];

/** The sidebar entry to highlight for a section: its own, or for a page reached by links the one it belongs to. */
export function sidebarPath(section: Section | undefined): string {
  return section === undefined ? '' : (section.within ?? section.path);
}

/** The section a route belongs to (`/connections/anything`, `/inventory?q=x` → its section), or undefined. */
export function findSection(path: string): Section | undefined {
  const route = routeWithoutQuery(path);
  return SECTIONS.find((section) => route === section.path || route.startsWith(`${section.path}/`));
}
