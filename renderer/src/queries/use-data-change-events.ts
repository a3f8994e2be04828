import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import { useJobs } from '../jobs/jobs-context';
import { changeOfJob, invalidateAfter, workspaceChanged } from './data-changes';

/**
 * The one place the back end's events reach the cache: each data-changed event invalidates the keys
 * of what it changed (data-changes.ts). Mounted once, under the jobs provider: a finished job comes
 * from there, which also catches a `job:finished` lost with a dropped event stream.
 */
export function useDataChangeEvents(): void {
  const api = useApi();
  const client = useQueryClient();
  const { onFinished } = useJobs();

  useEffect(
    () =>
      onFinished((job) => {
        const change = changeOfJob(job);
        if (change !== null) void invalidateAfter(client, change);
      }),
    [client, onFinished],
  );

  useEffect(() => {
    const offs = [
      api.on('analysis:stored', () => void invalidateAfter(client, 'analysis-stored')),
      api.on('registry:changed', () => void invalidateAfter(client, 'registry')),
      api.on('findings:changed', () => void invalidateAfter(client, 'findings')),
      api.on('policies:changed', () => void invalidateAfter(client, 'policies')),
      api.on('settings:changed', () => void invalidateAfter(client, 'settings')),
      api.on('connections:changed', () => void invalidateAfter(client, 'connections')),
      api.on('plan:changed', () => void invalidateAfter(client, 'plan')),
      api.on('reviews:changed', () => void invalidateAfter(client, 'reviews')),
      api.on('workspace:changed', () => void workspaceChanged(client)),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [api, client]);
}
