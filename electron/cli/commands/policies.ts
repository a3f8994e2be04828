/**
 * `warden policies list [--account ID] [--scan latest|ID] [--format json|table]` and `warden policies
 * test --expr CEL [--applies-to CEL] [--account ID] [--scan latest|ID] [--format json|table]`: the
 * governance policies (built-in and the team's own CEL policies, with how each fared, summed over
 * every account's newest scan by default) and trying an expression against those agents, through the
 * same channels as the app (`policies:list`, `policies:test`). `--account` narrows to one account,
 * `--scan` to one scan. The JSON carries the view (its scans, by account). Trying never saves.
 *
 * Exit codes: 0 listed / evaluated (failing agents are a result, not a failure); 1 an expression that
 * does not compile (the problem on stderr, with its line and column) or a workspace error; 2 usage.
 */
import type { ChannelOutput, ExpressionProblemInfo, PolicyEvaluationInfo, ViewInfo } from '@shared/contract';
import type { CliBackend } from '../backend';
import { callOrReport } from '../call';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable, terminalSafe, terminalSafeText, type Writer } from '../output';

export const POLICIES_FORMATS = ['json', 'table'] as const;
export type PoliciesFormat = (typeof POLICIES_FORMATS)[number];

/** `--format` checked for the usage error (exit 2); no `--format` means a table. */
export function parsePoliciesFormat(value: string | undefined): { ok: true; value: PoliciesFormat } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, value: 'table' };
  const format = POLICIES_FORMATS.find((f) => f === value.toLowerCase());
  if (format !== undefined) return { ok: true, value: format };
  return { ok: false, message: `--format takes ${POLICIES_FORMATS.join(', ')}, not "${terminalSafe(value)}".` };
}

type PolicyList = ChannelOutput<'policies:list'>;
type PolicyTest = ChannelOutput<'policies:test'>;

function evaluationJson(evaluation: PolicyEvaluationInfo | null): Record<string, unknown> | null {
  if (evaluation === null) return null;
  return {
    evaluated: evaluation.evaluated,
    failing: evaluation.failing,
    errors: evaluation.errors,
    notApplicable: evaluation.notApplicable,
    firstError: evaluation.firstError,
    compileError: evaluation.compileError,
  };
}

/** Which scans the figures come from: the view's kind, its account filter, and each scan with its account. */
export function viewJson(view: ViewInfo): Record<string, unknown> {
  return {
    kind: view.kind,
    accountId: view.accountId,
    past: view.past,
    scans: view.scans.map((scan) => ({ id: scan.id, accountId: scan.accountId, accountAlias: scan.accountAlias, source: scan.source, startedAt: scan.startedAt })),
  };
}

/** What the figures add up over, for the table's heading (the view, one line per scan). */
export function viewHeading(view: ViewInfo): string {
  if (view.scans.length === 0) {
    return view.accountId === null ? 'no completed scan yet: figures appear after the first scan or import\n' : `no completed scan of account ${view.accountId}\n`;
  }
  const what =
    view.kind === 'scan'
      ? `evaluated on one scan${view.past ? ' (a past view: a newer scan of this account exists)' : ''}`
      : `evaluated on the current state of ${view.scans.length === 1 ? 'the account' : `${view.scans.length} accounts`} (each account's newest completed scan), summed`;
  const scans = view.scans.map((scan) => {
    const account = view.accounts.find((a) => a.accountId === scan.accountId);
    const name = account?.label ?? account?.alias ?? scan.accountAlias ?? null;
    const label = scan.accountId === null ? '?' : name === null ? scan.accountId : `${name} (${scan.accountId})`;
    return `  scan ${scan.id}  account ${label}  ${scan.startedAt}\n`;
  });
  return `${what}\n${scans.join('')}`;
}

export function policiesJson(list: PolicyList): Record<string, unknown> {
  return {
    view: viewJson(list.view),
    builtIn: list.builtIn.map((p) => ({ id: p.id, name: p.name, description: p.description, severity: p.severity, scope: p.scope, ruleId: p.ruleId, failing: p.failing })),
    policies: list.policies.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      severity: p.severity,
      enabled: p.enabled,
      condition: p.condition,
      appliesTo: p.appliesTo,
      remediation: p.remediation,
      updatedAt: p.updatedAt,
      updatedBy: p.updatedBy,
      evaluation: evaluationJson(p.evaluation),
    })),
  };
}

function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : String(value);
}

