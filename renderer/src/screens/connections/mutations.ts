import { useChannelMutation } from '../../queries/use-channel-mutation';

export const useCreateConnection = () => useChannelMutation('connections:create', 'connections');
export const useUpdateConnection = () => useChannelMutation('connections:update', 'connections');
/** Audited; the scheduler takes the new schedule at once. */
export const useSetConnectionSchedule = () => useChannelMutation('connections:setSchedule', 'connections');
export const useRemoveConnection = () => useChannelMutation('connections:remove', 'connections');
/** Testing a saved connection records the result (and the account joins the known accounts). */
export const useTestSavedConnection = () => useChannelMutation('connections:test', 'connections');
