/**
 * The wire protocol between the preload and the main process, beside the contract it carries.
 *
 * The allowlists are typed as records over the contract's names, so adding or removing a channel or
 * an event in shared/contract/ fails the type check here until this file follows. Only types come
 * from the contract: the sandboxed preload stays free of zod and the schemas.
 */
import type { ChannelName, EventName } from '@shared/contract';

/** The one IPC channel that carries contract events to the window, as `(eventName, payload)`. */
export const EVENT_IPC_CHANNEL = 'warden:event';

/**
 * The preload tells the main process, on this channel of its own, the path of a file the user dropped
 * (from `webUtils.getPathForFile`), so that the shell vouches for it (see electron/main/vouched-paths.ts).
 * Not a contract channel: the page cannot send on it.
 */
export const DROPPED_FILE_IPC_CHANNEL = 'warden:dropped-file';

const channels: Readonly<Record<ChannelName, true>> = {
  'app:info': true,
  'workspace:info': true,
  'workspace:open': true,
  'workspace:saveCopy': true,
  'settings:get': true,
  'settings:update': true,
  'connections:profiles': true,
  'connections:list': true,
  'connections:create': true,
  'connections:update': true,
  'connections:remove': true,
  'connections:setSchedule': true,
  'connections:test': true,
  'connections:scannerPolicy': true,
  'scans:list': true,
  'scans:get': true,
  'scans:start': true,
  'scans:cancel': true,
  'scans:jobs': true,
  'import:files': true,
  'import:pickFile': true,
  'demo:open': true,
  'demo:reset': true,
  'changes:get': true,
  'overview:get': true,
  'plan:get': true,
  'plan:start': true,
  'plan:updateTask': true,
  'plan:claimTask': true,
  'plan:reopenTask': true,
  'plan:skipTask': true,
  'plan:unskipTask': true,
  'plan:addTask': true,
  'plan:removeTask': true,
  'agents:list': true,
  'agents:get': true,
  'findings:list': true,
  'findings:summaries': true,
  'findings:details': true,
  'findings:accept': true,
  'findings:reopen': true,
  'findings:resolve': true,
  'findings:acceptMany': true,
  'findings:resolveMany': true,
  'registry:update': true,
  'audit:list': true,
  'audit:verify': true,
  'audit:filters': true,
  'audit:export': true,
  'policies:list': true,
  'policies:save': true,
  'policies:delete': true,
  'policies:test': true,
  'reviews:due': true,
  'reviews:list': true,
  'reviews:get': true,
  'reviews:plan': true,
  'reviews:updateAgenda': true,
  'reviews:start': true,
  'reviews:agendaItem': true,
  'reviews:decide': true,
  'reviews:end': true,
  'reviews:minutes': true,
  'reviews:actionItems': true,
  'reviews:calendar': true,
  'reviews:updateActionItem': true,
  'reports:leadership': true,
  'reports:minutes': true,
  'reports:print': true,
  'exports:inventory': true,
  'exports:findings': true,
};

const events: Readonly<Record<EventName, true>> = {
  'job:progress': true,
  'job:finished': true,
  'workspace:changed': true,
  'registry:changed': true,
  'findings:changed': true,
  'policies:changed': true,
  'settings:changed': true,
  'connections:changed': true,
  'plan:changed': true,
  'reviews:changed': true,
  'analysis:stored': true,
  'changes:digest': true,
};

export const BRIDGE_CHANNELS: ReadonlySet<string> = new Set(Object.keys(channels));
export const BRIDGE_EVENTS: ReadonlySet<string> = new Set(Object.keys(events));
