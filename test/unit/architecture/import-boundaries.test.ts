import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The boundaries of docs/architecture.md live in eslint.config.mjs; these cases prove they bite.
// The probes are not files of the TypeScript project, so type-aware parsing is switched off for them.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [tseslint.configs.disableTypeChecked, { languageOptions: { parserOptions: { projectService: false, project: null } } }],
});

async function restrictedImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['electron/core/db/boundary-probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/cli/boundary-probe.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n"],
    ['renderer/src/boundary-probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/src/boundary-probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['renderer/src/boundary-probe.ts', "import { STSClient } from '@aws-sdk/client-sts';\nexport const x = STSClient;\n"],
    ['renderer/src/boundary-probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['shared/boundary-probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['shared/boundary-probe.ts', "import { createDispatch } from '../electron/core/dispatch';\nexport const x = createDispatch;\n"],
    ['electron/main/boundary-probe.ts', "import { shell } from 'electron';\nexport const go = (u: string): Promise<void> => shell.openExternal(u);\n"],
  ])('refuses the forbidden import in %s', async (filePath, code) => {
    expect(await restrictedImportMessages(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['shared/boundary-probe.ts', "import { z } from 'zod';\nexport const x = z.string();\n"],
    ['renderer/src/boundary-probe.ts', "import { channels } from '../../shared/contract';\nexport const x = channels;\n"],
    ['electron/core/boundary-probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['electron/main/boundary-probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('allows the permitted import in %s', async (filePath, code) => {
    expect(await restrictedImportMessages(filePath, code)).toEqual([]);
  });
});
