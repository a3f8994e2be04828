import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFactsSchema, type ScanFacts } from '@core/discovery/facts';
import { findDemoDir, loadDemoScans, type DemoScan } from '@core/demo/load-demo';
import { AppError } from '@core/errors';

const DEMO_DIR = resolve(process.cwd(), 'resources/demo');
const DAY = 86_400_000;
const clockA = (): Date => new Date('2026-03-01T12:00:00.123Z');
const clockB = (): Date => new Date('2031-07-19T03:17:42.999Z');

/** Whole days from `earlier` to `later`. */
function daysBetween(earlier: string | null | undefined, later: string): number {
  if (earlier === null || earlier === undefined) throw new Error('no date');
  return Math.floor((Date.parse(later) - Date.parse(earlier)) / DAY);
}

function scanOf(scans: DemoScan[], alias: string): DemoScan {
  const scan = scans.find((candidate) => candidate.current.account.alias === alias);
  if (scan === undefined) throw new Error(`no demo account ${alias}`);
  return scan;
}

function reportRow(facts: ScanFacts, user: string): NonNullable<ScanFacts['credentialReport']>['rows'][number] {
  const row = facts.credentialReport?.rows.find((candidate) => candidate.user === user);
  if (row === undefined) throw new Error(`no credential report row for ${user}`);
  return row;
}

function role(facts: ScanFacts, name: string): NonNullable<ScanFacts['iam']>['roles'][number] | undefined {
  return facts.iam?.roles.find((candidate) => candidate.name === name);
}

/** Every age the demo promises, measured from the scan's own collectedAt. */
function ages(scans: DemoScan[]): Record<string, number> {
  const prod = scanOf(scans, 'quillmere-prod').current;
  const staging = scanOf(scans, 'quillmere-staging').current;
  const sandbox = scanOf(scans, 'quillmere-sandbox').current;
  const at = prod.collectedAt;
  return {
    rootKey: daysBetween(reportRow(prod, '<root_account>').accessKeys[0].lastRotated, at),
    rootKeyLastUsed: daysBetween(reportRow(prod, '<root_account>').accessKeys[0].lastUsedDate, at),
    jenkinsKey: daysBetween(reportRow(prod, 'ci-legacy-jenkins').accessKeys[0].lastRotated, at),
    publisherKey: daysBetween(reportRow(prod, 'ci-artifact-publisher').accessKeys[0].lastRotated, at),
    reportingKeyUnused: daysBetween(reportRow(prod, 'svc-reporting-export').accessKeys[0].lastUsedDate, at),
    backupKey: daysBetween(reportRow(prod, 'svc-backup-sync').accessKeys[0].lastRotated, at),
    newIntegrationKey: daysBetween(reportRow(prod, 'svc-new-integration').accessKeys[0].lastRotated, at),
    metricsKey: daysBetween(reportRow(prod, 'svc-metrics-push').accessKeys[0].lastRotated, at),
    smokeTestsKey: daysBetween(reportRow(staging, 'staging-smoke-tests').accessKeys[0].lastRotated, staging.collectedAt),
    hackathonKey: daysBetween(reportRow(sandbox, 'hackathon-2024-team3').accessKeys[0].lastRotated, sandbox.collectedAt),
    legacyEtlRoleUnused: daysBetween(role(prod, 'legacy-etl-migration-2023')?.lastUsed.date, at),
    pocRoleAge: daysBetween(role(prod, 'poc-textract-intake')?.createdAt, at),
    yearEndUnused: daysBetween(role(prod, 'lambda-year-end-close-batch')?.lastUsed.date, at),
  };
}

let scansA: DemoScan[];
let scansB: DemoScan[];
let loadMs = 0;

beforeAll(async () => {
  const started = performance.now();
  scansA = await loadDemoScans(clockA, { demoDir: DEMO_DIR });
  loadMs = performance.now() - started;
  scansB = await loadDemoScans(clockB, { demoDir: DEMO_DIR });
});

