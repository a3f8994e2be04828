/** Real workspace files for tests, made through the same code the app uses. */
import { join } from 'node:path';
import { openWorkspace, type OpenWorkspaceOptions, type Workspace } from '@core/db/open-workspace';
import { insertConnection } from '@core/db/repositories/connections';

export const FIXED_NOW = new Date('2025-03-04T05:06:07.000Z');
export const fixedClock = (): Date => FIXED_NOW;

export function openTestWorkspace(path: string, options: Partial<OpenWorkspaceOptions> = {}): Workspace {
  return openWorkspace(path, { clock: fixedClock, create: true, appVersion: '0.1.0-test', ...options });
}

/**
 * A closed workspace holding `connections` rows (enough of them to span several pages, so that cutting
 * the file in half really loses data).
 */
export function makeWorkspaceFile(dir: string, name = 'workspace.sqlite', connections = 200): string {
  const path = join(dir, name);
  const workspace = openTestWorkspace(path);
  workspace.write.transaction((tx) => {
    for (let i = 0; i < connections; i += 1) {
      insertConnection(
        tx,
        { name: `Account ${i}`, profile: `profile-${i}`, roleArn: null, externalId: null, regions: ['eu-west-1'] },
        FIXED_NOW,
      );
    }
  });
  workspace.close();
  return path;
}
