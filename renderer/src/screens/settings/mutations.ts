import { useChannelMutation } from '../../queries/use-channel-mutation';

export const useUpdateSettings = () => useChannelMutation('settings:update', 'settings');
