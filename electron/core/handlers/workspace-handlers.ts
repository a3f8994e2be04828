/**
 * Contract handlers for the workspace and its settings.
 *
 * A null path means "ask": the desktop app shows a native dialog; browser mode and the CLI have none,
 * so the user is asked to type a path. A cancelled dialog answers null, which is not an error.
 */
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import type { Settings, SettingsView } from '@shared/contract';
import { AppError } from '../errors';
import type { Handlers } from '../dispatch';
import type { ServiceDeps } from './handler-deps';
import { actorFromEnv } from '../lib/audit-chain';
import { auditSettingsChange } from '../db/repositories/audit-log';
import { currentActor, getSettings, updateSettings } from '../db/repositories/settings';
import { WORKSPACE_EXTENSION } from '../db/workspace-format';

type WorkspaceHandlers = Pick<
  Handlers,
  'workspace:info' | 'workspace:open' | 'workspace:saveCopy' | 'settings:get' | 'settings:update'
>;

/** `~/x` is what people type in a path box; anything else must be absolute, never relative to a process cwd. */
export function absoluteWorkspacePath(typed: string, env: NodeJS.ProcessEnv): string {
  const text = typed.trim();
  const home = env['HOME'] ?? env['USERPROFILE'];
  if ((text === '~' || text.startsWith('~/') || text.startsWith('~\\')) && home !== undefined && home !== '') {
    return resolve(join(home, text.slice(1)));
  }
  if (!isAbsolute(text)) {
    throw new AppError(
      'invalid_input',
      `"${text}" is a relative path. Type the full path of the workspace file, for example ${
        process.platform === 'win32' ? 'C:\\Users\\you\\Documents\\warden.sqlite' : '/home/you/warden.sqlite'
      }.`,
    );
  }
  return resolve(text);
}

/** The name offered in the save dialog, e.g. "workspace copy 2025-01-31.sqlite". */
export function suggestedCopyName(workspacePath: string, now: Date): string {
  const stem = basename(workspacePath, extname(workspacePath));
  return `${stem} copy ${now.toISOString().slice(0, 10)}${WORKSPACE_EXTENSION}`;
}

/**
 * Settings as the audit log lists their changes: each threshold by name, each known account as
 * "known account 123456789012" with its label (none → label: declared; label → none: removed).
 */
function auditedSettings(settings: Settings): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...settings.thresholds, 'your name': settings.displayName };
  for (const account of settings.knownAccounts) fields[`known account ${account.accountId}`] = account.label;
  fields['review cadence'] = settings.reviewCadence;
  // Each kind on its own line of the change: "notify: new shadow AI" on → off.
  for (const [kind, on] of Object.entries(settings.notifications)) fields[`notify: ${kind}`] = on;
  return fields;
}

function noDialogs(action: string): AppError {
  return new AppError('invalid_input', `Type a file path to ${action}: there is no file dialog in this mode.`);
}

export function createWorkspaceHandlers(deps: ServiceDeps): WorkspaceHandlers {
  /** The settings with the name recorded when none is set, for the screen to show. */
  const view = (settings: Settings): SettingsView => ({ ...settings, defaultDisplayName: actorFromEnv(deps.env) });
  return {
    'workspace:info': () => deps.workspaces.info(),

    'workspace:open': async ({ path }) => {
      let chosen = path;
      if (chosen === null) {
        if (deps.dialogs === null) throw noDialogs('open');
        chosen = await deps.dialogs.pickWorkspaceToOpen();
        if (chosen === null) return null;
      }
      const info = deps.workspaces.open(absoluteWorkspacePath(chosen, deps.env));
      deps.emit('workspace:changed', { path: info.path });
      return info;
    },

    'workspace:saveCopy': async ({ path }) => {
      let chosen = path;
      if (chosen === null) {
        if (deps.dialogs === null) throw noDialogs('save the copy to');
        const current = deps.workspaces.current();
        chosen = await deps.dialogs.pickCopyDestination(suggestedCopyName(current.path, deps.clock()));
        if (chosen === null) return null;
      }
      return deps.workspaces.saveCopy(absoluteWorkspacePath(chosen, deps.env));
    },

    'settings:get': () => view(getSettings(deps.workspaces.current().read)),

    'settings:update': (patch) => {
      const { write } = deps.workspaces.current();
      // The change and its audit entry are one transaction: no setting changes unrecorded.
      const saved = write.transaction((tx) => {
        const before = getSettings(tx);
        const after = updateSettings(tx, patch);
        // Recorded under the name as saved: a person naming themselves signs that change with the new name.
        auditSettingsChange(tx, { actor: currentActor(tx, deps.env), now: deps.clock(), before: auditedSettings(before), after: auditedSettings(after) });
        return after;
      });
      deps.emit('settings:changed', {});
      return view(saved);
    },
  };
}
