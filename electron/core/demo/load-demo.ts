/**
 * Loads the built-in demo company (resources/demo/) as scans, through the same code an offline import
 * uses: placeholders such as `{{now-400d}}` are resolved against the given clock, the authorization
 * details go through `parseAuthorizationDetailsObject`, the credential report through
 * `parseCredentialReport`, and the sections an import cannot read are validated with the facts' own
 * schemas. Each account gives its current scan and the scan of a week earlier, so "new since last
 * scan" and trends have something to show.
 *
 * Reads files only; writes nothing. Pure apart from reading: the clock is passed in.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import {
  bedrockAgentsFactsSchema,
  bedrockFactsSchema,
  cloudTrailFactsSchema,
  emptyScanFacts,
  factRegionSchema,
  identityProvidersFactsSchema,
  lambdaFactsSchema,
  nullableTimestampSchema,
  organizationsFactsSchema,
  sageMakerFactsSchema,
  scanFactsSchema,
  serviceLastAccessedFactsSchema,
  serviceSpecificCredentialFactsSchema,
  type ScanFacts,
} from '../discovery/facts';
import { parseAuthorizationDetailsObject } from '../discovery/import/authorization-details';
import { credentialReportAccountId, parseCredentialReport } from '../discovery/import/credential-report';
import { DEMO_FILES, demoManifestSchema, type DemoManifest } from './demo-layout';
import { resolveRelativeDates } from './relative-dates';

/** A registry entry the demo team has kept (owner, purpose, …), keyed by the identity's ARN. */
export const demoRegistryEntrySchema = z.object({
  principalArn: z.string(),
  owner: z.string(),
  purpose: z.string(),
  dataScope: z.string(),
  status: z.enum(['registered', 'unregistered', 'decommissioned']),
  lastReviewedAt: nullableTimestampSchema,
});
export type DemoRegistryEntry = z.infer<typeof demoRegistryEntrySchema>;

/** One demo account: its scan of a week ago, its scan now, and what the team has registered. */
export interface DemoScan {
  accountId: string;
  accountName: string;
  previous: ScanFacts;
  current: ScanFacts;
  registry: DemoRegistryEntry[];
}

export interface LoadDemoOptions {
  /** The demo folder (the one holding manifest.json). Default: `findDemoDir(process.cwd())`. */
  demoDir?: string;
}

/** The sections of `workloads.json`: the facts' own shapes, plus what ListRoles adds to the roles. */
const workloadsFileSchema = z
  .object({
    scan: z
      .object({
        alias: z.string().nullable(),
        regions: z.array(factRegionSchema),
        scannerArn: z.string().nullable(),
        credentialReportGeneratedAt: nullableTimestampSchema,
      })
      .strict(),
    accountSummary: z.record(z.string(), z.number()).nullable(),
    roleDetails: z.array(
      z
        .object({
          arn: z.string(),
          description: z.string().nullable(),
          maxSessionDurationSeconds: z.number().int().positive().nullable(),
        })
        .strict(),
    ),
    identityProviders: identityProvidersFactsSchema.nullable(),
    serviceSpecificCredentials: z.array(serviceSpecificCredentialFactsSchema).nullable(),
    serviceLastAccessed: z.array(serviceLastAccessedFactsSchema).nullable(),
    lambda: lambdaFactsSchema.nullable(),
    sageMaker: sageMakerFactsSchema.nullable(),
    bedrock: bedrockFactsSchema.nullable(),
    bedrockAgents: bedrockAgentsFactsSchema.nullable(),
    cloudTrail: cloudTrailFactsSchema.nullable(),
    organizations: organizationsFactsSchema.nullable(),
  })
  .strict();

/**
 * The demo folder: the first of `<resourcesPath>/demo`, `<resourcesPath>/resources/demo` (for each
 * given resources path, e.g. Electron's `process.resourcesPath` in a packaged app) and
 * `<dir>/resources/demo` for `fromDir` and each folder above it, that holds a manifest.json.
 * Null when there is none.
 */