describe('loadDemoScans', () => {
  it('gives one current and one previous scan per account of the manifest', () => {
    expect(scansA.map((scan) => [scan.accountId, scan.accountName])).toEqual([
      ['111100001111', 'Quillmere Production'],
      ['111100002222', 'Quillmere Staging'],
      ['111100003333', 'Quillmere Sandbox'],
    ]);
    for (const scan of scansA) {
      expect(scan.current.account).toMatchObject({ id: scan.accountId, source: 'demo', partition: 'aws' });
      expect(scan.previous.account).toMatchObject({ id: scan.accountId, source: 'demo' });
      expect(scan.current.collectedAt).toBe('2026-03-01T12:00:00.123Z');
      expect(scan.previous.collectedAt).toBe('2026-02-22T12:00:00.123Z');
      expect(scan.current.warnings).toEqual([]);
    }
  });

  it('fills every section, and every section validates against scanFactsSchema', () => {
    for (const scan of scansA) {
      for (const facts of [scan.current, scan.previous]) {
        expect(scanFactsSchema.parse(facts)).toEqual(facts);
        const sections = ['accountSummary', 'iam', 'credentialReport', 'identityProviders', 'serviceSpecificCredentials', 'serviceLastAccessed', 'lambda', 'sageMaker', 'bedrock', 'bedrockAgents', 'cloudTrail', 'organizations'] as const;
        for (const section of sections) expect(facts[section], `${facts.account.alias} ${section}`).not.toBeNull();
        expect(facts.scannerArn).toMatch(/^arn:aws:sts::\d{12}:assumed-role\/AgentWardenReadOnly\//);
      }
    }
  });

  it('keeps ages the same whatever the clock: dates really are relative', () => {
    const a = ages(scansA);
    const b = ages(scansB);
    expect(a).toEqual(b);
    expect(a).toEqual({
      rootKey: 1300,
      rootKeyLastUsed: 400,
      jenkinsKey: 412,
      publisherKey: 130,
      reportingKeyUnused: 60,
      backupKey: 30,
      newIntegrationKey: 2,
      metricsKey: 1,
      smokeTestsKey: 88,
      hackathonKey: 500,
      legacyEtlRoleUnused: 200,
      pocRoleAge: 150,
      yearEndUnused: 80,
    });
  });

  it('dates nothing after the moment of its scan, except expiry dates', () => {
    const future = new Set(['expiresAt', 'validUntil', 'passwordNextRotation']);
    const late: string[] = [];
    const walk = (value: unknown, path: string, limit: number): void => {
      if (typeof value === 'string') {
        if (/^\d{4}-\d{2}-\d{2}T/.test(value) && Date.parse(value) > limit) late.push(`${path} = ${value}`);
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => walk(item, `${path}[${index}]`, limit));
      } else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) if (!future.has(key)) walk(item, `${path}.${key}`, limit);
      }
    };
    for (const scan of scansA) {
      for (const facts of [scan.current, scan.previous]) walk(facts, `${facts.account.alias}@${facts.collectedAt}`, Date.parse(facts.collectedAt));
    }
    expect(late).toEqual([]);
  });

  it('resolves the registry with ARNs that exist and review dates in the past', () => {
    for (const scan of scansA) {
      const arns = new Set([...(scan.current.iam?.roles ?? []), ...(scan.current.iam?.users ?? [])].map((principal) => principal.arn));
      expect(scan.registry.length).toBeGreaterThan(0);
      for (const entry of scan.registry) {
        expect(arns.has(entry.principalArn), entry.principalArn).toBe(true);
        if (entry.lastReviewedAt !== null) expect(Date.parse(entry.lastReviewedAt)).toBeLessThan(Date.parse(scan.current.collectedAt));
      }
    }
  });

  it('keeps role descriptions and session limits (what ListRoles adds to the export)', () => {
    const prod = scanOf(scansA, 'quillmere-prod').current;
    expect(role(prod, 'terraform-admin')).toMatchObject({ description: expect.stringContaining('Terraform') as unknown, maxSessionDurationSeconds: 7200 });
    expect(role(prod, 'AWSServiceRoleForSupport')).toMatchObject({ serviceLinked: true });
    // URL-encoded documents (as the IAM API returns them) arrive decoded.
    expect(role(prod, 'iam-policy-sync')?.inlinePolicies[0]?.document).toMatchObject({ Version: '2012-10-17' });
  });

  it('shows the promised changes between the previous scan and the current one', () => {
    const prod = scanOf(scansA, 'quillmere-prod');
    const staging = scanOf(scansA, 'quillmere-staging');
    const sandbox = scanOf(scansA, 'quillmere-sandbox');

    // A shadow-AI role and its function appeared since.
    expect(role(prod.previous, 'claims-notes-summarizer-role')).toBeUndefined();
    expect(role(prod.current, 'claims-notes-summarizer-role')).toMatchObject({ tags: {} });
    expect(prod.previous.lambda?.functions.some((fn) => fn.name === 'claims-notes-summarizer')).toBe(false);
    expect(prod.current.lambda?.functions.some((fn) => fn.name === 'claims-notes-summarizer')).toBe(true);

    // A key was rotated since: 93 days old at the previous scan, 1 day old now.
    const before = reportRow(prod.previous, 'svc-metrics-push').accessKeys[0];
    const after = reportRow(prod.current, 'svc-metrics-push').accessKeys[0];
    expect(daysBetween(before.lastRotated, prod.previous.collectedAt)).toBe(93);
    expect(daysBetween(after.lastRotated, prod.current.collectedAt)).toBe(1);

    // A second key appeared on ci-deploy-bot; svc-new-integration did not exist yet.
    expect(reportRow(prod.previous, 'ci-deploy-bot').accessKeys[1].active).toBe(false);
    expect(reportRow(prod.current, 'ci-deploy-bot').accessKeys[1].active).toBe(true);
    expect(prod.previous.credentialReport?.rows.some((row) => row.user === 'svc-new-integration')).toBe(false);

    // A finding fixed since: cancel_subscription now asks for confirmation.
    const confirmation = (facts: ScanFacts): (string | null)[] =>
      (facts.bedrockAgents?.agents.find((agent) => agent.name === 'care-concierge')?.actionGroups ?? [])
        .flatMap((group) => group.functions)
        .filter((fn) => fn.name === 'cancel_subscription')
        .map((fn) => fn.requireConfirmation);
    expect(confirmation(prod.previous)).toEqual(['DISABLED', 'DISABLED']);
    expect(confirmation(prod.current)).toEqual(['ENABLED', 'ENABLED']);

    // A regression: the FAQ bot's URL went public.
    const urlAuth = (facts: ScanFacts): string[] => facts.lambda?.functions.find((fn) => fn.name === 'clinic-faq-bot')?.functionUrls.map((url) => url.authType) ?? [];
    expect(urlAuth(prod.previous)).toEqual(['AWS_IAM']);
    expect(urlAuth(prod.current)).toEqual(['NONE']);

    // Staging: an Anthropic key name appeared; a contractor user was deleted.
    const env = (facts: ScanFacts): string[] => facts.lambda?.functions.find((fn) => fn.name === 'ticket-triage')?.environmentVariableNames ?? [];
    expect(env(staging.previous)).not.toContain('ANTHROPIC_API_KEY');
    expect(env(staging.current)).toContain('ANTHROPIC_API_KEY');
    expect(staging.previous.iam?.users.some((user) => user.name === 'contractor-etl-2024')).toBe(true);
    expect(staging.current.iam?.users.some((user) => user.name === 'contractor-etl-2024')).toBe(false);

    // Sandbox: a Bedrock API key appeared; a temporary admin role was deleted.
    expect(sandbox.previous.serviceSpecificCredentials).toEqual([]);
    expect(sandbox.current.serviceSpecificCredentials?.map((credential) => [credential.userName, credential.serviceName, credential.expiresAt])).toEqual([
      ['BedrockAPIKey-hk4z', 'bedrock.amazonaws.com', null],
    ]);
    expect(role(sandbox.previous, 'sandbox-admin-temp')).toBeDefined();
    expect(role(sandbox.current, 'sandbox-admin-temp')).toBeUndefined();
  });

  it('has the realistic size of a small company: dozens of identities per account', () => {
    for (const scan of scansA) {
      const identities = (scan.current.iam?.users.length ?? 0) + (scan.current.iam?.roles.length ?? 0);
      expect(identities, scan.current.account.alias ?? '').toBeGreaterThanOrEqual(45);
      expect(identities).toBeLessThanOrEqual(120);
    }
  });

  it('loads fast', () => {
    // The first load includes reading and parsing ~1.6 MB of files and compiling the schemas.
    console.info(`demo load: ${loadMs.toFixed(0)} ms for ${scansA.length} accounts (previous and current scans)`);
    expect(loadMs).toBeLessThan(1000);
  });
});

