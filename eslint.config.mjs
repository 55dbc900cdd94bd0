import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The dependency direction app -> components -> engine -> graph is enforced here (DESIGN.md section 1).
 */
const uiPaths = ['@/components/*', '@/app/*', '**/components/**', '**/app/**'];

/** graph/document/ is one room with one door (its index.ts): nothing outside it imports its modules. */
const documentDoor = {
  regex: '(^|/)graph/document/|^(\\./|(\\.\\./)+)?document/',
  message: 'Import documents, share links and migrations through graph/document (its index.ts), not its modules.',
};

export default tseslint.config(
  { ignores: ['node_modules', '.next', 'out', 'public', 'test-results', 'playwright-report', 'next-env.d.ts', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts: their globals are Node's (TypeScript files are checked by tsc instead).
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['components/**/*.tsx', 'app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['graph/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@/engine/*', '**/engine/**', ...uiPaths], message: 'graph/ is the pure core: it imports nothing of engine/, components/ or app/.' },
          { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', '@tensorflow/*', '@xyflow/*', 'next', 'next/*'], message: 'graph/ stays free of React, zustand and tfjs.' },
          documentDoor,
        ],
      }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [documentDoor] }] },
  },
  {
    // Inside components/ (DESIGN.md section 1): store/ and ui/ sit below the feature folders and import none of them.
    files: ['components/store/**/*.{ts,tsx}', 'components/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          {
            regex: '^(?:(?:\\.\\./)+|@/components/)(?:canvas|panels|training|workshop|export|learn|featureMaps|board|editor)(?:/|$)',
            message: 'components/store and components/ui sit below the feature folders: move what both need into store/ (state, its types) or graph/ (pure edits).',
          },
          { regex: '^(?:(?:\\.\\./)+|@/components/)EditorShell', message: 'components/store and components/ui must not import the editor shell.' },
          documentDoor,
        ],
      }],
    },
  },
  {
    files: ['components/store/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          {
            regex: '^(?:(?:\\.\\./)+|@/components/)(?:canvas|panels|training|workshop|export|learn|featureMaps|board|editor|ui|EditorShell)(?:/|$|\\.)',
            message: 'components/store sits below ui/ and the feature folders: it imports none of them.',
          },
          documentDoor,
        ],
      }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: uiPaths, message: 'engine/ must not import the UI (components/, app/).' },
          { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', '@xyflow/*', 'next', 'next/*'], message: 'engine/ runs in workers and Node: no React.' },
          documentDoor,
        ],
      }],
    },
  },
);
