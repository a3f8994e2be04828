import { ConnectionsPage } from './pages/connections-page';
import { ScannerPolicyDialog } from './pages/scanner-policy-dialog';
import { MOTO_ACCOUNT } from './support/aws-profiles';
import { expect, test } from './support/fixtures';

test.describe('Connections', () => {
  test('lists the profiles of the AWS config, with their kind, region and files', async ({ app, aws }) => {
    const connections = new ConnectionsPage(app.page);
    await expect(connections.heading).toBeVisible();

    await expect(connections.profileList.getByRole('article')).toHaveCount(5);
    expect((await connections.profileNames()).sort()).toEqual(['audit', 'build-bot', 'dev', 'orphan', 'prod-sso']);

    const dev = connections.profile('dev').root;
    await expect(dev).toContainText('Static keys');
    await expect(dev).toContainText('eu-west-1');
    await expect(connections.profile('prod-sso').root).toContainText('SSO');
    await expect(connections.profile('audit').root).toContainText('Assume role');
    await expect(connections.profile('audit').root).toContainText('arn:aws:iam::123456789012:role/WardenAudit');
    await expect(connections.profile('build-bot').root).toContainText('Credential process');

    await expect(connections.profilesPanel).toContainText(aws.configFile);
    await expect(connections.profilesPanel).toContainText(aws.credentialsFile);
    // Never a secret on screen.
    await expect(app.page.locator('body')).not.toContainText('wJalrXUtnFEMI');
  });

  test('"Test" on a static-keys profile shows the moto account', async ({ app }) => {
    const connections = new ConnectionsPage(app.page);
    const result = await connections.profile('dev').test();
    await expect(result).toContainText(`Connected to account ${MOTO_ACCOUNT}`);
    await expect(result).toContainText(`arn:aws:`);
  });

  test('an SSO profile without a token shows the exact `aws sso login` to run', async ({ app }) => {
    const connections = new ConnectionsPage(app.page);
    const result = await connections.profile('prod-sso').test();
    await expect(result).toContainText('SSO session expired or not signed in');
    await expect(result.locator('pre')).toHaveText('aws sso login --profile prod-sso');
    await expect(result.getByRole('button', { name: 'Copy command' })).toBeVisible();
  });

  test('a profile whose source profile is missing shows its error and what to do', async ({ app }) => {
    const connections = new ConnectionsPage(app.page);
    const result = await connections.profile('orphan').test();
    await expect(result).not.toContainText('Connected to account');
    await expect(result).toContainText(/Failure kind: (invalid_profile|no_credentials)/);
    await expect(result).toContainText('"orphan"');
    await expect(result).toContainText('What to do:');
  });

  test('add a connection, test it, rename it, remove it', async ({ app }) => {
    const connections = new ConnectionsPage(app.page);
    await expect(connections.firstRun).toBeVisible();

    await connections.addConnection({ name: 'Sandbox', profile: 'dev', regions: 'eu-west-1, us-east-1' });
    await expect(app.toasts).toContainText('Connection “Sandbox” added.');
    await expect(connections.firstRun).toBeHidden();
    const sandbox = connections.connection('Sandbox');
    await expect(sandbox.root).toContainText('dev');
    await expect(sandbox.root).toContainText('eu-west-1');
    await expect(sandbox.root).toContainText('us-east-1');
    await expect(sandbox.root).toContainText('Not tested yet');

    const result = await sandbox.test();
    await expect(result).toContainText(`Connected to account ${MOTO_ACCOUNT}`);
    // The back end keeps the result as the connection's last test.
    await expect(sandbox.root).toContainText(`Account ${MOTO_ACCOUNT}`);

    await sandbox.editButton.click();
    await connections.form.expectOpen('Edit “Sandbox”');
    await expect(connections.form.name).toHaveValue('Sandbox');
    await connections.form.fill({ name: 'Sandbox account' });
    await connections.form.submit.click();
    await expect(connections.form.dialog).toBeHidden();
    await expect(connections.connection('Sandbox account').root).toBeVisible();
    await expect(connections.connection('Sandbox').root).toHaveCount(0);

    // It survives a reload: it is in the workspace, not in the page.
    await app.page.reload();
    await expect(connections.connection('Sandbox account').root).toBeVisible();

    await connections.connection('Sandbox account').removeButton.click();
    await expect(connections.confirmDialog).toContainText('Remove “Sandbox account”?');
    await connections.confirmDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(connections.connection('Sandbox account').root).toBeVisible();

    await connections.removeConnection('Sandbox account');
    await expect(app.toasts).toContainText('Connection “Sandbox account” removed.');
    await expect(connections.firstRun).toBeVisible();
  });

  test('"Add as connection" prefills the form from the profile', async ({ app }) => {
    const connections = new ConnectionsPage(app.page);
    await connections.profile('audit').addButton.click();
    await connections.form.expectOpen('Add connection');
    await expect(connections.form.name).toHaveValue('audit');
    await expect(connections.form.profile).toHaveValue('audit');
    await expect(connections.form.regions).toHaveValue('eu-central-1');
    await connections.form.submit.click();
    await expect(connections.connection('audit').root).toBeVisible();
    await expect(connections.profile('audit').root).toContainText('Used by 1 connection');
  });

  test('the form explains what is wrong before saving', async ({ app }) => {
    const connections = new ConnectionsPage(app.page);
    const form = await connections.openAddForm();
    await form.submit.click();
    await form.expectFieldError(form.name, /Give the connection a name/);
    await form.expectFieldError(form.profile, /Choose the AWS profile/);
    await expect(form.name).toBeFocused();

    await form.fill({ name: 'Prod', profile: 'dev', roleArn: 'not-an-arn', externalId: 'x', regions: 'eu-west-1, mars-north-9x' });
    await form.submit.click();
    await form.expectFieldError(form.roleArn, /Enter a role ARN/);
    await form.expectFieldError(form.regions, /“mars-north-9x” is not a region code/);
    await expect(form.roleArn).toBeFocused();

    await form.fill({ roleArn: 'arn:aws:iam::123456789012:role/WardenReadOnly', externalId: 'acme-warden', regions: 'eu-west-1' });
    await form.submit.click();
    await expect(form.dialog).toBeHidden();
    await expect(connections.connection('Prod').root).toContainText('arn:aws:iam::123456789012:role/WardenReadOnly');

    // A second connection may not take the same name.
    const again = await connections.openAddForm();
    await again.fill({ name: 'prod', profile: 'dev' });
    await again.submit.click();
    await again.expectFieldError(again.name, /already called/);
  });

  test('Scanner policy: the least-privilege read-only policy to copy, and what each part is for', async ({ app, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const connections = new ConnectionsPage(app.page);
    await connections.scannerPolicyButton.click();
    const policy = new ScannerPolicyDialog(app.page);
    await expect(policy.dialog).toBeVisible();
    await expect(policy.close).toBeFocused();

    const document = await policy.document();
    const actions = document.Statement.flatMap((statement) => statement.Action);
    expect(actions).toContain('iam:GetAccountAuthorizationDetails');
    expect(actions).toContain('sts:GetCallerIdentity');
    // Read-only: nothing that creates, changes or deletes.
    expect(actions.filter((action) => /:(Create|Put|Delete|Update|Attach|Detach|Tag|Untag|Set|Invoke)/.test(action))).toEqual([]);
    await expect(policy.parts).toContainText('IAM');
    await expect(policy.parts).toContainText('Not plain reads');

    await policy.roleName.fill('WardenReadOnly');
    await policy.apply.click();
    await expect(policy.policy).toContainText('arn:aws:iam::*:role/WardenReadOnly');

    await policy.copy.click();
    await expect(policy.dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
    const copied = await app.page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toBe(await policy.policy.textContent());

    await app.page.keyboard.press('Escape');
    await expect(policy.dialog).toBeHidden();
    await expect(connections.scannerPolicyButton).toBeFocused();
  });
});
