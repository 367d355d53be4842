import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noIo = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'fastify',
  'fastify-*',
  '@fastify/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'pg',
  'pg-*',
  '@electric-sql/*',
  'pg-boss',
  '@steward/server',
  '@steward/web',
  'react',
  'react-*',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      '.tmp/**',
      'apps/server/src/db/migrations/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Dependency rule 1: the pure core does no I/O and knows nothing of the server, the web app or the database.
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: noIo, message: 'packages/core is pure: no I/O, no framework, no database.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'core does no I/O' },
        { name: 'process', message: 'configuration is an argument' },
      ],
    },
  },
  // Dependency rule 2: routes call services, never repos or the database.
  {
    files: ['apps/server/src/features/**/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                './repo',
                './repo.js',
                '../*/repo',
                '../*/repo.js',
                '**/db/schema/*',
                '**/db/client*',
                'drizzle-orm',
                'drizzle-orm/*',
              ],
              message: 'Routes call one service function; repos and the database belong to services.',
            },
          ],
        },
      ],
    },
  },
  // Dependency rule 3: the contracts are plain schemas shared with the browser.
  {
    files: ['packages/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...noIo, '@steward/core'], message: 'contracts hold zod schemas only.' }] },
      ],
    },
  },
);
