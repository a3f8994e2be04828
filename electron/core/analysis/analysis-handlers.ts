/** Contract handlers for the analysis (issue 4). PLACEHOLDER while the analysis is being built. */
import type { Handlers } from '../dispatch';
import { AppError } from '../errors';
import type { ServiceDeps } from '../services';

export type AnalysisHandlers = Pick<
  Handlers,
  | 'agents:list'
  | 'agents:get'
  | 'findings:list'
  | 'findings:accept'
  | 'findings:reopen'
  | 'findings:resolve'
  | 'registry:update'
  | 'audit:list'
  | 'audit:verify'
>;

export function createAnalysisHandlers(_deps: ServiceDeps): AnalysisHandlers {
  const notYet = (): never => {
    throw new AppError('unavailable', 'The analysis is not available in this build yet.');
  };
  return {
    'agents:list': notYet,
    'agents:get': notYet,
    'findings:list': notYet,
    'findings:accept': notYet,
    'findings:reopen': notYet,
    'findings:resolve': notYet,
    'registry:update': notYet,
    'audit:list': notYet,
    'audit:verify': notYet,
  };
}
