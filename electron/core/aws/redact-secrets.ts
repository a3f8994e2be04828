/**
 * Last line of defence before an AWS SDK message is shown or stored: cut anything shaped like a
 * credential. Messages are built from names wherever possible; this catches what the SDK may echo
 * (a failed credential_process's command line, a key ID, a token).
 */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,124}\b/g;
// A secret access key: 40 characters of base64 with upper, lower and digits mixed.
const SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g;
// Session tokens and other long opaque blobs.
const LONG_BLOB = /[A-Za-z0-9/+=_-]{100,}/g;
const MAX_LENGTH = 600;

function looksRandom(candidate: string): boolean {
  return /[A-Z]/.test(candidate) && /[a-z]/.test(candidate) && /\d/.test(candidate);
}

export function redactSecrets(message: string): string {
  const commandFailed = message.search(/Command failed:/i);
  let text = commandFailed === -1 ? message : `${message.slice(0, commandFailed)}[a credential_process command failed; its output is not shown]`;
  text = text
    .replace(LONG_BLOB, '[redacted]')
    .replace(ACCESS_KEY_ID, '[redacted key id]')
    .replace(SECRET_KEY, (candidate) => (looksRandom(candidate) ? '[redacted]' : candidate));
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}

/** Settings whose values are secret (or may carry one, like a credential_process command line). */
export const SECRET_SETTINGS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'credential_process'] as const;
export const SECRET_ENV_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

/** A redactor that also cuts the exact secret values we know of (from the files and the environment). */
export function createRedactor(knownSecrets: Iterable<string>): (message: string) => string {
  // Longest first, so a value containing another is cut whole; very short values are not secrets.
  const values = [...new Set(knownSecrets)].filter((value) => value.length >= 8).sort((a, b) => b.length - a.length);
  return (message) => {
    let text = message;
    for (const value of values) text = text.split(value).join('[redacted]');
    return redactSecrets(text);
  };
}
