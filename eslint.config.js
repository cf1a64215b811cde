// Lint. The dependency rule of docs/ARCHITECTURE.md (which folder may import what) is checked by
// dependency-cruiser instead (build/dependency-rule.mjs, `npm run deps`, part of `npm run lint`).
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**', '.lab/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  { files: ['lab/**', 'bench/**', 'build/**', 'bin/**', 'e2e/**', '**/*.test.ts', 'gateway/src/cli/**'], rules: { 'no-console': 'off' } },
);
