/**
 * "What changed since its last review" (pure): the evidence stored with the agent's previous decision
 * against the evidence now. New and resolved findings by fingerprint, permissions newly reachable (a
 * service or an access level), new workloads, owner and tier changes.
 */
import type { ReviewChanges, ReviewEvidence } from '@shared/contract';

export function diffEvidence(previous: ReviewEvidence | null, now: ReviewEvidence, meta: ReviewChanges['previous']): ReviewChanges {
  if (previous === null || meta === null) {
    return { previous: null, newFindings: [], resolvedFindings: [], newPermissions: [], newWorkloads: [], ownerChange: null, tierChange: null };
  }
  const before = new Set(previous.openFindings.map((f) => f.fingerprint));
  const after = new Set(now.openFindings.map((f) => f.fingerprint));
  const levelsBefore = new Map(previous.permissions.map((p) => [p.service, new Set(p.levels)]));
  const newPermissions: ReviewChanges['newPermissions'] = [];
  for (const service of now.permissions) {
    const had = levelsBefore.get(service.service);
    const levels = service.levels.filter((level) => had === undefined || !had.has(level));
    if (levels.length > 0) newPermissions.push({ service: service.service, levels });
  }
  const workloadsBefore = new Set(previous.workloads.map((w) => w.arn));
  return {
    previous: meta,
    newFindings: now.openFindings.filter((f) => !before.has(f.fingerprint)),
    resolvedFindings: previous.openFindings.filter((f) => !after.has(f.fingerprint)),
    newPermissions,
    newWorkloads: now.workloads.filter((w) => !workloadsBefore.has(w.arn)),
    ownerChange: previous.owner === now.owner ? null : { from: previous.owner, to: now.owner },
    tierChange: previous.tier === now.tier ? null : { from: previous.tier, to: now.tier },
  };
}
