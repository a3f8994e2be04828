/** The `demo:*` channels: open the demo company in a temporary workspace. */
import type { Handlers } from '../dispatch';
import { AppError } from '../errors';
import { listScans } from '../db/repositories/scans';
import { openDemoWorkspace } from '../demo/demo-workspace';
import type { ServiceDeps } from './handler-deps';

export type DemoHandlers = Pick<Handlers, 'demo:open'>;

export function createDemoHandlers(deps: ServiceDeps): DemoHandlers {
  const { jobs } = deps;
  return {
    'demo:open': async () => {
      if (jobs.running()) throw new AppError('conflict', 'A scan or import is still running; wait for it or cancel it before opening the demo.');
      const info = await openDemoWorkspace({ workspaces: deps.workspaces, clock: deps.clock, appVersion: deps.appInfo.version, demoDir: deps.demoDir });
      deps.emit('workspace:changed', { path: info.path });
      if (deps.analysis.usesWorker) {
        // Analysed in the background, newest scan of each account (its earlier ones come first).
        const workspace = deps.workspaces.current();
        const newest = new Map<string, string>();
        for (const scan of listScans(workspace.read)) {
          if (scan.status === 'completed' && scan.accountId !== null && !newest.has(scan.accountId)) newest.set(scan.accountId, scan.id);
        }
        for (const scanId of newest.values()) deps.analysis.ensure(workspace, scanId).catch(() => undefined);
      }
      return info;
    },
  };
}
