/**
 * The name of an exported file, the same whether the back end (`exports:*`) or a screen writes it: what it
 * is, which scan it came from (one scan: its ID's first part; several: how many accounts) and the day
 * (UTC) it was written — `agent-warden-findings-scan-1a2b3c4d-2026-12-06.sarif`,
 * `agent-warden-inventory-3-accounts-2026-12-06.json`.
 */
export function exportFileName(subject: 'inventory' | 'findings', scans: readonly { readonly id: string }[], extension: string, now: Date): string {
  const [only] = scans;
  // Scan IDs are UUIDs here, but an imported workspace is anyone's: only safe characters reach the name.
  const scope = scans.length === 1 && only !== undefined ? `scan-${only.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'unknown'}` : `${scans.length}-accounts`;
  return `agent-warden-${subject}-${scope}-${now.toISOString().slice(0, 10)}.${extension}`;
}
