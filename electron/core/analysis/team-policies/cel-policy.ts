/**
 * The policy engine: user-written CEL expressions compiled against the agent view and evaluated for
 * one agent at a time, with @marcbachmann/cel-js (MIT, no dependencies).
 *
 * Expressions are untrusted input. Compiling checks the length, the grammar, the guard rails of
 * expression-guards.ts and the types (every field name is checked against the declared view, so a
 * typo is a compile error with its position, not a silent false), and demands a true/false result.
 * Evaluating never throws: a runtime error (a null where a string was expected, an index out of range)
 * or a result that is not a boolean comes back as an error for that agent, never as a verdict.
 *
 * CEL has no side effects: no assignment, no I/O, no clock, no loops beyond its macros over the
 * agent's own lists. Nothing an expression does can change the workspace or reach the network.
 */
import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import { AGENT_VIEW_TYPES, POLICY_EXPRESSION_MAX_LENGTH, POLICY_VARIABLE, type PolicyType } from '@shared/policy-language';
import type { AgentView } from './agent-view';
import { guardExpression } from './expression-guards';

/** Where in an expression a problem is, for people: 1-based line and column, and the line itself. */
export interface ExpressionProblem {
  message: string;
  /** 0-based offset of the first character concerned, and how many characters. */
  offset: number;
  length: number;
  line: number;
  column: number;
  /** The line of the expression the problem is on. */
  excerpt: string;
}

export interface CompiledExpression {
  readonly source: string;
  /** True or false for this agent, or why it could not be decided. */
  evaluate(agent: CelAgent): EvaluationOutcome;
}

export type EvaluationOutcome = { ok: true; value: boolean } | { ok: false; message: string };

export type CompileOutcome = { ok: true; expression: CompiledExpression } | { ok: false; problem: ExpressionProblem };

/** An agent view converted once into the engine's typed values, then shared by every policy. */
export interface CelAgent {
  readonly view: AgentView;
  readonly value: unknown;
}

// ---------------------------------------------------------------------------------------------
// Declarations: one CEL type per type of the documented view.
// ---------------------------------------------------------------------------------------------

type Constructor = new (values: Record<string, unknown>) => object;

function namedClass(name: string): Constructor {
  // A class whose name is the CEL type's, so values print and type-check under that name.
  const holder = {
    [name]: class {
      constructor(values: Record<string, unknown>) {
        Object.assign(this, values);
      }
    },
  };
  return holder[name] as Constructor;
}

const TYPES = new Map<string, PolicyType>(AGENT_VIEW_TYPES.map((type) => [type.name, type]));
const CONSTRUCTORS = new Map<string, Constructor>(AGENT_VIEW_TYPES.map((type) => [type.name, namedClass(type.name)]));

const LIMITS = { maxAstNodes: 1000, maxDepth: 32, maxListElements: 100, maxMapEntries: 100, maxCallArguments: 8 };

let environment: Environment | null = null;

/** Built once (building one is the expensive part); the agent view's types declared from the shared list. */
function policyEnvironment(): Environment {
  if (environment !== null) return environment;
  const env = new Environment({ limits: LIMITS, enableOptionalTypes: false, homogeneousAggregateLiterals: true });
  // Leaf types before the types that use them: Agent, first in the list, last.
  for (const type of [...AGENT_VIEW_TYPES].reverse()) {
    const fields: Record<string, string> = {};
    for (const field of type.fields) fields[field.name] = field.nullable === true ? 'dyn' : field.type;
    const ctor = CONSTRUCTORS.get(type.name);
    if (ctor === undefined) throw new Error(`No constructor for ${type.name}.`);
    env.registerType(type.name, { ctor, fields });
  }
  const root = AGENT_VIEW_TYPES[0];
  if (root === undefined) throw new Error('The agent view declares no type.');
  env.registerVariable(POLICY_VARIABLE, root.name);
  environment = env;
  return env;
}

// ---------------------------------------------------------------------------------------------
// Values: the plain view converted by the same declarations (ints as BigInt, maps as Map).
// ---------------------------------------------------------------------------------------------

