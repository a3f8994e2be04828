import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/contract';
import { useApi } from '../api/api-context';
import { invalidateAfter, type DataChange } from './data-changes';

/**
 * A change through one contract channel that, once committed, invalidates what it changed. The back
 * end also sends the matching data-changed event (for the other windows); invalidating here as well
 * makes this window's screens follow even when the event stream is down.
 */
export function useChannelMutation<C extends ChannelName>(channel: C, change: DataChange): UseMutationResult<ChannelOutput<C>, Error, ChannelInput<C>> {
  const api = useApi();
  const client = useQueryClient();
  return useMutation<ChannelOutput<C>, Error, ChannelInput<C>>({
    mutationFn: (input) => api.invoke(channel, input),
    onSuccess: () => {
      void invalidateAfter(client, change);
    },
  });
}
