/**
 * The desktop transport, without Electron: a stand-in `window.wardenBridge` (the preload's shape —
 * envelopes, not exceptions) forwards to warden serve, so the renderer picks its IPC client and every
 * screen runs through it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppShellPage } from './pages/app-shell-page';
import { ImportPage } from './pages/import-page';
import { ConnectionsPage } from './pages/connections-page';
import { SettingsPage } from './pages/settings-page';
import { expect, test } from './support/fixtures';

/**
 * With `dialogs`, the stand-in also plays the desktop app's native file dialogs: app:info says it has
 * them, "Open…" is cancelled (null), "Save a copy…" is answered with the path a user would pick, and
 * "Choose file…" of an import with the file named in `importPicks`. `dropPaths` plays the preload's
 * pathForFile: the path on disk of a dropped file, by its name.
 */
interface StandInDialogs {
  copyTo: string;
  importPicks?: Partial<Record<'authorization-details' | 'credential-report', string>>;
  dropPaths?: Record<string, string>;
}

function bridgeScript(token: string, dialogs: StandInDialogs | null = null): string {
  return `
    window.__bridgeCalls = [];
    const dialogs = ${JSON.stringify(dialogs)};
    window.wardenBridge = {
      invoke: async (channel, input) => {
        window.__bridgeCalls.push(channel + (input && input.path === null ? '(dialog)' : ''));
        if (dialogs && channel === 'workspace:open' && input.path === null) return { ok: true, value: null };
        if (dialogs && channel === 'workspace:saveCopy' && input.path === null) input = { path: dialogs.copyTo };
        if (dialogs && channel === 'import:pickFile') {
          const picked = (dialogs.importPicks || {})[input.purpose];
          return { ok: true, value: picked ? { path: picked } : null };
        }
        if (channel === 'import:files') {
          window.__bridgeCalls.push('import:files(' + input.authorizationDetails.kind + ',' + (input.credentialReport ? input.credentialReport.kind : 'none') + ')');
        }
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
      pathForFile: (file) => (dialogs && dialogs.dropPaths && dialogs.dropPaths[file.name]) || null,
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

test('desktop import: "Choose file…" asks the native dialog, a dropped file goes by its path, nothing is uploaded', async ({ page, warden }) => {
  const cloudmapper = resolve(__dirname, '../../../shared/fixtures/real-iam/cloudmapper-demo/us-east-1');
  const authz = join(cloudmapper, 'iam-get-account-authorization-details.json');
  const report = join(cloudmapper, 'credential-report.csv');
  const copyTo = join(dirname(warden.workspacePath), 'unused.sqlite');
  await page.addInitScript({
    content: bridgeScript(warden.token, { copyTo, importPicks: { 'authorization-details': authz }, dropPaths: { 'credential-report.csv': report } }),
  });
  const uploads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/upload')) uploads.push(request.url());
  });
  const app = new AppShellPage(page);
  await app.open(`${warden.origin}/#/import`);
  const imports = new ImportPage(page);

  // No browser picker in the desktop app: the button asks the back end for its dialog.
  await expect(imports.zone('authorization-details').locator('input[type="file"]')).toHaveCount(0);
  await imports.chooseButton('authorization-details').click();
  await expect(imports.chosen('authorization-details')).toContainText('iam-get-account-authorization-details.json');
  await imports.dropFiles('credential-report', [report]);
  await expect(imports.chosen('credential-report')).toContainText('credential-report.csv');

  await imports.importButton.click();
  // This stand-in sends no events: the panel catches up from scans:jobs.
  expect(await imports.job().waitForEnd()).toBe('Completed');
  await expect(imports.job().root).toContainText('account 123456789012');
  expect(uploads).toEqual([]);
  const calls = await page.evaluate<string[]>('window.__bridgeCalls');
  expect(calls).toEqual(expect.arrayContaining(['import:pickFile', 'import:files(path,path)']));
});

test('desktop import: a dropped file with no path on disk is explained, not uploaded', async ({ page, warden }) => {
  await page.addInitScript({ content: bridgeScript(warden.token, { copyTo: join(dirname(warden.workspacePath), 'unused.sqlite') }) });
  const app = new AppShellPage(page);
  await app.open(`${warden.origin}/#/import`);
  const imports = new ImportPage(page);
  const authz = resolve(__dirname, '../../../shared/fixtures/real-iam/cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
  await imports.dropFiles('authorization-details', [authz]);
  await imports.importButton.click();
  await expect(imports.startFailure).toContainText('has no location on this computer');
  await expect(imports.jobs).toHaveCount(0);
});
