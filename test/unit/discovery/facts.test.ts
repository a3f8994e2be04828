import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@core/errors';
import { emptyScanFacts, isServiceLinkedRolePath, scanFactsSchema, type ScanFacts } from '@core/discovery/facts';
import { FACT_KINDS, fromFactRecords, toFactRecords, type FactRecord } from '@core/db/fact-records';
import { toIsoTimestamp } from '@core/discovery/aws-timestamp';
import { decodePolicyDocument } from '@core/discovery/policy-document';
import { accountIdOfArn, isAwsManagedPolicyArn, parseArn } from '@core/discovery/arn';
import { sampleScanFacts } from './sample-facts';

/** What storage does: payloads go through JSON text. */
function throughStorage(records: FactRecord[]): { kind: string; key: string; region: string; payload: unknown }[] {
  return records.map((record) => ({ ...record, payload: JSON.parse(JSON.stringify(record.payload)) as unknown }));
}

describe('the facts model', () => {
  it('a fully populated scan satisfies the schema', () => {
    const facts = sampleScanFacts();
    expect(scanFactsSchema.parse(facts)).toEqual(facts);
  });

  it('empty facts mark every section as not collected', () => {
    const facts = emptyScanFacts({
      collectedAt: '2026-01-01T00:00:00.000Z',
      account: { id: '111122223333', alias: null, partition: 'aws', source: 'demo' },
    });
    expect(scanFactsSchema.parse(facts)).toEqual(facts);
    expect(facts.iam).toBeNull();
    expect(facts.lambda).toBeNull();
  });

  it('rejects damaged facts with a path', () => {
    const facts = sampleScanFacts() as unknown as { account: { id: string } };
    facts.account.id = '12';
    const result = scanFactsSchema.safeParse(facts);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['account', 'id']);
  });

  it('service-linked roles are recognised by their path', () => {
    expect(isServiceLinkedRolePath('/aws-service-role/bedrock.amazonaws.com/')).toBe(true);
    expect(isServiceLinkedRolePath('/service-role/')).toBe(false);
  });
});