export function findDemoDir(fromDir: string, resourcesPaths: readonly string[] = []): string | null {
  const candidates: string[] = [];
  for (const base of resourcesPaths) candidates.push(join(base, 'demo'), join(base, 'resources', 'demo'));
  let dir = resolve(fromDir);
  for (;;) {
    candidates.push(join(dir, 'resources', 'demo'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return candidates.find((candidate) => existsSync(join(candidate, DEMO_FILES.manifest))) ?? null;
}

/** The manifest of a demo folder. */
export async function readDemoManifest(demoDir: string): Promise<DemoManifest> {
  return parseWith(demoManifestSchema, JSON.parse(await readDemoFile(demoDir, DEMO_FILES.manifest)) as unknown, DEMO_FILES.manifest);
}

/**
 * Every demo account's previous and current scan (source `demo`), dated from `clock()`: the current
 * scan at that moment, the previous one `previousScanDaysAgo` days before it.
 */
export async function loadDemoScans(clock: () => Date, options: LoadDemoOptions = {}): Promise<DemoScan[]> {
  const demoDir = options.demoDir ?? findDemoDir(process.cwd());
  if (demoDir === null) {
    throw new AppError('not_found', `the demo company's files were not found (looked for resources/demo/${DEMO_FILES.manifest} above ${process.cwd()})`);
  }
  const now = clock();
  if (Number.isNaN(now.getTime())) throw new AppError('internal', 'the clock returned an invalid date');
  const manifest = await readDemoManifest(demoDir);
  const previousAt = new Date(now.getTime() - manifest.previousScanDaysAgo * 86_400_000);
  return Promise.all(
    manifest.accounts.map(async (account) => {
      const [current, previous, registryText] = await Promise.all([
        loadSnapshot(demoDir, account, account.dir, now, now),
        loadSnapshot(demoDir, account, `${account.dir}/${DEMO_FILES.previous}`, now, previousAt),
        readDemoFile(demoDir, `${account.dir}/${DEMO_FILES.registry}`),
      ]);
      const registryFile = `${account.dir}/${DEMO_FILES.registry}`;
      const registry = parseWith(z.array(demoRegistryEntrySchema), parseJson(withDates(registryText, now, 'iso', registryFile), registryFile), registryFile);
      return { accountId: account.id, accountName: account.name, previous, current, registry };
    }),
  );
}

type ManifestAccount = DemoManifest['accounts'][number];

/** One scan of one account: its folder's three files, placeholders resolved against `now`. */
async function loadSnapshot(demoDir: string, account: ManifestAccount, folder: string, now: Date, collectedAt: Date): Promise<ScanFacts> {
  const authorizationFile = `${folder}/${DEMO_FILES.authorizationDetails}`;
  const reportFile = `${folder}/${DEMO_FILES.credentialReport}`;
  const workloadsFile = `${folder}/${DEMO_FILES.workloads}`;
  const [authorizationText, reportText, workloadsText] = await Promise.all([
    readDemoFile(demoDir, authorizationFile),
    readDemoFile(demoDir, reportFile),
    readDemoFile(demoDir, workloadsFile),
  ]);
  const workloads = parseWith(workloadsFileSchema, parseJson(withDates(workloadsText, now, 'iso', workloadsFile), workloadsFile), workloadsFile);
  const iamImport = explained(authorizationFile, () =>
    parseAuthorizationDetailsObject(parseJson(withDates(authorizationText, now, 'aws', authorizationFile), authorizationFile), { accountId: account.id }),
  );
  const report = explained(reportFile, () => parseCredentialReport(withDates(reportText, now, 'aws', reportFile), { generatedAt: workloads.scan.credentialReportGeneratedAt }));
  const reportAccount = explained(reportFile, () => credentialReportAccountId(report));
  if (reportAccount !== null && reportAccount !== account.id) {
    throw new AppError('internal', `demo ${reportFile}: the report is for account ${reportAccount}, not ${account.id}`);
  }

  const details = new Map(workloads.roleDetails.map((detail) => [detail.arn, detail]));
  for (const role of iamImport.iam.roles) {
    const detail = details.get(role.arn);
    if (detail === undefined) continue;
    role.description = detail.description;
    role.maxSessionDurationSeconds = detail.maxSessionDurationSeconds;
    details.delete(role.arn);
  }
  if (details.size > 0) {
    throw new AppError('internal', `demo ${workloadsFile}: roleDetails names roles the export does not have: ${[...details.keys()].slice(0, 3).join(', ')}`);
  }

  const facts = emptyScanFacts({
    collectedAt: collectedAt.toISOString(),
    account: { id: iamImport.accountId, alias: workloads.scan.alias, partition: iamImport.partition, source: 'demo' },
    scannerArn: workloads.scan.scannerArn,
    regions: workloads.scan.regions,
  });
  facts.accountSummary = workloads.accountSummary;
  facts.iam = iamImport.iam;
  facts.credentialReport = report;
  facts.identityProviders = workloads.identityProviders;
  facts.serviceSpecificCredentials = workloads.serviceSpecificCredentials;
  facts.serviceLastAccessed = workloads.serviceLastAccessed;
  facts.lambda = workloads.lambda;
  facts.sageMaker = workloads.sageMaker;
  facts.bedrock = workloads.bedrock;
  facts.bedrockAgents = workloads.bedrockAgents;
  facts.cloudTrail = workloads.cloudTrail;
  facts.organizations = workloads.organizations;
  facts.warnings = [...iamImport.warnings];
  return parseWith(scanFactsSchema, facts, folder);
}

async function readDemoFile(demoDir: string, file: string): Promise<string> {
  try {
    return await readFile(join(demoDir, file), 'utf8');
  } catch (error) {
    throw new AppError('not_found', `demo file ${file} could not be read from ${demoDir}: ${(error as Error).message}`, { cause: error });
  }
}

function withDates(text: string, now: Date, style: 'aws' | 'iso', file: string): string {
  return explained(file, () => resolveRelativeDates(text, now, style));
}

function parseJson(text: string, file: string): unknown {
  return explained(file, () => JSON.parse(text) as unknown);
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, file: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(top)'}: ${issue.message}`;
    throw new AppError('internal', `demo ${file} does not have the expected shape${where}`);
  }
  return result.data;
}

/** Runs `work`, naming the demo file in any error (a broken demo is a bug of the app, not the user's). */
function explained<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('internal', `demo ${file}: ${message}`, { cause: error });
  }
}
