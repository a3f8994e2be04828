/** The parts of an ARN: `arn:partition:service:region:account-id:resource`. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  /** Empty for some global resources; `aws` for AWS-managed IAM policies. */
  accountId: string;
  resource: string;
}

/** Splits an ARN into its parts; null when the text is not an ARN. */
export function parseArn(arn: string): ParsedArn | null {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  const [, partition = '', service = '', region = '', accountId = ''] = parts;
  if (!/^aws(-[a-z]+)*$/.test(partition) || service === '') return null;
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

/** The 12-digit account ID of an ARN; null for AWS-owned (`aws`) or account-less ARNs. */
export function accountIdOfArn(arn: string): string | null {
  // As parseArn, without building the parts: asked for every finding and agent of a scan.
  if (!arn.startsWith('arn:')) return null;
  const c2 = arn.indexOf(':', 4);
  const c3 = c2 < 0 ? -1 : arn.indexOf(':', c2 + 1);
  const c4 = c3 < 0 ? -1 : arn.indexOf(':', c3 + 1);
  const c5 = c4 < 0 ? -1 : arn.indexOf(':', c4 + 1);
  if (c5 < 0 || c3 === c2 + 1 || !/^aws(-[a-z]+)*$/.test(arn.slice(4, c2))) return null;
  const accountId = arn.slice(c4 + 1, c5);
  return /^\d{12}$/.test(accountId) ? accountId : null;
}

/** True for IAM policies owned by AWS (`arn:aws:iam::aws:policy/…`). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  const parsed = parseArn(arn);
  return parsed !== null && parsed.service === 'iam' && parsed.accountId === 'aws';
}
