/** The OCSF 1.3.0 Detection Finding mapper (shared/ocsf-export.ts): each status, activity and severity, owner and tier, times. */
import { describe, expect, it } from 'vitest';
import { FINDING_STATUSES, SEVERITY_NAMES, type FindingRow, type ScanSummary } from '@shared/contract';
import { ocsfDetectionFinding, ocsfJsonLines, type OcsfContext } from '@shared/ocsf-export';

const ROLE = 'arn:aws:iam::111122223333:role/support-bot';
const BUCKET = 'arn:aws:s3:::claims-data';

function finding(over: Partial<FindingRow> = {}): FindingRow {
  return {
    fingerprint: 'fp-1', scanId: 'scan-1', ruleId: 'AW-001', severity: 'high', step: 2, title: 'Role can read every bucket',
    principalArn: ROLE, resourceArn: BUCKET, resourceId: 'claims-data', accountId: '111122223333', region: 'eu-west-1',
    evidence: { actions: ['s3:GetObject'] }, remediation: 'Scope the policy to the bucket it needs.', fix: { kind: 'aws-cli', text: 'aws iam ...' },
    frameworks: ['CIS 1.16'], explanation: 'Wildcard read on S3.', status: 'open', isNew: false,
    firstSeenAt: '2026-11-01T10:00:00.000Z', lastSeenAt: '2026-12-01T10:00:00.000Z', acceptance: null, ...over,
  };
}

const scan = { id: 'scan-1', accountId: '111122223333', accountAlias: 'claims-prod', finishedAt: '2026-12-01T10:05:00.000Z' } as ScanSummary;
const context: OcsfContext = {
  productName: 'Agent Warden', productVersion: '0.1.0', now: Date.parse('2026-12-06T00:00:00.000Z'),
  agents: new Map([[ROLE, { name: 'support-bot', owner: 'claims-team@example.com', tier: 1 as const }]]),
  scans: new Map([[scan.id, scan]]),
};

describe('ocsfDetectionFinding', () => {
  it.each([
    ['new', 1, 'New', 1, 'Create'],
    ['open', 2, 'In Progress', 2, 'Update'],
    ['regressed', 2, 'In Progress', 2, 'Update'],
    ['accepted', 3, 'Suppressed', 2, 'Update'],
    ['resolved', 4, 'Resolved', 3, 'Close'],
  ] as const)('maps a %s finding to status %i %s, activity %i %s', (status, statusId, statusName, activityId, activityName) => {
    const event = ocsfDetectionFinding(finding({ status }), context);
    expect(event).toMatchObject({ status_id: statusId, status: statusName, activity_id: activityId, activity_name: activityName, type_uid: 200400 + activityId });
  });

  it('covers every triage status', () => {
    for (const status of FINDING_STATUSES) expect(ocsfDetectionFinding(finding({ status }), context)['status_id']).toBeGreaterThan(0);
  });

  it.each([
    ['info', 1, 'Informational'],
    ['low', 2, 'Low'],
    ['medium', 3, 'Medium'],
    ['high', 4, 'High'],
    ['critical', 5, 'Critical'],
  ] as const)('maps severity %s to %i %s', (severity, id, name) => {
    expect(ocsfDetectionFinding(finding({ severity }), context)).toMatchObject({ severity_id: id, severity: name });
    expect(SEVERITY_NAMES).toContain(severity);
  });

  it('carries the fingerprint, rule, times in epoch ms, account, region, remediation and the scan', () => {
    const event = ocsfDetectionFinding(finding(), context);
    expect(event).toMatchObject({
      class_uid: 2004, category_uid: 2, time: context.now,
      finding_info: { uid: 'fp-1', title: 'Role can read every bucket', desc: 'Wildcard read on S3.', first_seen_time: Date.parse('2026-11-01T10:00:00.000Z'), last_seen_time: Date.parse('2026-12-01T10:00:00.000Z') },
      metadata: { version: '1.3.0', event_code: 'AW-001', product: { name: 'Agent Warden', version: '0.1.0' }, correlation_uid: 'scan-1' },
      cloud: { provider: 'AWS', account: { uid: '111122223333', name: 'claims-prod' }, region: 'eu-west-1' },
      remediation: { desc: 'Scope the policy to the bucket it needs.' },
      unmapped: { scan_id: 'scan-1', triage_status: 'open' },
    });
  });

  it('carries the agent’s owner and tier on its resource, not on others', () => {
    const resources = ocsfDetectionFinding(finding(), context)['resources'] as Record<string, unknown>[];
    expect(resources.map((r) => r['uid'])).toEqual([BUCKET, ROLE]);
    expect(resources[1]).toMatchObject({ name: 'support-bot', owner: { name: 'claims-team@example.com' }, criticality: 'Tier 1', cloud_partition: 'aws' });
    expect(resources[1]?.['labels']).toContain('tier:1');
    expect(resources[0]?.['owner']).toBeUndefined();
  });

  it('writes JSON Lines: one parseable event a line, the fingerprint stable', () => {
    const text = ocsfJsonLines([finding(), finding({ fingerprint: 'fp-2', status: 'new' })], context);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { finding_info: { uid: string } });
    expect(lines.map((l) => l.finding_info.uid)).toEqual(['fp-1', 'fp-2']);
    expect(ocsfJsonLines([finding()], context)).toBe(ocsfJsonLines([finding()], context));
  });
});
