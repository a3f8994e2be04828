import { useChannelMutation } from '../../queries/use-channel-mutation';

/** Every plan change answers the new plan and invalidates the plan, the Overview's plan card and the audit log ('plan'). */
export const useStartPlan = () => useChannelMutation('plan:start', 'plan');
export const useUpdatePlanTask = () => useChannelMutation('plan:updateTask', 'plan');
export const useClaimPlanTask = () => useChannelMutation('plan:claimTask', 'plan');
export const useReopenPlanTask = () => useChannelMutation('plan:reopenTask', 'plan');
export const useSkipPlanTask = () => useChannelMutation('plan:skipTask', 'plan');
export const useUnskipPlanTask = () => useChannelMutation('plan:unskipTask', 'plan');
export const useAddPlanTask = () => useChannelMutation('plan:addTask', 'plan');
export const useRemovePlanTask = () => useChannelMutation('plan:removeTask', 'plan');
