/**
 * Writes resources/demo/ from the model of the demo company. Deterministic: the same model always
 * gives byte-identical files (IDs are hashes of names, dates are relative placeholders), and a unit
 * test fails when the committed folder and this generator disagree.
 *
 *   npx tsx tools/demo/generate-demo-files.ts           write resources/demo/
 *   npx tsx tools/demo/generate-demo-files.ts --check   exit 1 if resources/demo/ is stale
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPANY } from './demo-common';
import { DEMO_ACCOUNTS, demoExpectations } from './demo-company';
import { DEMO_FILES, type DemoManifest } from '@core/demo/demo-layout';
import { REQUIRED_RULE_IDS } from './demo-model';
import { renderDemoReadme } from './demo-readme';
import { PREVIOUS_SCAN_DAYS_AGO, renderAccount, renderRegistry, type DemoView } from './render-demo-account';

export interface DemoFile {
  /** Path relative to the demo folder, with `/` separators. */
  path: string;
  content: string;
}

/** JSON as the AWS CLI prints it (four-space indent) or as the project writes it (two). */
function json(value: unknown, indent: 2 | 4): string {
  return `${JSON.stringify(value, null, indent)}\n`;
}

/** Every file of resources/demo/, in a stable order. */
export function renderDemoFiles(): DemoFile[] {
  const manifest: DemoManifest = {
    company: { name: COMPANY.name, domain: COMPANY.domain, staff: COMPANY.staff },
    previousScanDaysAgo: PREVIOUS_SCAN_DAYS_AGO,
    accounts: DEMO_ACCOUNTS.map((account) => ({
      id: account.id,
      name: account.name,
      alias: account.alias,
      dir: account.dir,
      purpose: account.purpose,
      regions: account.regions,
    })),
  };
  const files: DemoFile[] = [{ path: DEMO_FILES.manifest, content: json(manifest, 2) }];
  for (const account of DEMO_ACCOUNTS) {
    const views: [DemoView, string][] = [
      ['current', account.dir],
      ['previous', `${account.dir}/${DEMO_FILES.previous}`],
    ];
    for (const [view, folder] of views) {
      const rendered = renderAccount(account, view);
      files.push(
        { path: `${folder}/${DEMO_FILES.authorizationDetails}`, content: json(rendered.authorizationDetails, 4) },
        { path: `${folder}/${DEMO_FILES.credentialReport}`, content: rendered.credentialReport },
        { path: `${folder}/${DEMO_FILES.workloads}`, content: json(rendered.workloads, 2) },
      );
    }
    files.push({ path: `${account.dir}/${DEMO_FILES.registry}`, content: json(renderRegistry(account), 2) });
  }
  const expectations = demoExpectations(DEMO_ACCOUNTS);
  files.push(
    { path: DEMO_FILES.expectations, content: json({ rules: REQUIRED_RULE_IDS, ...expectations }, 2) },
    { path: DEMO_FILES.readme, content: renderDemoReadme(DEMO_ACCOUNTS, expectations) },
  );
  return files;
}

/** Files under `dir`, relative, with `/` separators. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Differences between `dir` and the generator: missing, changed and unexpected files. */
export function compareDemoFolder(dir: string, files: readonly DemoFile[] = renderDemoFiles()): string[] {
  const problems: string[] = [];
  const expected = new Set(files.map((file) => file.path));
  for (const file of files) {
    const full = join(dir, file.path);
    if (!existsSync(full)) problems.push(`missing ${file.path}`);
    else if (readFileSync(full, 'utf8') !== file.content) problems.push(`stale ${file.path}`);
  }
  for (const path of listFiles(dir)) if (!expected.has(path)) problems.push(`unexpected ${path}`);
  return problems;
}

/** Replaces the contents of `dir` with the generated files. */
export function writeDemoFiles(dir: string, files: readonly DemoFile[] = renderDemoFiles()): void {
  rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    const full = join(dir, file.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, file.content);
  }
}

function main(argv: readonly string[]): number {
  const dir = resolve(process.cwd(), 'resources/demo');
  if (argv.includes('--check')) {
    const problems = compareDemoFolder(dir);
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    if (problems.length > 0) process.stderr.write('resources/demo is stale: run npx tsx tools/demo/generate-demo-files.ts\n');
    return problems.length === 0 ? 0 : 1;
  }
  const files = renderDemoFiles();
  writeDemoFiles(dir, files);
  process.stdout.write(`wrote ${files.length} files to ${relative(process.cwd(), dir) || dir}\n`);
  return 0;
}

const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
