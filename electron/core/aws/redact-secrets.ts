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
