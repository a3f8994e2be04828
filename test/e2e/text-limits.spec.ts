import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

// Issue 10, §4: input length limits shown, not silently applied.
test.describe('Length limits', () => {
  test('a connection’s name shows its limit, counts what is typed, and says when the limit is reached', async ({ app }) => {
    await app.goTo('Connections');
    const form = await new ConnectionsPage(app.page).openAddForm();
    const limit = form.dialog.getByTestId('field-limit');
    await expect(limit).toHaveText('Up to 80 characters.');
    // Read with the field, not only seen under it.
    await expect(form.name).toHaveAccessibleDescription(/Up to 80 characters\./);
    await form.name.fill('Production');
    await expect(limit).toHaveText('10 of 80 characters.');
    await saveScreenshots(app.page, 'connection-form-limit');
    await form.name.fill('x'.repeat(100));
    await expect(form.name).toHaveValue('x'.repeat(80));
    await expect(limit).toHaveText('80 of 80 characters: the limit.');
  });
});
