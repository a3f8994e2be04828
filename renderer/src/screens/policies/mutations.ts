import { useChannelMutation } from '../../queries/use-channel-mutation';

export const useSavePolicy = () => useChannelMutation('policies:save', 'policies');
export const useDeletePolicy = () => useChannelMutation('policies:delete', 'policies');
