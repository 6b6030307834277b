import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'dist-vsix/**', 'node_modules/**', 'harness/node_modules/**', '.run/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // The extension imports the API as `import vscode = require('vscode')`, which esbuild keeps a plain
    // require: an `import` of it would copy the whole API object at load (esbuild.js, vscodeApiOnce).
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='vscode'][importKind!='type']",
          message: "Import the VS Code API as `import vscode = require('vscode')`: an ES import copies the whole API object when the bundle loads (esbuild.js, vscodeApiOnce).",
        },
      ],
    },
  },
  {
    // Code that must run without VS Code never imports it.
    files: ['src/aws/**', 'emulator/**', 'src/core/**', 'src/model/**', 'src/ids.ts', 'src/tree/labels.ts', 'src/details/page/**', 'src/details/protocol.ts', 'src/details/viewModel.ts', 'src/details/html.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'] }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
