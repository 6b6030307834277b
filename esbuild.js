// Builds the extension (Node), its lazily loaded AWS layer (Node), the webview page script
// (browser) and, with --tests, the extension-host test suite.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Prints errors in the format of VS Code's $esbuild-watch problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/** Copies the codicon font and stylesheet next to the page script: the webview may load nothing else. */
const copyCodicons = {
  name: 'copy-codicons',
  setup(build) {
    build.onEnd(() => {
      const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
      const to = path.join(__dirname, 'dist', 'webview');
      fs.mkdirSync(to, { recursive: true });
      for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join(to, file));
    });
  },
};

/**
 * `vscode` required once, and never copied. The extension's modules import it as
 * `import vscode = require('vscode')`: esbuild keeps that a plain `require`, where
 * `import * as vscode from 'vscode'` of the external CommonJS module becomes `__toESM(require('vscode'))`,
 * which copies every one of the API's few hundred properties into a new object (one copy per module,
 * some 20: the largest part of loading dist/extension.js in the extension host, bench/README.md,
 * activation). Here every `require('vscode')` resolves to one module in the bundle,
 * `module.exports = require('vscode')`, so the bundle asks the extension host for the API once. The
 * extension-host test suite still imports `* as vscode`: those imports share one module,
 * `export * from 'vscode'`, which copies the API once.
 */
const vscodeApiOnce = {
  name: 'vscode-api-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => {
      if (args.namespace === 'vscode-api') return { path: 'vscode', external: true };
      return { path: args.kind === 'require-call' ? 'require' : 'import', namespace: 'vscode-api' };
    });
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, (args) => ({
      contents: args.path === 'require' ? "module.exports = require('vscode');" : "export * from 'vscode';",
      loader: 'js',
    }));
  },
};

const node = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  metafile: true,
  plugins: [problemMatcher, vscodeApiOnce],
};

/**
 * dist/extension.js, also built by bench/bundle.ts: activation's wiring only; every other bundle is
 * loaded from it (or from one it loads) when first needed.
 */
const extensionOptions = { entryPoints: ['src/extension.ts'], mainFields: ['module', 'main'], external: ['vscode', './explorer.js', './details.js', './commands.js', './live.js'] };

const configs = [
  // The extension proper: views and commands only. The AWS layer is a separate file so that
  // activation never loads the SDK (see src/aws/lazyGateway.ts).
  { ...node, ...extensionOptions, outfile: 'dist/extension.js' },
  // The explorer's working parts (the gateway, the model, the tree's provider and rows), loaded on the
  // view's first call (src/tree/lazyExplorer.ts). `module` first: @smithy/shared-ini-file-loader's
  // CommonJS build `require`s all of @smithy/core/config (region, endpoint and instance-metadata
  // resolvers: some 15 KB minified that listing profiles would load for nothing); its ES build
  // re-exports what it uses, and esbuild keeps only that.
  { ...node, entryPoints: ['src/tree/explorer.ts'], outfile: 'dist/explorer.js', mainFields: ['module', 'main'], external: ['vscode', './aws.js', './describeError.js'] },
  { ...node, entryPoints: ['src/aws/index.ts'], outfile: 'dist/aws.js', external: ['vscode'] },
  // The commands' handlers, loaded on the first command (src/commands/lazyCommands.ts); activation only
  // registers their ids. They reach the SDK through the gateway they are given (never requiring
  // dist/aws.js themselves: src/aws/lazyGateway.ts is its one door), the export writer lazily.
  { ...node, entryPoints: ['src/commands/index.ts'], outfile: 'dist/commands.js', external: ['vscode', './export.js'] },
  // Export Sessions…'s writer (csv-stringify), loaded on the first export (src/export/lazyWriter.ts).
  { ...node, entryPoints: ['src/export/writer.ts'], outfile: 'dist/export.js', external: ['vscode'] },
  // The details page's host side, loaded when the first page opens or is restored (src/details/lazyPanel.ts).
  { ...node, entryPoints: ['src/details/detailsPanel.ts'], outfile: 'dist/details.js', external: ['vscode'] },
  // The words of the errors shown, loaded on the first error described (src/aws/lazyGateway.ts).
  { ...node, entryPoints: ['src/aws/describeError.ts'], outfile: 'dist/describeError.js', external: ['vscode'] },
  // The live view, loaded once its setting is on (src/tree/lazyAutoRefresh.ts).
  { ...node, entryPoints: ['src/tree/autoRefreshView.ts'], outfile: 'dist/live.js', external: ['vscode'] },
  {
    ...node,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['src/details/page/main.ts'],
    outfile: 'dist/webview/main.js',
    plugins: [problemMatcher, copyCodicons],
  },
];
/**
 * `virtual:suite-files`: every *.test.ts under test/suite, each behind a `load()` so that mocha's globals
 * exist when it runs (test/suite/index.ts). Adding a test file is all it takes to have it run.
 */
const suiteFiles = {
  name: 'suite-files',
  setup(build) {
    const dir = path.join(__dirname, 'test', 'suite');
    build.onResolve({ filter: /^virtual:suite-files$/ }, () => ({ path: 'suite-files', namespace: 'suite-files' }));
    build.onLoad({ filter: /.*/, namespace: 'suite-files' }, () => {
      const files = fs
        .readdirSync(dir, { recursive: true })
        .map((f) => f.split(path.sep).join('/'))
        .filter((f) => f.endsWith('.test.ts'))
        .sort();
      const entries = files.map((f) => `  { file: ${JSON.stringify(f)}, load: () => require(${JSON.stringify('./' + f)}) },`);
      return {
        contents: `export const suiteFiles = [\n${entries.join('\n')}\n];\n`,
        resolveDir: dir,
        loader: 'js',
        watchDirs: [dir, ...new Set(files.map((f) => path.join(dir, path.dirname(f))))],
      };
    });
  },
};

if (tests) {
  configs.push({
    ...node,
    minify: false,
    entryPoints: ['test/suite/index.ts'],
    outfile: 'out/test/suite/index.js',
    external: ['vscode', 'mocha'],
    plugins: [problemMatcher, vscodeApiOnce, suiteFiles],
  });
}

function report(results) {
  for (const result of results) {
    for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
    }
  }
}

async function main() {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    const results = await Promise.all(contexts.map((c) => c.rebuild()));
    if (results.some((r) => r.errors.length)) process.exitCode = 1;
    else report(results);
  } catch {
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

// bench/bundle.ts builds the same bundles in memory with the same plugin; test/unit/bundles.test.ts
// checks that what dist/extension.js loads lazily (configs) stays out of it.
module.exports = { vscodeApiOnce, extensionOptions, configs };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