describe('findDemoDir', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'warden-demo-find-'));
    mkdirSync(join(root, 'project/resources/demo'), { recursive: true });
    writeFileSync(join(root, 'project/resources/demo/manifest.json'), '{}');
    mkdirSync(join(root, 'project/out/main/chunks'), { recursive: true });
    mkdirSync(join(root, 'packaged/resources/demo'), { recursive: true });
    writeFileSync(join(root, 'packaged/resources/demo/manifest.json'), '{}');
    mkdirSync(join(root, 'elsewhere'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds resources/demo from a folder below the project', () => {
    expect(findDemoDir(join(root, 'project/out/main/chunks'))).toBe(join(root, 'project/resources/demo'));
  });

  it('prefers a packaged resources folder when given one', () => {
    expect(findDemoDir(join(root, 'project/out/main'), [join(root, 'packaged/resources')])).toBe(join(root, 'packaged/resources/demo'));
  });

  it('is null when there is no demo', () => {
    expect(findDemoDir(join(root, 'elsewhere'), [join(root, 'elsewhere')])).toBeNull();
  });

  it('finds the real demo from the repository', () => {
    expect(findDemoDir(join(process.cwd(), 'electron/core/demo'))).toBe(DEMO_DIR);
  });
});

describe('loadDemoScans on broken demo folders', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'warden-demo-broken-'));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('says where it looked when there is no demo folder', async () => {
    const error = await loadDemoScans(clockA, { demoDir: join(copy, 'missing') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
    expect((error as AppError).message).toContain('manifest.json');
  });

  it('names the file of an unknown date placeholder', async () => {
    const dir = join(copy, 'bad-date');
    cpSync(DEMO_DIR, dir, { recursive: true });
    const file = join(dir, 'staging/credential-report.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{now-45d', '{{now-45w'));
    const error = await loadDemoScans(clockA, { demoDir: dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/staging\/credential-report\.csv: unknown date placeholder/);
  });

  it('refuses a workloads file with a section of the wrong shape', async () => {
    const dir = join(copy, 'bad-shape');
    cpSync(DEMO_DIR, dir, { recursive: true });
    const file = join(dir, 'sandbox/workloads.json');
    const workloads = JSON.parse(readFileSync(file, 'utf8')) as { lambda: { functions: { environmentVariableNames: unknown }[] } };
    const first = workloads.lambda.functions[0];
    if (first === undefined) throw new Error('no function');
    first.environmentVariableNames = { OPENAI_API_KEY: 'a value' };
    writeFileSync(file, JSON.stringify(workloads));
    const error = await loadDemoScans(clockA, { demoDir: dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/sandbox\/workloads\.json does not have the expected shape at lambda\.functions\.0\.environmentVariableNames/);
  });
});