function convert(type: string, value: unknown, path: string): unknown {
  if (type === 'string' || type === 'bool') return value;
  if (type === 'int') {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${path} is not a whole number`);
    return BigInt(value);
  }
  if (type === 'map<string, string>') return new Map(Object.entries(value as Record<string, string>));
  const list = /^list<(.+)>$/.exec(type);
  if (list?.[1] !== undefined) {
    const item = list[1];
    return (value as unknown[]).map((entry, index) => convert(item, entry, `${path}[${index}]`));
  }
  return toObject(type, value as Record<string, unknown>, path);
}

function toObject(typeName: string, value: Record<string, unknown>, path: string): object {
  const type = TYPES.get(typeName);
  const ctor = CONSTRUCTORS.get(typeName);
  if (type === undefined || ctor === undefined) throw new Error(`${path}: unknown type ${typeName}`);
  const values: Record<string, unknown> = {};
  for (const field of type.fields) {
    const raw = value[field.name];
    const fieldPath = `${path}.${field.name}`;
    if (raw === null || raw === undefined) {
      if (field.nullable !== true) throw new Error(`${fieldPath} is missing`);
      values[field.name] = null;
    } else {
      values[field.name] = convert(field.type, raw, fieldPath);
    }
  }
  return new ctor(values);
}

/** Converts a view for evaluation (throws on a view that does not fit its declaration). */
export function toCelAgent(view: AgentView): CelAgent {
  const root = AGENT_VIEW_TYPES[0];
  if (root === undefined) throw new Error('The agent view declares no type.');
  return { view, value: toObject(root.name, view as unknown as Record<string, unknown>, POLICY_VARIABLE) };
}

// ---------------------------------------------------------------------------------------------
// Compiling
// ---------------------------------------------------------------------------------------------

/** Line, column and the line's text of a 0-based offset. */
export function locate(source: string, offset: number, length: number, message: string): ExpressionProblem {
  const at = Math.max(0, Math.min(offset, source.length));
  const before = source.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = source.indexOf('\n', at);
  return {
    message,
    offset: at,
    length: Math.max(0, length),
    line: before.split('\n').length,
    column: at - lineStart + 1,
    excerpt: source.slice(lineStart, lineEnd === -1 ? source.length : lineEnd),
  };
}

interface CelError {
  summary?: unknown;
  message?: unknown;
  range?: { start: number; end: number } | undefined;
}

function celErrorText(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { summary, message } = error as CelError;
    if (typeof summary === 'string' && summary !== '') return summary;
    if (typeof message === 'string' && message !== '') return message.split('\n')[0] ?? message;
  }
  return String(error);
}

function problemFromError(source: string, error: unknown): ExpressionProblem {
  const range = typeof error === 'object' && error !== null ? (error as CelError).range : undefined;
  const start = range?.start ?? 0;
  return locate(source, start, (range?.end ?? start) - start, celErrorText(error));
}

/** Compiles one expression: its problem (with position) or something to evaluate. */
export function compileExpression(source: string): CompileOutcome {
  if (source.trim() === '') return { ok: false, problem: locate(source, 0, 0, 'The expression is empty.') };
  if (source.length > POLICY_EXPRESSION_MAX_LENGTH) {
    return {
      ok: false,
      problem: locate(source, POLICY_EXPRESSION_MAX_LENGTH, source.length - POLICY_EXPRESSION_MAX_LENGTH, `The expression is ${source.length} characters long; the limit is ${POLICY_EXPRESSION_MAX_LENGTH}.`),
    };
  }
  let parsed: ParseResult;
  try {
    parsed = policyEnvironment().parse(source);
  } catch (error) {
    return { ok: false, problem: problemFromError(source, error) };
  }
  const guard = guardExpression(parsed.ast);
  if (guard !== null) return { ok: false, problem: locate(source, guard.start, guard.end - guard.start, guard.message) };
  let checked;
  try {
    checked = parsed.check();
  } catch (error) {
    return { ok: false, problem: problemFromError(source, error) };
  }
  if (!checked.valid) return { ok: false, problem: problemFromError(source, checked.error) };
  if (checked.type !== 'bool' && checked.type !== 'dyn') {
    return {
      ok: false,
      problem: locate(source, 0, source.length, `The expression gives a ${checked.type ?? 'value'}, not true or false.`),
    };
  }
  return { ok: true, expression: compiled(source, parsed) };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `the number ${value.toString()}`;
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Map) return 'a map';
  return `a ${typeof value}`;
}

function compiled(source: string, parsed: ParseResult): CompiledExpression {
  return {
    source,
    evaluate(agent) {
      try {
        const value: unknown = parsed({ [POLICY_VARIABLE]: agent.value });
        if (typeof value === 'boolean') return { ok: true, value };
        return { ok: false, message: `it gave ${describeValue(value)}, not true or false` };
      } catch (error) {
        return { ok: false, message: celErrorText(error) };
      }
    },
  };
}
