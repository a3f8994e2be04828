/** `#/agents/<encoded ARN>[?scan=ID]`: one identity, of the newest scan or a chosen one. */
export function agentPath(arn: string, scanId?: string | null): string {
  return `/agents/${encodeURIComponent(arn)}${scanId !== undefined && scanId !== null ? `?scan=${encodeURIComponent(scanId)}` : ''}`;
}

export function parseAgentRoute(path: string): { arn: string; scanId: string | null } | null {
  const match = /^\/agents\/([^?]+)(?:\?(.*))?$/.exec(path);
  if (match?.[1] === undefined) return null;
  try {
    const arn = decodeURIComponent(match[1]);
    const scanId = new URLSearchParams(match[2] ?? '').get('scan');
    return { arn, scanId: scanId === '' ? null : scanId };
  } catch {
    return null;
  }
}
