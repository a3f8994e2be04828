/**
 * The RoleSessionName for roles Agent Warden assumes: `agent-warden-<user>`, so CloudTrail shows
 * which tool and which person did it. STS allows 2–64 characters of [\w+=,.@-].
 */
export const ROLE_SESSION_PREFIX = 'agent-warden';
const MAX_LENGTH = 64;

export function roleSessionName(user: string | null): string {
  const cleaned = (user ?? '')
    .replace(/[^\w+=,.@-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  if (cleaned === '') return ROLE_SESSION_PREFIX;
  return `${ROLE_SESSION_PREFIX}-${cleaned}`.slice(0, MAX_LENGTH).replace(/-+$/, '');
}
