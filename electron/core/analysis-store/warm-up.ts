/**
 * The analysis worker's warm-up (analysis-worker.ts, `warm`): the warm-up account (warm-up-account.ts)
 * taken through the path an import's scan takes — written as a scan, its facts handed over as texts
 * and parsed as a handed-over scan's are, analysed, its first view made and the analysis stored — on
 * a workspace in memory that is then thrown away. Nothing touches the user's workspace or the disk.
 *
 * Why the whole path, and in rounds: V8 optimises a function once it has run often enough, and the
 * first real analysis — the one after an import into a freshly opened app, which the screens wait
 * for — should run optimised code rather than compile it on the side. One analysis of the small
 * account left most per-principal functions unoptimised (bench/README.md, g). The worker runs a few
 * rounds, one per turn of its event loop, and stops as soon as real work arrives: an analysis asked
 * for meanwhile waits at most for the round under way.
 */
import { analyzeScan } from '../analysis/analyze-scan';
import { openScratchWorkspace } from '../db/open-workspace';
import { insertScan } from '../db/repositories/scans';
import { withoutTestPauses } from '../lib/test-pause';
import { ensureAnalysed } from './analysis-store';
import { warmUpFacts, WARM_UP_PRINCIPALS } from './warm-up-account';

/** The warm-up account's moment (its dates are fixed). */
const WARM_UP_CLOCK = '2026-06-01T00:00:00.000Z';

/** Rounds after the first (which the `warm` request runs itself). */
export const WARM_UP_MORE_ROUNDS = 5;

/**
 * Lowers (or raises, up to 20) the rounds after the first: the test suites set it to 0, since they
 * start a back end per test and the later rounds only speed up a large first analysis.
 */
export const WARM_UP_ROUNDS_ENV = 'WARDEN_WARM_UP_ROUNDS';

/** The rounds after the first: WARM_UP_MORE_ROUNDS unless the environment sets a whole number 0–20. */
export function moreWarmUpRounds(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env[WARM_UP_ROUNDS_ENV]?.trim() ?? '';
  if (!/^\d{1,2}$/.test(raw)) return WARM_UP_MORE_ROUNDS;
  return Math.min(20, Number(raw));
}

/** One round: the warm-up account imported, analysed and stored in memory. Returns its principals. */
export function warmUpRound(round: number, principals: number = WARM_UP_PRINCIPALS): number {
  // The crash tests' pause points are for the user's own scans and analyses, not this one.
  return withoutTestPauses(() => warmUpRoundNow(round, principals));
}

function warmUpRoundNow(round: number, principals: number): number {
  const clock = (): Date => new Date(WARM_UP_CLOCK);
  const scratch = openScratchWorkspace({ clock });
  try {
    const facts = warmUpFacts(principals);
    const scanId = `warm-up-${round}`;
    const records = insertScan(
      scratch.write,
      {
        id: scanId,
        source: 'import',
        label: 'warm-up',
        connectionId: null,
        connectionName: null,
        accountId: facts.account.id,
        accountAlias: null,
        scannerArn: null,
        regions: [],
        status: 'completed',
        startedAt: WARM_UP_CLOCK,
        finishedAt: WARM_UP_CLOCK,
        error: null,
        appVersion: 'warm-up',
        collectors: [],
        apiCalls: {},
        facts,
      },
      { keepFactTexts: true },
    );
    let firstViews = 0;
    ensureAnalysed(scratch.write, scanId, {
      analyze: analyzeScan,
      clock,
      handedFacts: { scanId, records },
      onFirstView: () => {
        firstViews += 1;
      },
    });
    if (firstViews !== 1) throw new Error(`the warm-up round made ${firstViews} first views, not one`);
    return (facts.iam?.users.length ?? 0) + (facts.iam?.roles.length ?? 0);
  } finally {
    scratch.close();
  }
}

/**
 * Runs up to `rounds` more rounds, one per turn of the event loop, while `wanted()` holds: a request
 * that arrives in between is delivered before the next round and ends the warm-up. `done` receives
 * how many ran (and the error that stopped them, if one did).
 */
export function warmUpInTurns(rounds: number, wanted: () => boolean, done: (ran: number, error?: unknown) => void = () => undefined): void {
  let ran = 0;
  const next = (): void => {
    if (ran >= rounds || !wanted()) {
      done(ran);
      return;
    }
    try {
      warmUpRound(ran + 1);
    } catch (error) {
      done(ran, error);
      return;
    }
    ran += 1;
    setImmediate(next);
  };
  setImmediate(next);
}
