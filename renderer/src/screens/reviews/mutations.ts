import { useChannelMutation } from '../../queries/use-channel-mutation';

export const usePlanMeeting = () => useChannelMutation('reviews:plan', 'reviews');
export const useUpdateAgenda = () => useChannelMutation('reviews:updateAgenda', 'reviews');
export const useStartMeeting = () => useChannelMutation('reviews:start', 'reviews');
export const useDecide = () => useChannelMutation('reviews:decide', 'reviews');
export const useEndMeeting = () => useChannelMutation('reviews:end', 'reviews');
export const useUpdateActionItem = () => useChannelMutation('reviews:updateActionItem', 'reviews');
