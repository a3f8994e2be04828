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
  const parsed = parseArn(arn);
  return parsed !== null && /^\d{12}$/.test(parsed.accountId) ? parsed.accountId : null;
}

/** True for IAM policies owned by AWS (`arn:aws:iam::aws:policy/…`). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  const parsed = parseArn(arn);
  return parsed !== null && parsed.service === 'iam' && parsed.accountId === 'aws';
}
