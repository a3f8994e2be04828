/**
 * Playwright fixtures: a moto_server per worker, and per test a temporary AWS config pointed at it,
 * a fresh workspace behind a real `warden serve`, and the page opened on the URL it printed.
 */
import { test as base, expect } from '@playwright/test';
import { startMoto, type MotoServer } from '../../support/moto';
import { writeAwsConfig, type AwsConfigFixture, type AwsConfigFixtureOptions } from '../../support/aws-config';
import { AppShellPage } from '../pages/app-shell-page';
import { LAPTOP_PROFILES, LAPTOP_SSO_SESSIONS } from './aws-profiles';
import { startWardenServer, type WardenServer } from './warden-server';

interface TestFixtures {
  /** The AWS config files the back end sees (override per file with `test.use({ awsConfig: … })`). */
  awsConfig: Omit<AwsConfigFixtureOptions, 'endpoint'>;
  aws: AwsConfigFixture;
  warden: WardenServer;
  /** The console, opened on warden's URL and ready. */
  app: AppShellPage;
}

interface WorkerFixtures {
  moto: MotoServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  moto: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
    async ({}, use) => {
      const moto = await startMoto();
      await use(moto);
      await moto.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  awsConfig: [{ profiles: LAPTOP_PROFILES, ssoSessions: LAPTOP_SSO_SESSIONS }, { option: true }],

  aws: async ({ moto, awsConfig }, use) => {
    const aws = await writeAwsConfig({ ...awsConfig, endpoint: moto.endpoint });
    await use(aws);
    await aws.cleanup();
  },

  warden: async ({ aws }, use, testInfo) => {
    const warden = await startWardenServer({ env: aws.env });
    await use(warden);
    await warden.stop();
    if (testInfo.status !== testInfo.expectedStatus && warden.stderr().trim() !== '') {
      await testInfo.attach('warden-serve.stderr', { body: warden.stderr(), contentType: 'text/plain' });
    }
  },

  app: async ({ page, warden }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const app = new AppShellPage(page);
    await app.open(warden.url);
    await use(app);
    // An uncaught exception or a console error (CSP violation included) fails the test.
    expect(errors, 'errors in the browser console').toEqual([]);
  },
});

export { expect };
