import type { z } from 'zod';

/**
 * Turns zod issues into one sentence a person can act on, each problem prefixed with where it is:
 * `RoleDetailList[12].AssumeRolePolicyDocument: expected a policy document`.
 */
export function describeShapeProblems(where: string, issues: readonly z.core.$ZodIssue[], max = 3): string {
  const shown = issues.slice(0, max).map((issue) => `${joinPath(where, issue.path)}: ${describeIssue(issue)}`);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : shown.join('; ');
}

/** `where` + a zod path: keys joined with dots, indexes in brackets. */
export function joinPath(where: string, path: readonly PropertyKey[]): string {
  let text = where;
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(top level)' : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const expected = article(issue.expected);
    return 'input' in issue && issue.input !== undefined
      ? `expected ${expected}, found ${describeValue(issue.input)}`
      : `missing (expected ${expected})`;
  }
  return issue.message;
}

function article(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'an object';
    case 'array':
      return 'an array';
    case 'int':
      return 'an integer';
    default:
      return `a ${expected}`;
  }
}

/** What a value is, in words: `a string`, `null`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}
