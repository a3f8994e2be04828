/**
 * `warden policies list [--format json|table]` and `warden policies test --expr CEL [--applies-to CEL]
 * [--scan latest|ID] [--format json|table]`: the governance policies (built-in and the team's own CEL
 * policies, with how each fared on the newest scan) and trying an expression against a scan's agents,
 * through the same channels as the app (`policies:list`, `policies:test`). Trying never saves.
 *
 * Exit codes: 0 listed / evaluated (failing agents are a result, not a failure); 1 an expression that
 * does not compile (the problem on stderr, with its line and column) or a workspace error; 2 usage.
 */
import type { ChannelOutput, ExpressionProblemInfo, PolicyEvaluationInfo } from '@shared/contract';
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

export function policiesJson(list: PolicyList): Record<string, unknown> {
  return {
    scan: list.scan === null ? null : { id: list.scan.id, accountId: list.scan.accountId, startedAt: list.scan.startedAt },
    builtIn: list.builtIn.map((p) => ({ id: p.id, name: p.name, description: p.description, severity: p.severity, scope: p.scope, failing: p.failing })),
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
  const heading =
    list.scan === null
      ? 'no completed scan yet: figures appear after the first scan or import\n'
      : `evaluated on scan ${list.scan.id} (account ${list.scan.accountId ?? '?'}, ${list.scan.startedAt})\n`;
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

export async function policiesListCommand(backend: CliBackend, io: Writer, options: { format: PoliciesFormat }): Promise<ExitCode> {
  const list = await callOrReport<PolicyList>(backend.dispatch, 'policies:list', {}, io);
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

export interface PoliciesTestOptions {
  expression: string;
  appliesTo: string | null;
  scan: string | undefined;
  format: PoliciesFormat;
}

export async function policiesTestCommand(backend: CliBackend, io: Writer, options: PoliciesTestOptions): Promise<ExitCode> {
  const scanId = options.scan === undefined || options.scan === 'latest' ? null : options.scan;
  const result = await callOrReport<PolicyTest>(backend.dispatch, 'policies:test', { scanId, condition: options.expression, appliesTo: options.appliesTo }, io);
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
          scan: result.scan === null ? null : { id: result.scan.id, accountId: result.scan.accountId, startedAt: result.scan.startedAt },
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
  if (result.scan === null || result.evaluation === null) {
    io.out('The expression compiles. The workspace has no completed scan to try it on yet.\n');
    return EXIT.ok;
  }
  const e = result.evaluation;
  let text =
    `scan ${result.scan.id} (account ${result.scan.accountId ?? '?'}): ` +
    `${e.evaluated} agents evaluated, ${e.failing} failing, ${e.errors} could not be evaluated, ${e.notApplicable} not in scope\n`;
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
