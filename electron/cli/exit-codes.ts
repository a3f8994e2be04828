/** 3: `warden scan --fail-on` saw a kind of change it was asked to fail on (docs/continuous-discovery.md). */
export const EXIT = { ok: 0, failure: 1, usage: 2, changes: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
