// Lint, including the dependency rule of docs/ARCHITECTURE.md: which folder may import what.
// The rule lives in build/dependency-rule.js; build/dependency-rule.test.ts proves it bites.
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { dependencyRuleConfigs } from './build/dependency-rule.js';

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
  ...dependencyRuleConfigs,
);
