/**
 * ScanFacts ⇄ one record per fact, the shape the workspace stores them in (`scan_facts`: kind, key,
 * region, JSON payload), so a scan of 10,000 principals is written and read row by row, and analysis
 * can be re-run on the stored facts of an old scan.
 *
 * One `scan` record carries the scan-wide facts and which sections were collected (so "not collected"
 * survives the round trip); every other record is one entity, keyed by its ARN (or the natural key
 * named below). Reading back validates everything with the facts' zod schemas: a workspace is a
 * trust boundary.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import {
  FACTS_VERSION,
  accountFactsSchema,
  bedrockAgentFactsSchema,
  bedrockCustomModelFactsSchema,
  bedrockGuardrailFactsSchema,
  bedrockInvocationLoggingFactsSchema,
  cloudTrailTrailFactsSchema,
  creatorFactsSchema,
  credentialReportRowSchema,
  factRegionSchema,
  iamGroupFactsSchema,
  iamRoleFactsSchema,
  iamUserFactsSchema,
  knowledgeBaseFactsSchema,
  lambdaFunctionFactsSchema,
  managedPolicyFactsSchema,
  nullableTimestampSchema,
  oidcProviderFactsSchema,
  organizationAccountFactsSchema,
  organizationsFactsSchema,
  sageMakerEndpointConfigFactsSchema,
  sageMakerEndpointFactsSchema,
  sageMakerModelFactsSchema,
  sageMakerNotebookFactsSchema,
  samlProviderFactsSchema,
  serviceLastAccessedFactsSchema,
  serviceSpecificCredentialFactsSchema,
  timestampSchema,
  type JsonValue,
  type ScanFacts,
} from '../discovery/facts';
import { describeShapeProblems } from '../discovery/shape-problems';

/** The region of global facts. */
export const GLOBAL_REGION = 'global';

