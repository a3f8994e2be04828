/**
 * The layers of docs/architecture.md ("Layers"), enforced by `npm run lint` (depcruise). Paths are
 * resolved files, so an alias or a relative path cannot slip past a rule.
 *
 *   lib  <-  analysis (pure)  <-  db (workspace, thin repositories)  <-  governance / analysis-store / discovery / aws / jobs / exports
 *        <-  handlers (one module per channel prefix)  <-  services.ts, backend.ts  <-  cli, main
 *
 * Type-only imports are not dependencies at run time: a repository may name an analysis type it
 * stores, never call analysis or governance logic.
 */
const CORE = '^electron/core/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere in product code (a cycle through type-only imports included).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'analysis-is-pure',
      severity: 'error',
      comment: 'analysis/ computes from facts: it must not reach the workspace, governance, handlers, AWS, discovery I/O or jobs.',
      from: { path: `${CORE}analysis/` },
      to: {
        path: [
          `${CORE}(db|governance|handlers|aws|jobs|demo|analysis-store|exports)/`,
          `${CORE}discovery/(import|scan)/`,
          `${CORE}(services|backend|dispatch|events)\\.ts$`,
          '(^|/)node_modules/better-sqlite3/',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'db-holds-no-logic',
      severity: 'error',
      comment: 'db/ (the workspace file and its repositories) must not run analysis or governance logic, nor reach handlers, AWS or discovery I/O.',
      from: { path: `${CORE}db/` },
      to: {
        path: [`${CORE}(analysis|analysis-store|governance|handlers|aws|jobs|demo|exports)/`, `${CORE}discovery/(import|scan)/`, `${CORE}(services|backend)\\.ts$`],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'services-below-handlers',
      severity: 'error',
      comment: 'Only the composition root (services.ts, backend.ts) and the CLI reach the handlers; a layer below never does.',
      from: { path: `${CORE}(lib|analysis|analysis-store|db|governance|discovery|aws|jobs|demo|exports)/` },
      to: { path: [`${CORE}handlers/`, `${CORE}(services|backend)\\.ts$`] },
    },
    {
      name: 'lib-is-a-leaf',
      severity: 'error',
      comment: 'core/lib/ holds helpers every layer may use; it imports only node, npm packages and itself.',
      from: { path: `${CORE}lib/` },
      to: { path: `${CORE}(?!lib/)` },
    },
    {
      name: 'core-is-plain-node',
      severity: 'error',
      comment: 'core/ and cli/ run without Electron: no electron package, no shell, preload or renderer code.',
      from: { path: '^electron/(core|cli)/' },
      to: { path: ['^electron/(main|preload)/', '^renderer/', '(^|/)node_modules/electron/'] },
    },
    {
      name: 'renderer-is-browser-code',
      severity: 'error',
      comment: 'renderer/ talks to the back end only through the contract: no Node built-ins, no electron/ code, no Node-only packages.',
      from: { path: '^renderer/' },
      to: {
        path: ['^electron/', '(^|/)node_modules/(electron|better-sqlite3|@aws-sdk|@smithy)/'],
      },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-only-zod',
      severity: 'error',
      comment: 'shared/ (the contract) is read by both sides: it imports only zod and its own files.',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '(^|/)node_modules/zod/'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^out/', '\\.test\\.tsx?$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