export function policiesTable(list: PolicyList): string {
  const heading = viewHeading(list.view);
  const rows = [
    ...list.builtIn.map((p) => [p.name, 'built-in', p.severity, 'yes', '-', count(p.failing), '-', p.scope]),
    ...list.policies.map((p) => {
      const e = p.evaluation;
      const note = e?.compileError ?? e?.firstError ?? (p.appliesTo !== null ? `applies to: ${p.appliesTo}` : 'every governed agent');
      return [p.name, 'user', p.severity, p.enabled ? 'yes' : 'no', count(e?.evaluated), count(e?.failing), count(e?.errors), note.replace(/\s+/g, ' ')];
    }),
  ];
  return `${terminalSafeText(heading)}\n${formatTable(['NAME', 'KIND', 'SEVERITY', 'ENABLED', 'EVALUATED', 'FAILING', 'ERRORS', 'SCOPE / NOTE'], rows)}`;
}

/** `--scan latest` (or none) is the current state; `--account` narrows either. */
export interface PoliciesViewOptions {
  scan?: string | undefined;
  account?: string | undefined;
}

function viewChoice(options: PoliciesViewOptions): { scanId: string | null; accountId: string | null } {
  return { scanId: options.scan === undefined || options.scan === 'latest' ? null : options.scan, accountId: options.account ?? null };
}

export async function policiesListCommand(backend: CliBackend, io: Writer, options: PoliciesViewOptions & { format: PoliciesFormat }): Promise<ExitCode> {
  const list = await callOrReport<PolicyList>(backend.dispatch, 'policies:list', viewChoice(options), io);
  if (list === undefined) return EXIT.failure;
  io.out(options.format === 'json' ? `${JSON.stringify(policiesJson(list), null, 2)}\n` : policiesTable(list));
  return EXIT.ok;
}

/** "condition, line 1, column 13: Unexpected token: EOF", the line, and a caret under the column. */
export function describeProblemForTerminal(problem: ExpressionProblemInfo): string {
  const field = problem.field === 'appliesTo' ? 'applies-to' : 'expression';
  const caret = `${' '.repeat(Math.max(0, problem.column - 1))}^`;
  return `${field}, line ${problem.line}, column ${problem.column}: ${problem.message}\n  ${problem.excerpt}\n  ${caret}\n`;
}

export interface PoliciesTestOptions extends PoliciesViewOptions {
  expression: string;
  appliesTo: string | null;
  format: PoliciesFormat;
}

export async function policiesTestCommand(backend: CliBackend, io: Writer, options: PoliciesTestOptions): Promise<ExitCode> {
  const result = await callOrReport<PolicyTest>(backend.dispatch, 'policies:test', { ...viewChoice(options), condition: options.expression, appliesTo: options.appliesTo }, io);
  if (result === undefined) return EXIT.failure;
  if (result.problems.length > 0) {
    for (const problem of result.problems) io.err(terminalSafeText(`warden: the ${describeProblemForTerminal(problem)}`));
    if (options.format === 'json') io.out(`${JSON.stringify({ compiles: false, problems: result.problems }, null, 2)}\n`);
    return EXIT.failure;
  }
  if (options.format === 'json') {
    io.out(
      `${JSON.stringify(
        {
          compiles: true,
          view: viewJson(result.view),
          evaluation: evaluationJson(result.evaluation),
          failingAgents: result.failingAgents,
          errorSamples: result.errorSamples,
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  if (result.view.scans.length === 0 || result.evaluation === null) {
    io.out(
      result.view.accountId === null
        ? 'The expression compiles. The workspace has no completed scan to try it on yet.\n'
        : terminalSafeText(`The expression compiles. Account ${result.view.accountId} has no completed scan to try it on.\n`),
    );
    return EXIT.ok;
  }
  const e = result.evaluation;
  let text = `${viewHeading(result.view)}${e.evaluated} agents evaluated, ${e.failing} failing, ${e.errors} could not be evaluated, ${e.notApplicable} not in scope\n`;
  if (result.failingAgents.length > 0) {
    const shown = result.failingAgents.length < e.failing ? ` (first ${result.failingAgents.length})` : '';
    text += `\nfailing${shown}:\n${formatTable(['NAME', 'KIND', 'TIER', 'ACCOUNT', 'ARN'], result.failingAgents.map((a) => [a.name, a.kind, String(a.tier), a.accountId, a.arn]))}`;
  }
  if (e.errors > 0) {
    text += `\ncould not be evaluated for ${e.errors} agent${e.errors === 1 ? '' : 's'}; first: ${terminalSafe(e.firstError ?? '?')}\n`;
  }
  io.out(terminalSafeText(text));
  return EXIT.ok;
}