export const FACT_KINDS = [
  'scan',
  'iam.user',
  'iam.group',
  'iam.role',
  'iam.policy',
  'iam.credential-report',
  'iam.credential-report-row',
  'iam.oidc-provider',
  'iam.saml-provider',
  'iam.service-specific-credential',
  'iam.service-last-accessed',
  'lambda.function',
  'sagemaker.endpoint',
  'sagemaker.endpoint-config',
  'sagemaker.model',
  'sagemaker.notebook-instance',
  'bedrock.invocation-logging',
  'bedrock.guardrail',
  'bedrock.custom-model',
  'bedrock.agent',
  'bedrock.knowledge-base',
  'cloudtrail.trail',
  'cloudtrail.creator',
  'organizations.organization',
  'organizations.account',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface FactRecord {
  kind: FactKind;
  /** Unique within the kind: usually the ARN. */
  key: string;
  /** The region of regional facts; `global` otherwise. */
  region: string;
  payload: JsonValue;
}

const SECTIONS = [
  'iam',
  'credentialReport',
  'identityProviders',
  'serviceSpecificCredentials',
  'serviceLastAccessed',
  'lambda',
  'sageMaker',
  'bedrock',
  'bedrockAgents',
  'cloudTrail',
  'organizations',
  'creators',
] as const;
type Section = (typeof SECTIONS)[number];

const scanRecordSchema = z.object({
  factsVersion: z.number().int(),
  collectedAt: timestampSchema,
  account: accountFactsSchema,
  scannerArn: z.string().nullable(),
  regions: z.array(factRegionSchema),
  accountSummary: z.record(z.string(), z.number()).nullable(),
  warnings: z.array(z.string()),
  /** Sections that were collected (present, possibly empty). */
  collected: z.array(z.enum(SECTIONS)),
  /** For regional sections: the regions they cover. */
  sectionRegions: z.record(z.string(), z.array(factRegionSchema)),
});

/** JSON-safe: facts hold only JSON data, so this is a type-level statement. */
function json(value: unknown): JsonValue {
  return value as JsonValue;
}

/** Splits the facts of one scan into records, ready to be written one by one. */
export function toFactRecords(facts: ScanFacts): FactRecord[] {
  const records: FactRecord[] = [];
  const add = (kind: FactKind, key: string, payload: unknown, region: string = GLOBAL_REGION): void => {
    records.push({ kind, key, region, payload: json(payload) });
  };
  // `creators` is optional (absent in facts written before it existed): absent is not collected.
  const collected = SECTIONS.filter((section) => facts[section] !== null && facts[section] !== undefined);
  const sectionRegions: Record<string, string[]> = {};
  for (const section of ['lambda', 'sageMaker', 'bedrock', 'bedrockAgents', 'cloudTrail'] as const) {
    const value = facts[section];
    if (value !== null) sectionRegions[section] = value.regions;
  }
  add('scan', 'scan', {
    factsVersion: facts.factsVersion,
    collectedAt: facts.collectedAt,
    account: facts.account,
    scannerArn: facts.scannerArn,
    regions: facts.regions,
    accountSummary: facts.accountSummary,
    warnings: facts.warnings,
    collected,
    sectionRegions,
  });
  if (facts.iam !== null) {
    for (const user of facts.iam.users) add('iam.user', user.arn, user);
    for (const group of facts.iam.groups) add('iam.group', group.arn, group);
    for (const role of facts.iam.roles) add('iam.role', role.arn, role);
    for (const policy of facts.iam.policies) add('iam.policy', policy.arn, policy);
  }
  if (facts.credentialReport !== null) {
    add('iam.credential-report', 'report', { generatedAt: facts.credentialReport.generatedAt });
    for (const row of facts.credentialReport.rows) add('iam.credential-report-row', row.arn, row);
  }
  if (facts.identityProviders !== null) {
    for (const provider of facts.identityProviders.oidc) add('iam.oidc-provider', provider.arn, provider);
    for (const provider of facts.identityProviders.saml) add('iam.saml-provider', provider.arn, provider);
  }
  for (const credential of facts.serviceSpecificCredentials ?? []) add('iam.service-specific-credential', credential.id, credential);
  for (const entry of facts.serviceLastAccessed ?? []) {
    add('iam.service-last-accessed', `${entry.principalArn}|${entry.serviceNamespace}`, entry);
  }
  for (const fn of facts.lambda?.functions ?? []) add('lambda.function', fn.arn, fn, fn.region);
  if (facts.sageMaker !== null) {
    for (const item of facts.sageMaker.endpoints) add('sagemaker.endpoint', item.arn, item, item.region);
    for (const item of facts.sageMaker.endpointConfigs) add('sagemaker.endpoint-config', item.arn, item, item.region);
    for (const item of facts.sageMaker.models) add('sagemaker.model', item.arn, item, item.region);
    for (const item of facts.sageMaker.notebookInstances) add('sagemaker.notebook-instance', item.arn, item, item.region);
  }
  if (facts.bedrock !== null) {
    for (const item of facts.bedrock.invocationLogging) add('bedrock.invocation-logging', item.region, item, item.region);
    for (const item of facts.bedrock.guardrails) add('bedrock.guardrail', `${item.arn}|${item.version}`, item, item.region);
    for (const item of facts.bedrock.customModels) add('bedrock.custom-model', item.arn, item, item.region);
  }
  if (facts.bedrockAgents !== null) {
    for (const item of facts.bedrockAgents.agents) add('bedrock.agent', item.arn, item, item.region);
    for (const item of facts.bedrockAgents.knowledgeBases) add('bedrock.knowledge-base', item.arn, item, item.region);
  }
  for (const trail of facts.cloudTrail?.trails ?? []) add('cloudtrail.trail', trail.arn, trail, trail.homeRegion);
  for (const creator of facts.creators ?? []) add('cloudtrail.creator', creator.resourceArn, creator, creator.region);
  if (facts.organizations !== null) {
    const { organization, accounts } = facts.organizations;
    if (organization !== null) add('organizations.organization', organization.id, organization);
    for (const account of accounts) add('organizations.account', account.id, account);
  }
  return records;
}

/** A fact record as `insertScan` wrote it: its payload as the JSON text stored. */
export interface StoredFactText {
  kind: string;
  key: string;
  json: string;
}

export interface FromFactRecordsOptions {
  /**
   * The records were made by this process from facts it validated itself (an import's, handed to the
   * analysis as the JSON it has just written: analysis-runner.ts), not read from a workspace file, so
   * they are taken as they are. Every read from a file validates (the default).
   */
  trusted?: boolean;
}

/**
 * Rebuilds the facts of one scan from its records (in any order; lists keep the records' order).
 * Throws AppError('workspace_error') when a record is damaged or the facts come from a newer version.
 */
export function fromFactRecords(records: Iterable<{ kind: string; key: string; payload: unknown }>, options: FromFactRecordsOptions = {}): ScanFacts {
  const parseRecord: RecordParser = options.trusted === true ? trustedRecord : validatedRecord;
  const byKind = new Map<string, { key: string; payload: unknown }[]>();
  for (const record of records) {
    const list = byKind.get(record.kind);
    if (list === undefined) byKind.set(record.kind, [record]);
    else list.push(record);
  }
  const scanRecord = byKind.get('scan')?.[0];
  if (scanRecord === undefined) throw new AppError('workspace_error', 'the stored facts of this scan are incomplete: no scan record');
  const scan = parseRecord(scanRecordSchema, scanRecord, 'scan');
  if (scan.factsVersion > FACTS_VERSION) {
    throw new AppError(
      'workspace_error',
      `the facts of this scan were written by a newer version of Agent Warden (facts version ${scan.factsVersion}); update the app to read them`,
    );
  }
  if (scan.factsVersion !== FACTS_VERSION) {
    throw new AppError('workspace_error', `the stored facts of this scan are damaged: unknown facts version ${scan.factsVersion}`);
  }
  const collected = new Set<Section>(scan.collected);
  const all = <T extends z.ZodType>(kind: FactKind, schema: T): z.output<T>[] =>
    (byKind.get(kind) ?? []).map((record) => parseRecord(schema, record, kind));
  const regionsOf = (section: string): string[] => scan.sectionRegions[section] ?? [];
  const reportRecord = byKind.get('iam.credential-report')?.[0];
  const facts = {
    factsVersion: FACTS_VERSION,
    collectedAt: scan.collectedAt,
    account: scan.account,
    scannerArn: scan.scannerArn,
    regions: scan.regions,
    accountSummary: scan.accountSummary,
    iam: collected.has('iam')
      ? {
          users: all('iam.user', iamUserFactsSchema),
          groups: all('iam.group', iamGroupFactsSchema),
          roles: all('iam.role', iamRoleFactsSchema),
          policies: all('iam.policy', managedPolicyFactsSchema),
        }
      : null,
    credentialReport: collected.has('credentialReport')
      ? {
          generatedAt:
            reportRecord === undefined
              ? null
              : parseRecord(z.object({ generatedAt: nullableTimestampSchema }), reportRecord, 'iam.credential-report').generatedAt,
          rows: all('iam.credential-report-row', credentialReportRowSchema),
        }
      : null,
    identityProviders: collected.has('identityProviders')
      ? { oidc: all('iam.oidc-provider', oidcProviderFactsSchema), saml: all('iam.saml-provider', samlProviderFactsSchema) }
      : null,
    serviceSpecificCredentials: collected.has('serviceSpecificCredentials')
      ? all('iam.service-specific-credential', serviceSpecificCredentialFactsSchema)
      : null,
    serviceLastAccessed: collected.has('serviceLastAccessed') ? all('iam.service-last-accessed', serviceLastAccessedFactsSchema) : null,
    lambda: collected.has('lambda') ? { regions: regionsOf('lambda'), functions: all('lambda.function', lambdaFunctionFactsSchema) } : null,
    sageMaker: collected.has('sageMaker')
      ? {
          regions: regionsOf('sageMaker'),
          endpoints: all('sagemaker.endpoint', sageMakerEndpointFactsSchema),
          endpointConfigs: all('sagemaker.endpoint-config', sageMakerEndpointConfigFactsSchema),
          models: all('sagemaker.model', sageMakerModelFactsSchema),
          notebookInstances: all('sagemaker.notebook-instance', sageMakerNotebookFactsSchema),
        }
      : null,
    bedrock: collected.has('bedrock')
      ? {
          regions: regionsOf('bedrock'),
          invocationLogging: all('bedrock.invocation-logging', bedrockInvocationLoggingFactsSchema),
          guardrails: all('bedrock.guardrail', bedrockGuardrailFactsSchema),
          customModels: all('bedrock.custom-model', bedrockCustomModelFactsSchema),
        }
      : null,
    bedrockAgents: collected.has('bedrockAgents')
      ? {
          regions: regionsOf('bedrockAgents'),
          agents: all('bedrock.agent', bedrockAgentFactsSchema),
          knowledgeBases: all('bedrock.knowledge-base', knowledgeBaseFactsSchema),
        }
      : null,
    cloudTrail: collected.has('cloudTrail')
      ? { regions: regionsOf('cloudTrail'), trails: all('cloudtrail.trail', cloudTrailTrailFactsSchema) }
      : null,
    organizations: collected.has('organizations')
      ? {
          organization:
            all('organizations.organization', organizationsFactsSchema.shape.organization.unwrap())[0] ?? null,
          accounts: all('organizations.account', organizationAccountFactsSchema),
        }
      : null,
    // Only when collected, so facts without the section read back exactly as they were written.
    ...(collected.has('creators') && { creators: all('cloudtrail.creator', creatorFactsSchema) }),
    warnings: scan.warnings,
  } satisfies ScanFacts;
  // Every part was validated as it was read (each record by its own schema, the scan record by its);
  // the assembly is this function's own, checked by the compiler here. Validating the whole again only
  // copied it: ~0.5 s of CPU for a 10,000-principal scan, on every first read of a scan.
  return facts;
}

type RecordParser = <T extends z.ZodType>(schema: T, record: { key: string; payload: unknown }, kind: string) => z.output<T>;

/** A record made from facts this process validated (see `FromFactRecordsOptions.trusted`). */
function trustedRecord<T extends z.ZodType>(_schema: T, record: { key: string; payload: unknown }): z.output<T> {
  return record.payload as z.output<T>;
}

function validatedRecord<T extends z.ZodType>(schema: T, record: { key: string; payload: unknown }, kind: string): z.output<T> {
  const result = schema.safeParse(record.payload, { reportInput: true });
  if (!result.success) {
    throw new AppError(
      'workspace_error',
      `the stored facts of this scan are damaged: ${describeShapeProblems(`${kind}[${record.key}]`, result.error.issues)}`,
    );
  }
  return result.data;
}
