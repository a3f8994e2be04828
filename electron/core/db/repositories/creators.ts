/**
 * Who created what (CloudTrail's creation events, stored as the scan facts of kind `cloudtrail.creator`)
 * and what the previous scan of an account recorded, for the collector that reads only what is new.
 */
import type { PreviousScanKeys } from '../../aws/scanner/collector';
import { creatorFactsSchema, type CreatorFacts } from '../../discovery/facts';
import type { ReadDb } from '../handles';
import { sql } from '../sql';

/** The fact kinds whose keys name a resource whose creation the collector can look up. */
const RESOURCE_KINDS = [
  'iam.user',
  'iam.role',
  'iam.service-specific-credential',
  'lambda.function',
  'sagemaker.endpoint',
  'sagemaker.notebook-instance',
  'bedrock.agent',
  'bedrock.knowledge-base',
] as const;

/** The newest completed scan of the account (the previous one, before a scan writes its own): its start and resource keys. */
export function previousScanKeys(db: ReadDb, accountId: string): PreviousScanKeys | null {
  return db.snapshot((snap) => {
    const row = snap.get(
      sql`SELECT id, started_at FROM scans WHERE status = 'completed' AND account_id = ${accountId} ORDER BY started_at DESC, id DESC LIMIT 1`,
    );
    if (row === undefined) return null;
    const keys = new Set<string>();
    for (const fact of snap.iterate(sql`SELECT key FROM scan_facts WHERE scan_id = ${String(row['id'])} AND kind IN ${sql.list([...RESOURCE_KINDS])}`)) {
      keys.add(String(fact['key']));
    }
    return { startedAt: String(row['started_at']), keys };
  });
}

function parse(rows: Iterable<Record<string, unknown>>): CreatorFacts[] {
  const out: CreatorFacts[] = [];
  for (const row of rows) {
    // A damaged record is left out: who created it is a suggestion, never worth failing a page over.
    const parsed = creatorFactsSchema.safeParse(JSON.parse(String(row['payload'])));
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/**
 * The creator records of an identity (its own creation, and that of what runs as it or belongs to it)
 * stored by any completed scan of its account up to `upTo` (a scan's start): a resource is looked up
 * in the scan that first saw it, and a later scan still suggests its creator.
 */
export function identityCreators(db: ReadDb, accountId: string, identityArn: string, upTo: string): CreatorFacts[] {
  return parse(
    db.iterate(
      sql`SELECT f.payload FROM scan_facts f JOIN scans s ON s.id = f.scan_id
          WHERE s.account_id = ${accountId} AND s.status = 'completed' AND s.started_at <= ${upTo}
            AND f.kind = 'cloudtrail.creator' AND json_extract(f.payload, '$.identityArn') = ${identityArn}
          ORDER BY s.started_at, s.id`,
    ),
  );
}

/** Every creator record stored by the completed scans of an account up to `upTo` (a scan's start), oldest scan first. */
export function accountCreators(db: ReadDb, accountId: string, upTo: string): CreatorFacts[] {
  return parse(
    db.iterate(
      sql`SELECT f.payload FROM scan_facts f JOIN scans s ON s.id = f.scan_id
          WHERE s.account_id = ${accountId} AND s.status = 'completed' AND s.started_at <= ${upTo} AND f.kind = 'cloudtrail.creator'
          ORDER BY s.started_at, s.id`,
    ),
  );
}
