/**
 * Screenshots of discovery under docs/screenshots/: scans, a scan, live progress, New scan, Import
 * (and its error), the scanner policy and the demo banner — from the real console against moto and
 * real exports, with fixed paths so the pictures change only when the UI does.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeAwsConfig, type AwsConfigFixture } from '../support/aws-config';
import { AppShellPage } from './pages/app-shell-page';
import { ConnectionsPage } from './pages/connections-page';
import { ImportPage } from './pages/import-page';
import { ScannerPolicyDialog } from './pages/scanner-policy-dialog';
import { ScanDetailPage, ScansPage } from './pages/scans-page';
import { EXAMPLE_KEYS } from './support/aws-profiles';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';
import { startWardenServer, type WardenServer } from './support/warden-server';

// Not the folder of screenshots.spec.ts: the two files may run at the same time.
const HOME = join(tmpdir(), 'agent-warden-screens-discovery');
const REAL_IAM = resolve(__dirname, '../../../shared/fixtures/real-iam');
const IAM_VULNERABLE = join(REAL_IAM, 'cloudsplaining/example-authz-iam-vulnerable-2023.json');
const CLOUDMAPPER_AUTHZ = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const CLOUDMAPPER_REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');

const PROFILES = {
  'acme-prod': { config: { sso_session: 'acme', sso_account_id: '210987654321', sso_role_name: 'SecurityAudit', region: 'eu-west-1' } },
  'acme-dev': { config: { region: 'eu-west-1' }, credentials: EXAMPLE_KEYS },
};

test.describe.configure({ mode: 'serial' });

test.describe('Screenshots: discovery', () => {
  let aws: AwsConfigFixture;
  let warden: WardenServer;
  let scanId = '';

  test.beforeAll(async ({ moto }) => {
    await rm(HOME, { recursive: true, force: true });
    await mkdir(join(HOME, '.aws'), { recursive: true });
    const configFile = join(HOME, '.aws', 'config');
    const credentialsFile = join(HOME, '.aws', 'credentials');
    aws = await writeAwsConfig({
      profiles: PROFILES,
      ssoSessions: { acme: { sso_start_url: 'https://acme.awsapps.com/start', sso_region: 'eu-west-1' } },
      endpoint: moto.endpoint,
      env: { HOME, USERPROFILE: HOME, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
    });
    await copyFile(aws.configFile, configFile);
    await copyFile(aws.credentialsFile, credentialsFile);
    warden = await startWardenServer({ env: aws.env, workspacePath: join(HOME, 'acme-security.sqlite') });
  });

  test.afterAll(async () => {
    await warden.stop();
    await aws.cleanup();
    await rm(HOME, { recursive: true, force: true });
  });

  test('import: both files chosen, then imported; a broken file', async ({ page }) => {
    const app = new AppShellPage(page);
    await app.open(warden.url);
    await app.goTo('Import');
    const imports = new ImportPage(page);
    await imports.dropFiles('authorization-details', [CLOUDMAPPER_AUTHZ]);
    await imports.chooseFile('credential-report', CLOUDMAPPER_REPORT);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await saveScreenshots(page, 'import');
    await imports.importButton.click();
    expect(await imports.job().waitForEnd()).toBe('Completed');
    await imports.job().dismissButton.click();

    const broken = join(HOME, 'authz-export.json');
    const whole = await readFile(CLOUDMAPPER_AUTHZ, 'utf8');
    await writeFile(broken, whole.slice(0, Math.floor(whole.length * 0.6)));
    await imports.chooseFile('authorization-details', broken);
    await imports.importButton.click();
    expect(await imports.job().waitForEnd()).toBe('Failed');
    await app.dismissToasts();
    await imports.job().root.scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'import-error');
    await imports.job().dismissButton.click();

    // A broken credential report beside a good export: the error on the report's own row.
    const report = join(HOME, 'credential-report.csv');
    const lines = (await readFile(CLOUDMAPPER_REPORT, 'utf8')).trimEnd().split('\n');
    await writeFile(report, `${[...lines, lines[lines.length - 1]].join('\n')}\n`);
    await imports.zone('authorization-details').getByRole('button', { name: /^Remove/ }).click();
    await imports.dropFiles('authorization-details', [CLOUDMAPPER_AUTHZ]);
    await imports.chooseFile('credential-report', report);
    await imports.importButton.click();
    expect(await imports.job().waitForEnd()).toBe('Failed');
    await app.dismissToasts();
    await imports.job().root.scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'import-report-error');
    await imports.job().dismissButton.click();
    await imports.zone('credential-report').getByRole('button', { name: /^Remove/ }).click();

    await imports.zone('authorization-details').getByRole('button', { name: /^Remove/ }).click();
    await imports.dropFiles('authorization-details', [IAM_VULNERABLE]);
    await imports.importButton.click();
    expect(await imports.job().waitForEnd()).toBe('Completed');
  });

  test('scanner policy', async ({ page }) => {
    const app = new AppShellPage(page);
    await app.open(warden.url);
    // The workspace has scans now, so the app starts on the inventory.
    await app.goTo('Connections');
    const connections = new ConnectionsPage(page);
    await expect(connections.firstRun).toBeVisible();
    await connections.addConnection({ name: 'Development', profile: 'acme-dev', regions: 'eu-west-1, us-east-1' });
    await app.dismissToasts();
    await connections.scannerPolicyButton.click();
    const policy = new ScannerPolicyDialog(page);
    await expect(policy.policy).toContainText('AgentWardenReadOnlyDiscovery');
    await saveScreenshots(page, 'scanner-policy');
  });

  test('new scan, its live progress, the history and the scan', async ({ page }) => {
    const app = new AppShellPage(page);
    await app.open(warden.url);
    await app.goTo('Scans');
    const scans = new ScansPage(page);
    const dialog = await scans.openNewScan();
    await dialog.chooseTarget('Development');
    await dialog.regions.fill('eu-west-1, us-east-1');
    await dialog.organization.check();
    await dialog.memberRoleName.fill('WardenReadOnly');
    await page.setViewportSize({ width: 1280, height: 1000 });
    await saveScreenshots(page, 'new-scan');
    // moto has no organisation: scan the one account.
    await dialog.organization.uncheck();
    await dialog.start.click();

    const job = scans.job('Scan Development');
    await expect(job.steps.filter({ hasText: 'OK' }).nth(3)).toBeVisible();
    await app.dismissToasts();
    await saveScreenshots(page, 'scan-progress');
    expect(await job.waitForEnd()).toBe('Completed');
    const link = await job.viewScan.getAttribute('href');
    scanId = link?.replace('#/scans/', '') ?? '';
    await job.dismissButton.click();
    await expect(scans.rows).toHaveCount(3);
    await page.setViewportSize({ width: 1280, height: 760 });
    await saveScreenshots(page, 'scans');
  });

  test('one scan: collectors, outcomes, API calls', async ({ page }) => {
    const app = new AppShellPage(page);
    await app.open(`${warden.url}&/scans/${scanId}`);
    const detail = new ScanDetailPage(page);
    await expect(detail.heading).toHaveText('Development');
    await expect(detail.collectorRows.first()).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 1600 });
    await saveScreenshots(page, 'scan-detail');
  });

  test('the demo company, with its banner', async ({ page }) => {
    test.setTimeout(90_000);
    const app = new AppShellPage(page);
    await app.open(warden.url);
    // With scans of its own, the demo is offered in Settings, beside the other workspaces.
    await app.goTo('Settings');
    await page.getByRole('button', { name: 'Explore the demo company' }).click();
    await expect(app.demoBanner).toBeVisible({ timeout: 60_000 });
    await expect(app.heading).toHaveText('Scans');
    const scans = new ScansPage(page);
    await expect(scans.rows.first()).toBeVisible();
    await app.dismissToasts();
    await saveScreenshots(page, 'demo-banner');
    await app.demoBanner.getByRole('button', { name: 'Collapse' }).click();
    await saveScreenshots(page, 'demo-banner-collapsed');
    await app.demoBanner.getByRole('button', { name: 'Show details' }).click();
    // Leave the workspace as it was for anyone who looks at it afterwards.
    await app.demoBanner.getByRole('button', { name: /Open my workspace/ }).click();
    await expect(app.demoBanner).toHaveCount(0);
  });
});
