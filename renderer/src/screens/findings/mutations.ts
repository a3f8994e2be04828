import { useChannelMutation } from '../../queries/use-channel-mutation';

export const useAcceptFinding = () => useChannelMutation('findings:accept', 'findings');
export const useResolveFinding = () => useChannelMutation('findings:resolve', 'findings');
export const useReopenFinding = () => useChannelMutation('findings:reopen', 'findings');
