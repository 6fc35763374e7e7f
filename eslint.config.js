// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * What may import what. The layout is the architecture: `shared/` is the protocol everyone
 * speaks, `scenarios/` the scenario language and the exercise engine, `server/` and `client/` the
 * two shells around them. Imports only go down that list, and the engine stays pure (no I/O), so
 * the browser, replay and the simulator run the same code the server runs.
 */
const NODE_BUILTINS = { group: ['node:*'], message: 'Runs in the browser too: no Node built-ins.' };
const SERVER = { group: ['@startex/server', '@startex/server/*', '**/server/src/**'], message: 'Only the server imports the server.' };
const CLIENT = { group: ['@startex/client', '@startex/client/*', '**/client/src/**'], message: 'Only the client imports the client.' };
const SCENARIOS = { group: ['@startex/scenarios', '@startex/scenarios/*', '**/scenarios/src/**'], message: 'The protocol depends on nothing of ours.' };
const ENGINE_IO = {
  group: ['yaml', 'ajv', 'fs', 'path', 'node:*', '../loadScenarios.ts', '../cli.ts', '../analyzer/*', '../library/*', '../writeScenarioJsonSchema.ts'],
  message: 'The exercise engine is pure: zod, xstate, the protocol and the scenario compiler only.',
};

/** @param {string[]} files @param {{ group: string[]; message: string }[]} patterns */
const boundary = (files, ...patterns) => ({ files, ignores: ['**/*.test.ts', '**/*.test.tsx'], rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test-artifacts/**', 'server/drizzle*/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A catch that drops what it caught: log it or let it through (unexpected errors are logged with their stack).
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='BlockStatement'][body.body.length=0]",
          message: 'A .catch that drops the error: log it, or let it reach the caller.',
        },
        {
          selector: "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[params.length=0][body.type='Identifier'][body.name='undefined']",
          message: 'A .catch that drops the error: log it, or let it reach the caller.',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A closure may read a variable assigned once later (a credential made halfway through a test).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Tests and adapters of untyped libraries need `any` at the edges; the boundary is validated by zod.
      '@typescript-eslint/no-explicit-any': 'off',
      // `require` is a local helper name in the gateway, not CommonJS.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['**/*.mjs', '**/*.config.{js,ts}'], languageOptions: { globals: globals.node } },
  boundary(['shared/src/**'], NODE_BUILTINS, SERVER, CLIENT, SCENARIOS),
  boundary(['scenarios/src/**'], SERVER, CLIENT),
  boundary(['scenarios/src/engine/**'], SERVER, CLIENT, ENGINE_IO),
  boundary(['client/src/**'], SERVER, NODE_BUILTINS),
  boundary(['server/src/**'], CLIENT),
);