describe('fact records (the stored form)', () => {
  it('round-trips a full scan through records and JSON text', () => {
    const facts = sampleScanFacts();
    const records = toFactRecords(facts);
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(FACT_KINDS));
    const keys = records.map((r) => `${r.kind} ${r.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(records.find((r) => r.kind === 'lambda.function')?.region).toBe('eu-west-1');
    expect(records.find((r) => r.kind === 'iam.role')?.region).toBe('global');
    expect(fromFactRecords(throughStorage(records))).toEqual(facts);
    // What the reader assembles from records validated one by one is valid facts as a whole (the reader
    // no longer validates the whole a second time).
    expect(scanFactsSchema.safeParse(fromFactRecords(throughStorage(records))).success).toBe(true);
    // Order of records does not matter.
    expect(fromFactRecords(throughStorage(records).reverse()).account).toEqual(facts.account);
  });

  it('reads a Bedrock agent stored before served versions were recorded: none, not a damaged record', () => {
    const records = toFactRecords(sampleScanFacts());
    const stored = throughStorage(records);
    const payload = stored.find((r) => r.kind === 'bedrock.agent')?.payload as Record<string, unknown>;
    expect(payload.servedVersions).toHaveLength(2);
    delete payload.servedVersions;
    expect(fromFactRecords(stored).bedrockAgents?.agents[0]?.servedVersions).toEqual([]);
  });

  it('keeps "not collected" apart from "collected, none found"', () => {
    const facts: ScanFacts = {
      ...emptyScanFacts({ collectedAt: '2026-01-01T00:00:00.000Z', account: { id: '111122223333', alias: null, partition: 'aws', source: 'import' } }),
      lambda: { regions: ['eu-west-1'], functions: [] },
      organizations: { organization: null, accounts: [] },
    };
    const back = fromFactRecords(throughStorage(toFactRecords(facts)));
    expect(back).toEqual(facts);
    expect(back.lambda).toEqual({ regions: ['eu-west-1'], functions: [] });
    expect(back.sageMaker).toBeNull();
  });

  it('refuses damaged records and facts from a newer version', () => {
    const records = throughStorage(toFactRecords(sampleScanFacts()));
    const role = records.find((r) => r.kind === 'iam.role')!;
    (role.payload as { trustPolicy: unknown }).trustPolicy = 'nope';
    expect(() => fromFactRecords(records)).toThrow(AppError);
    expect(() => fromFactRecords(records)).toThrow(
      'the stored facts of this scan are damaged: iam.role[arn:aws:iam::111122223333:role/support-agent].trustPolicy: expected an object, found a string',
    );
    const newer = throughStorage(toFactRecords(sampleScanFacts()));
    (newer[0]!.payload as { factsVersion: number }).factsVersion = 99;
    expect(() => fromFactRecords(newer)).toThrow(/written by a newer version of Agent Warden/);
    expect(() => fromFactRecords([])).toThrow(/no scan record/);
    const unknown = throughStorage(toFactRecords(sampleScanFacts()));
    (unknown[0]!.payload as { factsVersion: number }).factsVersion = 0;
    expect(() => fromFactRecords(unknown)).toThrow(/damaged: unknown facts version 0/);
  });
});

describe('normalisation helpers', () => {
  it.each([
    ['2023-03-09 10:41:45+00:00', '2023-03-09T10:41:45.000Z'],
    ['2019-05-07T15:35:54Z', '2019-05-07T15:35:54.000Z'],
    ['2019-05-07T15:35:54+00:00', '2019-05-07T15:35:54.000Z'],
    ['2019-05-03T21:56:43.085000+00:00', '2019-05-03T21:56:43.085Z'],
    ['2019-04-30T16:26:38.618+0000', '2019-04-30T16:26:38.618Z'],
    ['2024-06-01T02:00:00+02:00', '2024-06-01T00:00:00.000Z'],
    ['2024-06-01T00:00:00-05:30', '2024-06-01T05:30:00.000Z'],
    ['2024-06-01', '2024-06-01T00:00:00.000Z'],
  ])('timestamp %s → %s', (input, expected) => {
    expect(toIsoTimestamp(input)).toBe(expected);
  });

  it.each(['N/A', 'yesterday', '2023-13-01T00:00:00Z', '2023-02-30T00:00:00Z', '2023-01-01T25:00:00Z', ''])('not a timestamp: %j', (input) => {
    expect(toIsoTimestamp(input)).toBeNull();
  });

  it('timestamps from the SDK (Date objects)', () => {
    expect(toIsoTimestamp(new Date('2024-01-01T00:00:00Z'))).toBe('2024-01-01T00:00:00.000Z');
    expect(toIsoTimestamp(new Date('invalid'))).toBeNull();
  });

  it('policy documents: objects, JSON text, URL-encoded text (with + and %), double-encoded', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a+b/100%/*' }] };
    const text = JSON.stringify(doc);
    expect(decodePolicyDocument(doc)).toBe(doc);
    expect(decodePolicyDocument(text)).toEqual(doc);
    expect(decodePolicyDocument(encodeURIComponent(text))).toEqual(doc);
    expect(decodePolicyDocument(JSON.stringify(text))).toEqual(doc);
    expect(decodePolicyDocument(`  ${text}\n`)).toEqual(doc);
    expect(decodePolicyDocument('%7Bbroken')).toBeNull();
    expect(decodePolicyDocument('%E0%A4%A')).toBeNull();
    expect(decodePolicyDocument({ Version: '2012-10-17' })).toBeNull();
    expect(decodePolicyDocument([doc])).toBeNull();
    expect(decodePolicyDocument(42)).toBeNull();
    expect(decodePolicyDocument(null)).toBeNull();
  });

  it('ARNs', () => {
    expect(parseArn('arn:aws:iam::123456789012:role/service-role/x')).toEqual({
      partition: 'aws',
      service: 'iam',
      region: '',
      accountId: '123456789012',
      resource: 'role/service-role/x',
    });
    expect(parseArn('arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f:live')?.resource).toBe('function:f:live');
    expect(parseArn('not an arn')).toBeNull();
    expect(accountIdOfArn('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBeNull();
    expect(accountIdOfArn('arn:aws:iam::123456789012:root')).toBe('123456789012');
    expect(isAwsManagedPolicyArn('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe(true);
    expect(isAwsManagedPolicyArn('arn:aws:iam::123456789012:policy/Mine')).toBe(false);
  });

  it('reads the account of an ARN exactly as parseArn does (fast path)', () => {
    const part = fc.constantFrom('', 'aws', 'aws-cn', 'aws-us-gov', 'AWS', 'iam', 's3', 'us-east-1', '123456789012', '12345678901', 'aws', 'role/x', 'a:b');
    const arnish = fc.oneof(
      fc.array(part, { minLength: 0, maxLength: 8 }).map((parts) => ['arn', ...parts].join(':')),
      fc.string(),
    );
    fc.assert(
      fc.property(arnish, (arn) => {
        const parsed = parseArn(arn);
        const expected = parsed !== null && /^\d{12}$/.test(parsed.accountId) ? parsed.accountId : null;
        expect(accountIdOfArn(arn)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
