// ESLint (flat config): the recommended rules of ESLint and typescript-eslint, without the
// ones prettier owns (eslint-config-prettier). `npm run lint` runs it, then `prettier --check`.
//
// The rules that need type information (recommendedTypeChecked) are left out: on this 2-core
// machine they took 68 s of CPU (3.5 min under the usual load) against 14 s for these, and
// most of their ~1,100 findings are no-unsafe-* on JSON that tests and clients read untyped.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** What Node's CommonJS wrapper gives a plain .js/.cjs file (the bin, jest's and depcruise's configs). */
const COMMONJS_GLOBALS = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
  process: 'readonly',
  console: 'readonly',
  fetch: 'readonly',
  AbortSignal: 'readonly',
};

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'data/', 'test-artifacts/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks what is unused on purpose: a field left out of a copy by
      // destructuring (`const { seq: _seq, ...rest } = row`), a callback's unused parameter.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // package.json is required, not imported: an import would make tsc copy it into dist/.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['/package\\.json$'] }],
    },
  },
  {
    // Modules loaded only when needed, with a plain require (it works under tsx, jest and a
    // build alike, where import() does not): the CLI's commands, so `linkage --help` loads none
    // of them; each bench, so `linkage bench --only analysis` measures a process without the
    // queue, store and HTTP modules; esbuild, a dev dependency the production image lacks. The
    // structure test requires modules in a chosen order to prove any of them can be loaded first.
    files: ['src/cli/commands.ts', 'src/cli/import.ts', 'src/cli/bench.ts', 'src/web/bundle.ts', 'test/cli/structure.test.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read JSON bodies of HTTP answers and events, which are untyped by nature.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: COMMONJS_GLOBALS },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
