import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The shared real-IAM fixtures, read in place (never copied into the repo). */
export const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');

export const REAL_EXPORTS = {
  iamVulnerable2023: join(REAL_IAM, 'cloudsplaining/example-authz-iam-vulnerable-2023.json'),
  teaching2020: join(REAL_IAM, 'cloudsplaining/example-authz-2020-teaching.json'),
  cloudsplainingTest: join(REAL_IAM, 'cloudsplaining/test-files/example-authz-details.json'),
  cloudmapperDemo: join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json'),
} as const;

export const CLOUDMAPPER_REPORT_CSV = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');
export const CLOUDMAPPER_REPORT_JSON = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-credential-report.json');

/** Small broken and synthetic files made for these tests. */
export const LOCAL_FIXTURES = resolve(process.cwd(), 'test/fixtures/discovery');

export function localFixture(name: string): string {
  return join(LOCAL_FIXTURES, name);
}

/** A fresh temporary folder and its removal. */
export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `warden-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
