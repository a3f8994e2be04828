import { useChannelMutation } from '../../queries/use-channel-mutation';

/** Save registry fields (status, owner, purpose, tier override, …) of one or more identities. */
export const useUpdateRegistry = () => useChannelMutation('registry:update', 'registry');
