/**
 * Which links may leave the app for the user's browser: the rule of the desktop shell's one way out
 * (electron/main/external-links.ts), and of the screens, which make a link only of what the shell would
 * open (so a click never silently does nothing) and show anything else as text to copy.
 *
 * Links can be built from attacker-controllable text (names, tags and descriptions from AWS, a
 * colleague's evidence note), so only plain `https:` URLs to public DNS names pass. Refused on purpose:
 * - `http:`: plain http has no integrity and would let a crafted string downgrade the user to a page
 *   anyone on the path can rewrite;
 * - every other scheme (`javascript:`, `file:`, `data:`, `smb:`, custom app handlers, …): the OS hands
 *   them to local programs; the app's own `warden:` scheme too (it only has a meaning inside the app);
 * - credentials in the URL (`https://user:pass@host`, the classic lookalike trick);
 * - IP literals, `localhost`, single-label and `.local`/`.internal` names: a desktop app must not be a
 *   way to make the browser poke services on the user's machine or network;
 * - whitespace, control characters, bidirectional overrides and backslashes anywhere.
 */

const MAX_URL_LENGTH = 2048;
// Raw whitespace, C0/C1 controls, bidirectional overrides (which make a URL read differently from
// what it is) and backslashes (which parsers disagree about).
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\s\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\\]/u;
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa', 'in-addr.arpa', 'ip6.arpa'];

function isPublicDnsName(hostname: string): boolean {
  // The WHATWG parser has already lower-cased the name, turned IDNs into punycode and rewritten IPv4
  // in every notation (0x7f.1, 2130706433, …) as a dotted quad, which the TLD rule below refuses.
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DNS_LABEL.test(label))) return false;
  if (!TOP_LEVEL_DOMAIN.test(labels[labels.length - 1] ?? '')) return false;
  return !PRIVATE_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}

/** Whether a URL may be handed to the user's browser. */
export function isSafeExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return false;
  if (UNSAFE_CHARACTERS.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return isPublicDnsName(parsed.hostname);
}
