/**
 * Golden: CloudMapper's demo account (duo-labs/cloudmapper, ../shared/fixtures/real-iam). Its own test
 * says only `bad_role` is an admin; the root user has an active key in the credential report.
 */
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '@shared/contract';
import { analyzeScan } from '@core/analysis/analyze-scan';
import type { AnalysisResult } from '@core/analysis/types';
import { importOfflineFiles } from '@core/discovery/import/import-files';

const DIR = resolve(process.cwd(), '../shared/fixtures/real-iam/cloudmapper-demo/us-east-1');
/** The credential report's generation time: "now" for the ages CloudMapper's audit saw. */
const REPORT_TIME = new Date('2019-05-07T15:40:22Z');

let result: AnalysisResult;

beforeAll(async () => {
  const clock = (): Date => REPORT_TIME;
  const facts = await importOfflineFiles({
    authorizationDetailsPath: join(DIR, 'iam-get-account-authorization-details.json'),
    credentialReportPath: join(DIR, 'credential-report.csv'),
    clock,
  });
  result = analyzeScan({ facts, registry: new Map(), settings: { thresholds: DEFAULT_THRESHOLDS, knownAccounts: [] }, clock });
});

describe('CloudMapper demo account', () => {
  it('reports only bad_role as a full admin', () => {
    const admins = result.findings.filter((f) => f.ruleId === 'policy_full_admin').map((f) => f.resourceId);
    expect(admins).toEqual(['bad_role']);
  });

  it('raises root_access_key from the credential report (key 1)', () => {
    const root = result.findings.filter((f) => f.ruleId === 'root_access_key');
    expect(root).toHaveLength(1);
    expect(root[0]).toMatchObject({ severity: 'critical', principalArn: 'arn:aws:iam::123456789012:root', resourceArn: 'arn:aws:iam::123456789012:root/access-key/1' });
  });

  it('flags bad_role as trusted by anyone and Tier 1, and the user with two keys and a password', () => {
    expect(result.findings.some((f) => f.ruleId === 'trust_any_principal' && f.resourceId === 'bad_role')).toBe(true);
    expect(result.agents.find((agent) => agent.name === 'bad_role')?.tier.tier).toBe(1);
    const rules = (name: string): string[] => result.findings.filter((f) => f.resourceId === name || f.principalArn?.endsWith(`/${name}`)).map((f) => f.ruleId);
    expect(rules('user')).toEqual(expect.arrayContaining(['user_multiple_active_keys', 'user_console_and_keys', 'access_key_unused']));
  });

  it('gives the exfiller role (s3:* on *) Tier 1 for data access on every bucket', () => {
    const exfiller = result.agents.find((agent) => agent.name === 'exfiller');
    expect(exfiller?.tier.tier).toBe(1);
    expect(result.findings.some((f) => f.ruleId === 'policy_service_wildcard' && f.principalArn === exfiller?.arn)).toBe(true);
  });
});
