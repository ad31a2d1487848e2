// Lint rules: typescript-eslint's recommended set, plus the few rules that keep
// reporter data out of logs and layers apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layersRule } from './scripts/layers.mjs';

const tipwire = { rules: { layers: layersRule } };

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'bench/results/**',
      'reports/**',
      '.stryker-tmp/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Layers import only downward; stage folders only domain/ (scripts/layers.mjs).
    files: ['src/**/*.ts'],
    plugins: { tipwire },
    rules: { 'tipwire/layers': 'error' },
  },
  {
    // The database is the SQLite store's own: everything else goes through Store.
    files: ['src/**/*.ts'],
    ignores: ['src/store/sqlite/**', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='db'][object.name=/^(store|runtime)$/]",
          message: 'the database belongs to src/store/sqlite/: use the Store interface',
        },
        {
          selector: "MemberExpression[property.name='db'][object.property.name='store']",
          message: 'the database belongs to src/store/sqlite/: use the Store interface',
        },
      ],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read loosely typed JSON answers.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
