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

function bridgeScript(token: string): string {
  return `
    window.__bridgeCalls = [];
    window.wardenBridge = {
      invoke: async (channel, input) => {
        window.__bridgeCalls.push(channel);
        const response = await fetch('/api/' + channel, {
          method: 'POST',
          headers: { Authorization: 'Bearer ${token}', 'Content-Type': 'application/json' },
          body: JSON.stringify(input === undefined ? {} : input),
        });
        return response.json();
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
