/** The `demo:*` channels: open or reset the demo company's one workspace file (demo/demo-file.ts). */
import type { Handlers } from '../dispatch';
import { AppError } from '../errors';
import { listScans } from '../db/repositories/scans';
import { openDemo, rebuildDemo, type DemoFileDeps } from '../demo/demo-file';
import type { ServiceDeps } from './handler-deps';
import { seedDemoPlan } from './demo-plan';
import { seedDemoReviews } from './demo-reviews';

export type DemoHandlers = Pick<Handlers, 'demo:open' | 'demo:reset'>;

export function createDemoHandlers(deps: ServiceDeps): DemoHandlers {
  const { jobs } = deps;
  const demo: DemoFileDeps = { workspaces: deps.workspaces, clock: deps.clock, appVersion: deps.appInfo.version, demoDir: deps.demoDir, path: deps.demoPath };

  const refuseWhileJobRuns = (what: string): void => {
    if (jobs.running()) throw new AppError('conflict', `A scan or import is still running; wait for it or cancel it before ${what}.`);
  };

  /** Announces the switch, and with a worker analyses the newest scan of each account in the background. */
  const opened = (path: string): void => {
    deps.emit('workspace:changed', { path });
    if (!deps.analysis.usesWorker) return;
    const workspace = deps.workspaces.current();
    const newest = new Map<string, string>();
    for (const scan of listScans(workspace.read)) {
      if (scan.status === 'completed' && scan.accountId !== null && !newest.has(scan.accountId)) newest.set(scan.accountId, scan.id);
    }
    for (const scanId of newest.values()) deps.analysis.ensure(workspace, scanId).catch(() => undefined);
  };

  return {
    'demo:open': async () => {
      refuseWhileJobRuns('opening the demo');
      const { info, built } = await openDemo(demo);
      // A demo built now gets its plan (demo-plan.ts) and review meetings (demo-reviews.ts); one
      // reopened keeps what the user did with them.
      if (built !== null) {
        // Meetings first: the plan's evaluations read them (its first Tier 1 review).
        await seedDemoReviews(deps, deps.workspaces.current());
        await seedDemoPlan(deps, deps.workspaces.current());
      }
      opened(info.path);
      return info;
    },
    // Not written to the audit log: the log is in the very file being replaced, and the user's own
    // workspace (whose log matters) is not touched.
    'demo:reset': async () => {
      // Like every write channel, it starts once no analysis is running (backend.ts), so none is
      // writing to the old file when it is replaced.
      refuseWhileJobRuns('resetting the demo');
      const info = await rebuildDemo(demo);
      await seedDemoReviews(deps, deps.workspaces.current());
      await seedDemoPlan(deps, deps.workspaces.current());
      opened(info.path);
      return info;
    },
  };
}
