/** The `registry:*` channels: owner, tier override and review dates of identities, audited in one transaction. */
import type { Handlers } from '../dispatch';
import { latestTier } from '../db/repositories/agents';
import { updateRegistry } from '../governance/registry-service';
import { currentActor, getSettings } from '../db/repositories/settings';
import type { Tier } from '../analysis/types';
import type { ServiceDeps } from './handler-deps';

export type RegistryHandlers = Pick<Handlers, 'registry:update'>;

export function createRegistryHandlers(deps: ServiceDeps): RegistryHandlers {
  return {
    'registry:update': ({ arns, patch, reason }) => {
      const workspace = deps.workspaces.current();
      const updated = updateRegistry(workspace.write, {
        arns,
        patch,
        reason,
        actor: currentActor(deps.workspaces.current().read, deps.env),
        now: deps.clock(),
        tierOf: (arn): Tier | null => latestTier(workspace.read, arn),
        cadence: getSettings(workspace.read).reviewCadence,
      });
      deps.emit('registry:changed', { arns });
      return updated;
    },
  };
}
