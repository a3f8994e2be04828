/**
 * The rows "What changed" compares (governance/changes/): a scan's findings in narrow columns, no
 * evidence or texts. The identities come from `listAgentRows` (agents.ts). Rows in, rows out.
 */
import type { SeverityName } from '@shared/contract';
import type { DiffFindingInput } from '../../governance/changes/scan-diff';
import type { ReadDb } from '../handles';
import { sql } from '../sql';

/** Every finding of a scan as the diff reads it, in no particular order (the diff sorts). */
export function changeFindings(db: ReadDb, scanId: string): DiffFindingInput[] {
  return db
    .all(sql`SELECT fingerprint, rule_id, severity, title, principal_arn, resource_arn, status, first_seen_at FROM findings WHERE scan_id = ${scanId}`)
    .map((row) => {
      const status = row['status'];
      return {
        fingerprint: String(row['fingerprint']),
        ruleId: String(row['rule_id']),
        severity: String(row['severity']) as SeverityName,
        title: String(row['title']),
        principalArn: typeof row['principal_arn'] === 'string' ? row['principal_arn'] : null,
        resourceArn: String(row['resource_arn']),
        scanStatus: status === 'new' || status === 'regressed' ? status : 'open',
        firstSeenAt: String(row['first_seen_at']),
      };
    });
}
