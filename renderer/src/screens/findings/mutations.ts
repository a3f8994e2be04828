import { useChannelMutation } from '../../queries/use-channel-mutation';

export const useReopenFinding = () => useChannelMutation('findings:reopen', 'findings');
/** Accept or resolve one finding or several: one channel each, all or none, one reason. */
export const useAcceptFindings = () => useChannelMutation('findings:acceptMany', 'findings');
export const useResolveFindings = () => useChannelMutation('findings:resolveMany', 'findings');
