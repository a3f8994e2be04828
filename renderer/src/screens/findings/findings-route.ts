/** A link to one finding, opened and scrolled to, on the Findings screen. */
export function findingPath(fingerprint: string): string {
  return `/findings?open=${encodeURIComponent(fingerprint)}`;
}
