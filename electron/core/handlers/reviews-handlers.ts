/** The `reviews:*` channels: review meetings (governance/reviews/). */
import type { Handlers } from '../dispatch';
import { AppError } from '../errors';
import type { ServiceDeps } from './handler-deps';

export type ReviewHandlers = Pick<
  Handlers,
  | 'reviews:due'
  | 'reviews:list'
  | 'reviews:get'
  | 'reviews:plan'
  | 'reviews:updateAgenda'
  | 'reviews:start'
  | 'reviews:agendaItem'
  | 'reviews:decide'
  | 'reviews:end'
  | 'reviews:minutes'
  | 'reviews:actionItems'
  | 'reviews:updateActionItem'
>;

export function createReviewHandlers(deps: ServiceDeps): ReviewHandlers {
  const pending = (): never => {
    void deps;
    throw new AppError('unavailable', 'Review meetings are being built.');
  };
  return {
    'reviews:due': pending,
    'reviews:list': pending,
    'reviews:get': pending,
    'reviews:plan': pending,
    'reviews:updateAgenda': pending,
    'reviews:start': pending,
    'reviews:agendaItem': pending,
    'reviews:decide': pending,
    'reviews:end': pending,
    'reviews:minutes': pending,
    'reviews:actionItems': pending,
    'reviews:updateActionItem': pending,
  };
}
