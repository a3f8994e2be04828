/**
 * A small authorization-details export written for a test: one account (111122223333) whose two roles
 * trust vendor accounts, neither with an external ID. Imported through the Import screen, it gives a
 * workspace a scan in a few seconds (the demo takes longer).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { AppShellPage } from '../pages/app-shell-page';
import { ImportPage } from '../pages/import-page';

export const VENDOR_ACCOUNT = '111122223333';
/** Role name → the vendor account it trusts. */
export const VENDOR_ROLES = { 'helpdesk-vendor': '999900001234', 'billing-vendor': '999900005678' } as const;

export function vendorTrustExport(): string {
  const role = (name: string, vendor: string): Record<string, unknown> => ({
    Path: '/vendors/',
    RoleName: name,
    RoleId: `AROA${name.toUpperCase().replace(/-/g, '')}`,
    Arn: `arn:aws:iam::${VENDOR_ACCOUNT}:role/vendors/${name}`,
    CreateDate: '2025-01-01T00:00:00Z',
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${vendor}:root` }, Action: 'sts:AssumeRole' }],
    },
    RolePolicyList: [],
    AttachedManagedPolicies: [],
    InstanceProfileList: [],
    Tags: [{ Key: 'owner', Value: 'support-platform' }],
    RoleLastUsed: {},
  });
  return JSON.stringify({
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: Object.entries(VENDOR_ROLES).map(([name, vendor]) => role(name, vendor)),
    Policies: [],
  });
}

/** Import the export through the Import screen and wait for the scan. */
export async function importVendorExport(app: AppShellPage): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'warden-e2e-vendors-'));
  try {
    const file = join(dir, 'authorization-details.json');
    await writeFile(file, vendorTrustExport());
    await app.goTo('Import');
    const imports = new ImportPage(app.page);
    await imports.chooseFile('authorization-details', file);
    await imports.importButton.click();
    expect(await imports.job().waitForEnd()).toBe('Completed');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
