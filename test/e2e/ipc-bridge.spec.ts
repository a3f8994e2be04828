/**
 * The desktop transport, without Electron: a stand-in `window.wardenBridge` (the preload's shape —
 * envelopes, not exceptions) forwards to warden serve, so the renderer picks its IPC client and every
 * screen runs through it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppShellPage } from './pages/app-shell-page';
import { ConnectionsPage } from './pages/connections-page';
import { SettingsPage } from './pages/settings-page';
import { expect, test } from './support/fixtures';

/**
 * With `dialogs`, the stand-in also plays the desktop app's native file dialogs: app:info says it has
 * them, "Open…" is cancelled (null), and "Save a copy…" is answered with the path a user would pick.
 */
function bridgeScript(token: string, dialogs: { copyTo: string } | null = null): string {
  return `
    window.__bridgeCalls = [];
    const dialogs = ${JSON.stringify(dialogs)};
    window.wardenBridge = {
      invoke: async (channel, input) => {
        window.__bridgeCalls.push(channel + (input && input.path === null ? '(dialog)' : ''));
        if (dialogs && channel === 'workspace:open' && input.path === null) return { ok: true, value: null };
        if (dialogs && channel === 'workspace:saveCopy' && input.path === null) input = { path: dialogs.copyTo };
        const response = await fetch('/api/' + channel, {
          method: 'POST',
          headers: { Authorization: 'Bearer ${token}', 'Content-Type': 'application/json' },
          body: JSON.stringify(input === undefined ? {} : input),
        });
        const envelope = await response.json();
        if (dialogs && channel === 'app:info' && envelope.ok) envelope.value.nativeDialogs = true;
        return envelope;
      },
      on: () => () => undefined,
    };
  `;
}

test('the renderer works through the desktop bridge (envelopes in, ApiError out)', async ({ page, warden }) => {
  await page.addInitScript({ content: bridgeScript(warden.token) });
  // No token in the URL: with a bridge present, the renderer never looks for one.
  const app = new AppShellPage(page);
  await app.open(`${warden.origin}/`);

  const connections = new ConnectionsPage(page);
  await expect(connections.profileList.getByRole('article')).toHaveCount(5);
  await connections.addConnection({ name: 'Through the bridge', profile: 'dev' });
  await expect(await connections.connection('Through the bridge').test()).toContainText('Connected to account 123456789012');

  // An error envelope from the back end reaches the screen as a message.
  await app.goTo('Settings');
  const settings = new SettingsPage(page);
  const notes = join(dirname(warden.workspacePath), 'notes.txt');
  await writeFile(notes, 'not a workspace');
  await settings.submitPath(settings.openAnother, notes);
  await expect(settings.pathDialog.getByRole('alert')).toBeVisible();
  expect(await readFile(notes, 'utf8')).toBe('not a workspace');

  const calls = await page.evaluate<string[]>('window.__bridgeCalls');
  expect(calls).toEqual(expect.arrayContaining(['app:info', 'workspace:info', 'connections:list', 'connections:create', 'connections:test', 'workspace:open']));
});

test('with native dialogs, Open… and Save a copy… ask the back end with no path', async ({ page, warden }) => {
  const copyTo = join(dirname(warden.workspacePath), 'picked-in-a-dialog.sqlite');
  await page.addInitScript({ content: bridgeScript(warden.token, { copyTo }) });
  const app = new AppShellPage(page);
  await app.open(`${warden.origin}/#/settings`);
  const settings = new SettingsPage(page);

  await settings.openAnother.click();
  // The desktop app's own dialog was shown (and cancelled): no path field here, nothing changed.
  await expect(settings.pathDialog).toHaveCount(0);
  await expect(settings.workspacePath).toHaveText(warden.workspacePath);

  await settings.saveCopy.click();
  await expect(settings.pathDialog).toHaveCount(0);
  await expect(app.toasts).toContainText(`Saved a copy to ${copyTo}`);

  const calls = await page.evaluate<string[]>('window.__bridgeCalls');
  expect(calls).toEqual(expect.arrayContaining(['workspace:open(dialog)', 'workspace:saveCopy(dialog)']));
});
