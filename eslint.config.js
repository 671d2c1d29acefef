// Lint: typescript-eslint's recommended rules plus the house budget (CONTRIBUTING.md#lint-and-format).
// Formatting is prettier's job (.prettierrc.json); nothing here checks layout.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Calls that spread an array into their arguments put every element on the stack and throw a
 * RangeError past roughly 100,000 elements (V8's argument limit), and configs are unbounded
 * (issue #13). lib/ir/collections.ts has `appendAll`, `maxOf` and `minOf` for the usual cases.
 */
const noArgumentSpread = [
  {
    selector: 'CallExpression > SpreadElement.arguments',
    message:
      'No argument spreading in lib/: an unbounded array overflows the stack. Use appendAll, maxOf or minOf (lib/ir/collections.ts).',
  },
  {
    selector: 'NewExpression > SpreadElement.arguments',
    message: 'No argument spreading in lib/: an unbounded array overflows the stack. Pass the array itself.',
  },
];

/** Output must be byte-identical on every machine: no ordering or formatting by the process's locale. */
const noLocale = [
  {
    selector: 'MemberExpression[computed=false] > Identifier.property[name=/^(localeCompare|toLocale\\w*)$/]',
    message: 'Locale-dependent: order with compareText (lib/ir/collections.ts) and format explicitly.',
  },
  { selector: 'Identifier[name="Intl"]', message: 'Locale-dependent: Intl output differs between machines.' },
];

/** Named exports only: one name for a thing everywhere it is imported. */
const noDefaultExport = { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' };

export default defineConfig(
  globalIgnores(['dist/', '.build/', 'cdk.out/', 'cdktf.out/', 'coverage/', 'test/fixtures/', 'test-artifacts/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The budget: a function a reader can hold in their head, a file that does one job.
      complexity: ['error', 20],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      // `_name` marks a binding kept on purpose: an omitted field in `{ seq: _seq, ...rest }`, a
      // parameter an interface requires.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Sanitizers match control characters on purpose (lib/ir/printable.ts, lib/report/text-safety.ts).
      'no-control-regex': 'off',
      // Errors are reworded for the user on purpose; a cause chain could carry input text into
      // output, and pre-shared keys never appear in errors (SECURITY.md).
      'preserve-caught-error': 'off',
      // `let { a, b } = box` where only `a` is reassigned reads better than two declarations.
      'prefer-const': ['error', { destructuring: 'all' }],
      // Tests match IOS output literally (`*Mar  1 00:00:01`).
      'no-regex-spaces': 'off',
      // `interface X extends Y {}` names a role (CdktfProviderInstance) that may gain members.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noArgumentSpread, ...noLocale, noDefaultExport] },
  },
  {
    // Generated files (API.md, bench tables) must not depend on the machine's locale either.
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs'],
    rules: { 'no-restricted-syntax': ['error', ...noLocale] },
  },
);
