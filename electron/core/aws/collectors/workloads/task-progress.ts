/** Progress of one collector task for the live panel: resources described so far out of those listed. */
import type { CollectorContext } from '../../scanner/collector';

export interface TaskProgress {
  /** More resources were listed (the total grows as each kind is listed). */
  listed(count: number): void;
  /** One more resource has been read. */
  read(): void;
}

export function taskProgress(ctx: Pick<CollectorContext, 'progress'>): TaskProgress {
  let done = 0;
  let total = 0;
  return {
    listed(count) {
      total += count;
      ctx.progress(done, total);
    },
    read() {
      done += 1;
      ctx.progress(done, total);
    },
  };
}
