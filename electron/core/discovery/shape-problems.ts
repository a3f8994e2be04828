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

/**
 * One issue in words. zod's own messages ("Too small: expected number to be >0", "expected number,
 * received Infinity") read as nonsense to someone holding an export, so each kind is said here, with
 * the offending value where it helps (short, and quoted so a hostile value cannot pass as our words).
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  const input: unknown = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return `missing (expected ${article(issue.expected)})`;
      if (typeof input === 'number' && (issue.expected === 'number' || issue.expected === 'int')) {
        // JSON.parse reads 1e999 as Infinity: "expected a number, found a number" helped nobody.
        if (!Number.isFinite(input)) return `not a finite number (it is too large: it reads as ${String(input)})`;
        if (!Number.isInteger(input)) return `${showValue(input)} is not a whole number`;
        return `${showValue(input)} is too large for a whole number`;
      }
      return `expected ${article(issue.expected)}, found ${describeValue(input)}`;
    }
    case 'too_small':
    case 'too_big':
      return describeBound(issue, input);
    case 'invalid_value':
      return `${showValue(input)} is not one of ${issue.values.map((value) => showValue(value)).join(', ')}`;
    case 'invalid_format':
      return `${showValue(input)} is not a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `unexpected ${issue.keys.length === 1 ? 'member' : 'members'} ${issue.keys.map((key) => showValue(key)).join(', ')}`;
    case 'invalid_union':
      return `${input === undefined ? 'missing' : `${describeValue(input)} of the wrong shape`} (none of the accepted forms)`;
    case 'not_multiple_of':
      return `${showValue(input)} is not a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

function describeBound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, input: unknown): string {
  const small = issue.code === 'too_small';
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
    if (small && Number(bound) === 0) return `${showValue(input)} is not ${inclusive ? 'zero or more' : 'positive'}`;
    const relation = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
    return `${showValue(input)} is out of range (expected ${relation} ${String(bound)})`;
  }
  const unit = issue.origin === 'string' ? 'characters' : 'items';
  const relation = small ? 'at least' : 'at most';
  return `too ${small ? 'short' : 'long'} (expected ${relation} ${String(bound)} ${unit})`;
}

/** A short, quoted rendering of a value for a message: numbers as written, strings quoted and cut. */
export function showValue(value: unknown): string {
  if (typeof value === 'number') {
    return String(value);
  }
  if (typeof value === 'string') {
    const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'boolean' || value === null) return String(value);
  return describeValue(value);
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
