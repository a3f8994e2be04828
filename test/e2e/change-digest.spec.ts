/**
 * The change digest in the browser (issue 14): importing an account's export, then the same export with
 * a new role trusted by Bedrock (a hostile name), shows one toast with the counts, the name as text,
 * and a link to the scan's What changed; the first import shows none. Settings' Notifications: the
 * kinds saved and kept after a reload, recorded in the audit log. Light and dark screenshots.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ImportPage } from './pages/import-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

const AUTHZ = resolve(__dirname, '../../../shared/fixtures/real-iam/cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const HOSTILE = '<img src=x onerror=alert(1)>bedrock-agent';

test.describe('Change digest', () => {
  let dir: string;
  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-digest-e2e-'));
    const details = JSON.parse(await readFile(AUTHZ, 'utf8')) as { RoleDetailList: Record<string, unknown>[] };
    details.RoleDetailList.push({
      Arn: `arn:aws:iam::123456789012:role/${HOSTILE}`,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      AttachedManagedPolicies: [],
      CreateDate: '2026-02-28T10:00:00+00:00',
      InstanceProfileList: [],
      Path: '/',
      RoleId: 'AROANEWBEDROCKROLE0001',
      RoleName: HOSTILE,
      RolePolicyList: [{ PolicyName: 'all', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
      Tags: [],
    });
    await writeFile(join(dir, 'changed-authorization-details.json'), JSON.stringify(details));
  });
  test.afterAll(async () => rm(dir, { recursive: true, force: true }));

  test('a changed import shows one toast with the counts, linking to its What changed; the first import none', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    const imports = new ImportPage(page);
    const digests = app.toasts.getByRole('listitem').filter({ hasText: 'since the previous scan' });

    await app.goTo('Import');
    await imports.chooseFile('authorization-details', AUTHZ);
    await imports.importButton.click();
    expect(await imports.job().waitForEnd()).toBe('Completed');
    await imports.job().dismissButton.click({ timeout: 5_000 }).catch(() => undefined);

    await imports.chooseFile('authorization-details', join(dir, 'changed-authorization-details.json'));
    await imports.importButton.click();
    expect(await imports.job().waitForEnd()).toBe('Completed');

    await expect(digests).toHaveCount(1, { timeout: 60_000 });
    const digest = digests.first();
    await expect(digest).toContainText(/1 new shadow AI agent and \d+ new critical or high findings? since the previous scan/);
    await expect(digest).toContainText(`123456789012: 1 new shadow AI agent`);
    await expect(digest).toContainText(`New shadow AI: ${HOSTILE}.`);
    await expect(page.locator('.toasts img')).toHaveCount(0);
    await saveScreenshots(page, 'change-digest-toast');
    // Still one: a digest per job, not one per finding (and none from the first import, whose toast would still be up).
    await expect(digests).toHaveCount(1);

    await digest.getByRole('link', { name: 'See what changed' }).click();
    await expect(page).toHaveURL(/#\/scans\/[^/?]+$/);
    await expect(digests).toHaveCount(0);
    const changes = page.getByRole('main').getByTestId('scan-changes');
    await expect(changes.getByTestId('change-shadowAi').locator('dd')).toHaveText('1', { timeout: 60_000 });
    await expect(changes.getByTestId('change-list-shadowAi')).toContainText(HOSTILE);
  });

  test('Settings: the kinds to notify are saved, kept after a reload and audited', async ({ app }) => {
    const { page } = app;
    await app.goTo('Settings');
    const form = page.getByRole('form', { name: 'Notifications' });
    const box = (name: RegExp) => form.getByRole('checkbox', { name });
    await expect(box(/^New shadow AI/)).toBeChecked();
    await expect(box(/^New critical or high/)).toBeChecked();
    await expect(box(/came back/)).toBeChecked();
    await expect(box(/^Resolved/)).not.toBeChecked();
    await expect(box(/^Identities added/)).not.toBeChecked();

    await box(/^Resolved/).check();
    await box(/came back/).uncheck();
    await form.getByRole('button', { name: 'Save notifications' }).click();
    await expect(form.getByRole('status')).toContainText('Notifications saved.');
    await form.scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'settings-notifications');

    await page.reload();
    await expect(box(/^Resolved/)).toBeChecked();
    await expect(box(/came back/)).not.toBeChecked();
    await form.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(box(/came back/)).toBeChecked();
    await expect(box(/^Resolved/)).not.toBeChecked();

    await app.goTo('Audit log');
    await expect(page.getByRole('main')).toContainText('notify: resolved');
  });
});
