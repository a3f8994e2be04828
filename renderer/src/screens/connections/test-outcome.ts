import type { ConnectionFailure, ConnectionTestResult } from '@shared/contract';
import type { ApiError } from '../../api/api-error';

/** The state of one "Test" run (of a saved connection or of a profile). */
export type TestOutcome =
  | { status: 'running' }
  | { status: 'done'; result: ConnectionTestResult }
  | { status: 'error'; error: ApiError };

export const FAILURE_TITLES: Record<ConnectionFailure, string> = {
  sso_expired: 'SSO session expired or not signed in',
  no_credentials: 'No credentials found',
  access_denied: 'Access denied',
  unreachable: 'AWS could not be reached',
  invalid_profile: 'The profile is not set up correctly',
  expired_credentials: 'The credentials have expired',
  unknown: 'The test failed',
};

/** One piece of an action text: plain words, or a command to run (shown in a copyable block). */
export type ActionPart = { kind: 'text'; text: string } | { kind: 'code'; text: string };

const COMMAND = /\baws\s+[a-z0-9-]+\s+[a-z0-9-]+(?:\s+--?[\w-]+(?:[ =](?!--)[^\s,;`]+)?)*/g;

/**
 * Split advice such as "Run `aws sso login --profile dev`, then test again." into words and commands.
 * Backticks mark commands; without them, `aws <service> <verb> …` runs are recognised as commands.
 */
export function splitAction(action: string): ActionPart[] {
  if (action.includes('`')) {
    return action
      .split('`')
      .map((text, index): ActionPart => (index % 2 === 1 ? { kind: 'code', text: text.trim() } : { kind: 'text', text }))
      .filter((part) => part.text !== '');
  }
  const parts: ActionPart[] = [];
  let last = 0;
  for (const match of action.matchAll(COMMAND)) {
    const command = match[0].replace(/[.)]+$/, '');
    if (match.index > last) parts.push({ kind: 'text', text: action.slice(last, match.index) });
    parts.push({ kind: 'code', text: command });
    last = match.index + command.length;
  }
  if (last < action.length) parts.push({ kind: 'text', text: action.slice(last) });
  return parts;
}
