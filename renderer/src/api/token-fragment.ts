/** Pure parsing of the `#token=…` fragment that `warden serve` puts in the URL it prints. */

const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{8,512}$/;

/** A token is URL-safe text of sane length; anything else is ignored rather than sent as a header. */
export function isPlausibleToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** Split `#token=abc&/settings` into the token and the route that follows it. */
export function splitTokenFragment(hash: string): { token: string | null; rest: string } {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith('token=')) return { token: null, rest: fragment };
  const amp = fragment.indexOf('&');
  const raw = amp === -1 ? fragment.slice('token='.length) : fragment.slice('token='.length, amp);
  const rest = amp === -1 ? '' : fragment.slice(amp + 1);
  let token: string;
  try {
    token = decodeURIComponent(raw);
  } catch {
    return { token: null, rest };
  }
  return { token: isPlausibleToken(token) ? token : null, rest };
}
