import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The docs name the files that do a thing and the tests that guard it (docs/threat-model.md maps every
// boundary to its test). A renamed or moved file leaves a doc pointing nowhere; this keeps them true.

const ROOT = process.cwd();
const DOCS = ['README.md', 'bench/README.md', 'electron/core/db/README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

// A project path: one of the project's top folders, then a file with an extension the project has. Not
// preceded by a path character, so `../shared/PRODUCT.md` (beside the checkout) and `.tmp/bench/x.mjs`
// (a build output) are not taken for project files.
const PROJECT_PATH = /(?<![\w./-])((?:test|electron|renderer|shared|bench|scripts|tools|docs)\/[\w./-]+\.(?:ts|tsx|mts|mjs|cjs|js|md|json|css|sql))(?![\w/])/g;
// Patterns and placeholders stand for many files (`migration-NNNN-name.test.ts`, `*.spec.ts`).
const PLACEHOLDER = /\*|NNNN|<|>|\.\.\./;

function projectPathsIn(text: string): string[] {
  const paths = new Set<string>();
  for (const match of text.matchAll(PROJECT_PATH)) {
    const path = match[1] as string;
    if (!PLACEHOLDER.test(path)) paths.add(path);
  }
  return [...paths];
}

describe('paths named in the docs', () => {
  it('finds project paths and leaves out paths beside the checkout, build outputs and patterns', () => {
    const text = [
      'See `test/unit/team-policies/cel-policy.test.ts` and electron/core/backend.ts.',
      'The product is ../shared/PRODUCT.md; the bundle is .tmp/bench/bench-plan.mjs.',
      'One per migration: test/unit/db/migration-NNNN-name.test.ts; every test/e2e/*.spec.ts.',
    ].join('\n');
    expect(projectPathsIn(text).sort()).toEqual(['electron/core/backend.ts', 'test/unit/team-policies/cel-policy.test.ts']);
  });

  it.each(DOCS)('every file %s names exists', (doc) => {
    const missing = projectPathsIn(readFileSync(join(ROOT, doc), 'utf8')).filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });
});
