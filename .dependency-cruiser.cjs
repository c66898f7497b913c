/**
 * The module structure of src/, checked by `npm run deps` and by test/structure/dependencies.test.ts
 * (so `npm test` keeps it). Dependencies point inward: entry points (cli, http, web, runtime) to the
 * domain (analysis, graph, coordination, access, monitoring, scenario), the domain to shared and infra,
 * and never back. `npx depcruise src --config .dependency-cruiser.cjs --output-type archi` draws it.
 */
const DOMAIN = '^src/(analysis|graph|coordination|access|monitoring|scenario)/';
const ENTRY_POINTS = '^src/(cli|http|runtime|web)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'No folder of src/ reaches back to itself through another folder: each can be read and changed from the inside out.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-src-to-test',
      comment: 'Nothing under src/ (not even a unit test beside its module) imports from test/: test fakes and suites live in test/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'analysis-is-pure',
      comment:
        'The analysis (CONTRACT §2) is pure functions over graphology: besides itself it reads only the graph types (schema, the store contract) and shared; no adapter, no I/O, no Node core module (but see analysis-no-node-io).',
      severity: 'error',
      from: { path: '^src/analysis/' },
      to: { path: '^src/', pathNot: '^src/(analysis/|shared/|graph/(schema|store)\\.ts$)' },
    },
    {
      name: 'analysis-no-node-io',
      comment:
        'No I/O in the analysis. One exception, for parallelism, not I/O: the root searches of src/analysis/parallel-search.ts share the work with a worker thread (worker_threads, and os for the core count).',
      severity: 'error',
      from: { path: '^src/analysis/', pathNot: '^src/analysis/parallel-search\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'analysis-parallel-search-core-modules',
      severity: 'error',
      from: { path: '^src/analysis/parallel-search\\.ts$' },
      to: { dependencyTypes: ['core'], pathNot: '^(worker_threads|os)$' },
    },
    {
      name: 'domain-not-to-entry-points',
      comment: 'The domain knows nothing of how it is reached: no domain folder imports cli, http, runtime or web.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: ENTRY_POINTS },
    },
    {
      name: 'shared-is-a-leaf',
      comment: 'src/shared (errors, clock, config, log, metrics) imports no other folder of src/.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'infra-is-plumbing',
      comment: 'src/infra (driver sessions, Cypher loading, SQLite opening) knows no domain and no entry point: only shared.',
      severity: 'error',
      from: { path: '^src/infra/' },
      to: { path: '^src/', pathNot: '^src/(infra|shared)/' },
    },
    {
      name: 'nothing-imports-cli',
      comment: 'The CLI is the outermost ring: only src/main.ts and the CLI itself import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli/|main\\.ts$)' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // The browser client has its own tsconfig and bundle; it imports nothing from the server.
    exclude: { path: '^src/web/client/' },
    reporterOptions: {
      archi: { collapsePattern: '^src/[^/]+' },
    },
  },
};
