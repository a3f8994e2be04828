/**
 * The agent page lists an identity's iam:PassRole-on-every-role combination as an escalation path,
 * as its tier reason and the privilege_escalation finding say: the demo's SageMaker execution role.
 * Screenshots light and dark of the panel.
 */
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

const ROLE = 'arn:aws:iam::111100003333:role/service-role/AmazonSageMaker-ExecutionRole-20240311T101512';

test.describe('Escalation paths on the agent page', () => {
  test('the SageMaker execution role shows its PassRole combination, not "no path"', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 60_000 });
    await page.goto(page.url().replace(/#.*$/, `#/agents/${encodeURIComponent(ROLE)}`));
    // The heading carries the tier and AI badges after the name.
    await expect(app.heading).toHaveText(/^AmazonSageMaker-ExecutionRole-20240311T101512/);
    const panel = app.main.getByRole('region', { name: 'Privilege escalation paths' });
    await expect(panel).toContainText('Can run its code as any role a service can assume');
    await expect(panel).toContainText('iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl');
    await expect(panel).toContainText('any role sagemaker.amazonaws.com can assume');
    await expect(panel).not.toContainText('No privilege escalation path found');
    await app.dismissToasts();
    await panel.scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'agent-escalation-pass-any-role');
  });
});
