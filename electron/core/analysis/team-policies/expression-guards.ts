/**
 * Guard rails on a parsed policy expression, beyond CEL's own grammar and type checks. Expressions
 * are untrusted input (a workspace file can come from a colleague), and one runs for every agent of
 * every scan on the app's main thread, so what could make that work explode is refused up front:
 *
 * - `cel.bind`: a bound value can be doubled again and again (`a + a`), growing exponentially with
 *   the expression's length.
 * - macros (`all`, `exists`, `exists_one`, `map`, `filter`) nested more than two deep: the work grows
 *   as the product of the lists' sizes.
 * - `matches()` with a pattern that is not a literal, or with nested repetition / repeated alternatives
 *   or back-references (the patterns that backtrack exponentially in JavaScript's regex engine on
 *   attacker-chosen names and tags).
 *
 * What is left is bounded by the expression's length (4 KiB) times the agent's own lists.
 */
import type { ASTNode } from '@marcbachmann/cel-js';

export const MAX_MACRO_NESTING = 2;
export const MAX_PATTERN_LENGTH = 256;
const MACROS: ReadonlySet<string> = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

export interface GuardProblem {
  message: string;
  start: number;
  end: number;
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}

function problemAt(node: ASTNode, message: string): GuardProblem {
  return { message, start: node.start, end: node.end };
}

/**
 * Why a `matches()` pattern is refused, or null when it is acceptable. Conservative by design: a
 * repeated group may contain neither repetition nor alternatives.
 */
export function unsafePatternReason(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `the pattern is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'back-references are not allowed in patterns';
  interface Group {
    repeats: boolean;
    alternates: boolean;
  }
  const stack: Group[] = [{ repeats: false, alternates: false }];
  const isQuantifierAt = (index: number): boolean => {
    const next = pattern[index];
    return next === '*' || next === '+' || next === '?' || (next === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(index)));
  };
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i];
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    if (char === '\\') {
      i += 1;
    } else if (char === '[') {
      // A character class: skip to its closing bracket (escapes included).
      i += 1;
      if (pattern[i] === '^') i += 1;
      if (pattern[i] === ']') i += 1;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      if (isQuantifierAt(i + 1)) top.repeats = true;
    } else if (char === '(') {
      stack.push({ repeats: false, alternates: false });
      // (?:, (?=, (?!, (?<=, (?<!, (?<name>: the ? is not a quantifier.
      if (pattern[i + 1] === '?') i += 1;
    } else if (char === ')') {
      const group = stack.pop();
      const parent = stack[stack.length - 1];
      if (group === undefined || parent === undefined) break;
      const repeated = isQuantifierAt(i + 1);
      if (repeated && (group.repeats || group.alternates)) {
        return 'a repeated group contains repetition or alternatives (such patterns can take exponential time); rewrite it without nesting';
      }
      parent.repeats ||= group.repeats || repeated;
      parent.alternates ||= group.alternates;
    } else if (char === '|') {
      top.alternates = true;
    } else if (char === '*' || char === '+' || char === '?' || char === '{') {
      if (isQuantifierAt(i)) top.repeats = true;
    }
  }
  return null;
}

function literalPattern(node: ASTNode | undefined): string | null {
  return node !== undefined && node.op === 'value' && typeof node.args === 'string' ? node.args : null;
}

function checkPattern(call: ASTNode, pattern: ASTNode | undefined): GuardProblem | null {
  const literal = literalPattern(pattern);
  if (literal === null) return problemAt(pattern ?? call, 'matches() needs a literal pattern (a quoted string), not a computed one');
  const reason = unsafePatternReason(literal);
  return reason === null ? null : problemAt(pattern ?? call, `matches(): ${reason}`);
}

/** The first guard rail the expression breaks, or null. */
export function guardExpression(root: ASTNode): GuardProblem | null {
  const visit = (node: ASTNode, nesting: number): GuardProblem | null => {
    if (node.op === 'rcall') {
      const [name, receiver, args] = node.args;
      if (name === 'bind' && receiver.op === 'id' && receiver.args === 'cel') {
        return problemAt(node, 'cel.bind is not available in policies');
      }
      if (name === 'matches') {
        const problem = checkPattern(node, args[0]);
        if (problem !== null) return problem;
      }
      const receiverProblem = visit(receiver, nesting);
      if (receiverProblem !== null) return receiverProblem;
      const macro = MACROS.has(name) && args.length >= 2;
      const inner = macro ? nesting + 1 : nesting;
      if (inner > MAX_MACRO_NESTING) {
        return problemAt(node, `macros (all, exists, exists_one, map, filter) nest at most ${MAX_MACRO_NESTING} deep`);
      }
      for (const arg of args) {
        const problem = visit(arg, inner);
        if (problem !== null) return problem;
      }
      return null;
    }
    if (node.op === 'call') {
      const [name, args] = node.args;
      if (name === 'matches') {
        const problem = checkPattern(node, args[1]);
        if (problem !== null) return problem;
      }
      for (const arg of args) {
        const problem = visit(arg, nesting);
        if (problem !== null) return problem;
      }
      return null;
    }
    return visitChildren(node.args, nesting);
  };
  const visitChildren = (value: unknown, nesting: number): GuardProblem | null => {
    if (isNode(value)) return visit(value, nesting);
    if (Array.isArray(value)) {
      for (const item of value) {
        const problem = visitChildren(item, nesting);
        if (problem !== null) return problem;
      }
    }
    return null;
  };
  return visit(root, 0);
}
