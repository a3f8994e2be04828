import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';

test.describe('First run', () => {
  test('an empty workspace explains connections and leads to adding one', async ({ app }) => {
    const connections = new ConnectionsPage(app.page);
    await expect(connections.firstRun).toBeVisible();
    await expect(connections.firstRun).toContainText('Read-only');
    await expect(connections.firstRun).toContainText('No secrets stored');
    await expect(connections.firstRun).toContainText(/profile name/);
    // The header button appears only once there is something to add to.
    await expect(connections.addButton).toHaveCount(0);

    await connections.firstRunAddButton.click();
    await connections.form.expectOpen('Add connection');
  });

  test.describe('with no AWS profiles on the computer', () => {
    test.use({ awsConfig: { profiles: {} } });

    test('says so, and the form takes a typed profile name', async ({ app }) => {
      const connections = new ConnectionsPage(app.page);
      await expect(connections.profilesPanel).toContainText('No AWS profiles found');
      const form = await connections.openAddForm();
      await expect(form.profile).toHaveRole('textbox');
      await form.fill({ name: 'From the environment', profile: 'default' });
      await form.submit.click();
      await expect(connections.connection('From the environment').root).toBeVisible();
    });
  });
});

test.describe('Session token', () => {
  test('is taken out of the address bar, and a reload keeps working', async ({ app, warden }) => {
    expect(app.page.url()).not.toContain('token=');
    expect(app.page.url()).toBe(`${warden.origin}/#/connections`);
    await app.goTo('Settings');
    expect(app.page.url()).toBe(`${warden.origin}/#/settings`);

    await app.page.reload();
    await expect(app.heading).toHaveText('Settings');
    await app.page.goBack();
    await expect(app.heading).toHaveText('Connections');
    expect(app.page.url()).not.toContain('token=');
  });

  test('a route after the token is kept (#token=…&/settings)', async ({ page, warden }) => {
    await page.goto(`${warden.url}&/settings`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    expect(page.url()).toBe(`${warden.origin}/#/settings`);
  });

  test('without the token the page says how to get in, and calls nothing', async ({ page, warden }) => {
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/')) apiCalls.push(request.url());
    });
    await page.goto(`${warden.origin}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open Agent Warden from its own link');
    expect(apiCalls).toEqual([]);
  });

  test('a wrong token shows that the window is no longer connected', async ({ page, warden }) => {
    await page.goto(`${warden.origin}/#token=${'0'.repeat(64)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This window is no longer connected');
    expect(page.url()).not.toContain('token=');
  });
});
