/**
 * The screenshots under docs/screenshots/, taken from the real console against moto, with a workspace
 * and AWS files at fixed paths so that the pictures only change when the UI does.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAwsConfig, type AwsConfigFixture } from '../support/aws-config';
import { AppShellPage } from './pages/app-shell-page';
import { ConnectionsPage } from './pages/connections-page';
import { SettingsPage } from './pages/settings-page';
import { EXAMPLE_KEYS, MOTO_ACCOUNT } from './support/aws-profiles';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';
import { startWardenServer, type WardenServer } from './support/warden-server';

const HOME = join(tmpdir(), 'agent-warden-screens');

/** A small company's laptop: SSO for production, keys for development, an audit role. */
const PROFILES = {
  'acme-prod': { config: { sso_session: 'acme', sso_account_id: '210987654321', sso_role_name: 'SecurityAudit', region: 'eu-west-1' } },
  'acme-staging': { config: { sso_session: 'acme', sso_account_id: '345678901234', sso_role_name: 'SecurityAudit', region: 'eu-west-1' } },
  'acme-dev': { config: { region: 'eu-west-1' }, credentials: EXAMPLE_KEYS },
  'security-audit': { config: { role_arn: 'arn:aws:iam::123456789012:role/WardenReadOnly', source_profile: 'acme-dev', region: 'us-east-1' } },
  'legacy-ci': { config: { credential_process: '/usr/local/bin/ci-credentials', region: 'us-west-2' } },
};

test.describe.configure({ mode: 'serial' });

test.describe('Screenshots', () => {
  let aws: AwsConfigFixture;
  let warden: WardenServer;

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

  test('first run: the empty state', async ({ page }) => {
    const app = new AppShellPage(page);
    await app.open(warden.url);
    const connections = new ConnectionsPage(page);
    await expect(connections.firstRun).toBeVisible();
    await expect(connections.profileList.getByRole('article')).toHaveCount(5);
    await saveScreenshots(page, 'empty-state');
  });

  test('the add-connection form', async ({ page }) => {
    const app = new AppShellPage(page);
    await app.open(warden.url);
    const connections = new ConnectionsPage(page);
    await connections.profile('acme-dev').addButton.click();
    await connections.form.expectOpen('Add connection');
    await connections.form.fill({ name: 'Development', regions: 'eu-west-1, us-east-1' });
    await saveScreenshots(page, 'connection-form', ['light']);
    await connections.form.submit.click();
    await expect(connections.connection('Development').root).toBeVisible();
  });

  test('connections, tested', async ({ page }) => {
    const app = new AppShellPage(page);
    await app.open(warden.url);
    const connections = new ConnectionsPage(page);
    await connections.addConnection({ name: 'Security audit', profile: 'security-audit', regions: 'us-east-1' });
    await connections.addConnection({ name: 'Production', profile: 'acme-prod', regions: 'eu-west-1, eu-central-1' });
    await expect(await connections.connection('Development').test()).toContainText(`Connected to account ${MOTO_ACCOUNT}`);
    await connections.connection('Security audit').test();
    await expect(await connections.connection('Production').test()).toContainText('aws sso login --profile acme-prod');

    // The list as it looks on the next visit: last results, no open test panels.
    await page.reload();
    await expect(connections.connection('Production').root).toContainText('Test failed');
    await saveScreenshots(page, 'connections');

    const production = connections.connection('Production');
    await production.testButton.click();
    await expect(production.result).toContainText('aws sso login --profile acme-prod');
    await app.dismissToasts();
    await production.root.scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'connection-test-error');

    await connections.profile('acme-dev').testButton.click();
    await expect(connections.profile('acme-dev').result).toContainText(MOTO_ACCOUNT);
    await connections.profile('acme-dev').root.scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'profile-test-ok', ['light']);
  });

  test('settings', async ({ page }) => {
    const app = new AppShellPage(page);
    await app.open(warden.url);
    await app.goTo('Settings');
    const settings = new SettingsPage(page);
    await expect(settings.workspacePath).toHaveText(warden.workspacePath);
    await settings.setThreshold('Access key rotation', 60);
    await settings.saveThresholds.click();
    await expect(settings.savedConfirmation).toBeVisible();
    await settings.declareKnownAccount('464622532012', 'Vendor: Datadog (monitoring)');
    await expect(settings.knownAccount('464622532012')).toBeVisible();
    await settings.declareKnownAccount('509876543210', 'Security audit account');
    await expect(settings.knownAccount('509876543210')).toBeVisible();
    // Tall enough to show every panel (review cadence and notifications included), About too, from the top
    // (adding one focused the form).
    await page.setViewportSize({ width: 1280, height: 2600 });
    await page.evaluate("document.querySelector('main')?.scrollTo(0, 0); window.scrollTo(0, 0)");
    await expect(settings.version).toBeInViewport();
    await saveScreenshots(page, 'settings');
  });

  test('loading: panels show what they are waiting for', async ({ page }) => {
    // Hold the answers back so the loading state stays on screen.
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/connections:(list|profiles)$/, async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto(warden.url);
    await expect(page.getByRole('status').filter({ hasText: 'Loading connections…' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Reading AWS profiles…' })).toBeVisible();
    await saveScreenshots(page, 'loading', ['light']);
    release();
    await expect(new ConnectionsPage(page).connection('Development').root).toBeVisible();
  });

  test('without its link: how to open the console', async ({ page }) => {
    await page.goto(`${warden.origin}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open Agent Warden from its own link');
    await saveScreenshots(page, 'open-from-link', ['light']);
  });

  test('error: the back end stops answering', async ({ page }) => {
    const app = new AppShellPage(page);
    await app.open(warden.url);
    const connections = new ConnectionsPage(page);
    await expect(connections.connection('Development').root).toBeVisible();
    await warden.stop();
    await page.getByRole('button', { name: 'Rescan files' }).click();
    await expect(connections.profilesPanel.getByRole('alert')).toContainText('The back end is not answering');
    await connections.profilesPanel.scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'error-state', ['light']);
  });
});
