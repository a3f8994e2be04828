import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

/** Every review read sits under `reviews`: a review change (or anything the agents depend on) invalidates it whole. */
export const reviewKeys = {
  all: ['reviews'] as const,
  due: (by: string | null = null) => [...reviewKeys.all, 'due', by] as const,
  list: () => [...reviewKeys.all, 'list'] as const,
  meeting: (id: string) => [...reviewKeys.all, 'meeting', id] as const,
  agendaItem: (id: string, arn: string) => [...reviewKeys.all, 'agenda-item', id, arn] as const,
  minutes: (id: string) => [...reviewKeys.all, 'minutes', id] as const,
  actionItems: (arn: string | null) => [...reviewKeys.all, 'action-items', arn] as const,
};

export const dueQuery = (api: Api) => queryOptions({ queryKey: reviewKeys.due(), queryFn: () => api.invoke('reviews:due', {}) });
/** Agents due by a later date: the candidates a planned meeting's agenda can add. */
export const dueByQuery = (api: Api, by: string) => queryOptions({ queryKey: reviewKeys.due(by), queryFn: () => api.invoke('reviews:due', { by }) });
export const meetingsQuery = (api: Api) => queryOptions({ queryKey: reviewKeys.list(), queryFn: () => api.invoke('reviews:list', {}) });
export const meetingQuery = (api: Api, id: string) => queryOptions({ queryKey: reviewKeys.meeting(id), queryFn: () => api.invoke('reviews:get', { id }) });
export const agendaItemQuery = (api: Api, id: string, arn: string) =>
  queryOptions({ queryKey: reviewKeys.agendaItem(id, arn), queryFn: () => api.invoke('reviews:agendaItem', { id, arn }) });
export const minutesQuery = (api: Api, id: string) => queryOptions({ queryKey: reviewKeys.minutes(id), queryFn: () => api.invoke('reviews:minutes', { id }) });
/** Open items (optionally one agent's), overdue flagged by the back end. */
export const actionItemsQuery = (api: Api, arn: string | null) =>
  queryOptions({ queryKey: reviewKeys.actionItems(arn), queryFn: () => api.invoke('reviews:actionItems', { arn, status: null }) });
