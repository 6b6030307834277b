// What dist/extension.js (loaded at activation) must not hold: the code of the bundles loaded lazily
// (dist/aws.js, dist/commands.js, dist/describeError.js, dist/details.js, dist/live.js: its externals;
// dist/export.js, which the commands load).
// A value import from activation's modules into one of them would copy it back into dist/extension.js
// and still work, only slower to activate: this fails instead. Built in memory, as esbuild.js builds it.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..');

interface Config {
  entryPoints: string[];
  outfile: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { vscodeApiOnce, extensionOptions, configs } = require('../../esbuild.js') as {
  vscodeApiOnce: esbuild.Plugin;
  extensionOptions: esbuild.BuildOptions & { external: string[] };
  configs: Config[];
};

/** The modules (paths from the repository) of dist/extension.js, production build. */
async function extensionInputs(): Promise<{ inputs: string[]; text: string }> {
  return bundleInputs(extensionOptions);
}

async function bundleInputs(options: esbuild.BuildOptions): Promise<{ inputs: string[]; text: string }> {
  const result = await esbuild.build({
    ...options,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [vscodeApiOnce],
    absWorkingDir: REPO,
    outfile: path.join(REPO, 'dist', 'out.js'),
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  assert.ok(js, `no bundle built from ${String(options.entryPoints)}`);
  return { inputs: Object.keys(result.metafile.inputs), text: js.text };
}

describe('bundles: what activation loads', function () {
  this.timeout(60_000);
  let built: { inputs: string[]; text: string };
  before(async () => {
    built = await extensionInputs();
  });

  const lazy = extensionOptions.external.filter((e) => e.startsWith('./'));

  it('loads dist/aws.js, dist/commands.js, dist/describeError.js, dist/details.js and dist/live.js lazily, each built from its own entry', () => {
    assert.deepStrictEqual([...lazy].sort(), ['./aws.js', './commands.js', './describeError.js', './details.js', './live.js']);
    for (const file of lazy) {
      const config = configs.find((c) => c.outfile === path.posix.join('dist', file));
      assert.ok(config, `esbuild.js builds no dist/${file.slice(2)}`);
      assert.match(built.text, new RegExp(`require\\("${file.replace(/[.]/g, '\\.')}"\\)`), `dist/extension.js never requires ${file}`);
    }
  });

  it('holds none of the lazy bundles’ entries, and of the commands only their registration, wrapper and confirmation', () => {
    for (const file of [...lazy, './export.js']) {
      const entry = configs.find((c) => c.outfile === path.posix.join('dist', file))?.entryPoints[0];
      assert.ok(entry && !built.inputs.includes(entry), `dist/extension.js holds ${entry}, the entry of dist/${file.slice(2)}`);
    }
    const commands = built.inputs.filter((i) => i.startsWith('src/commands/')).sort();
    assert.deepStrictEqual(commands, ['src/commands/confirm.ts', 'src/commands/lazyCommands.ts', 'src/commands/wrapper.ts'], 'command code in dist/extension.js');
    const onlyLazy = [
      'src/model/userSearch.ts',
      'src/export/source.ts',
      'src/details/detailsPanel.ts',
      'src/export/writer.ts',
      // The commands' state (commandState() in src/commands/index.ts), the live view, the errors' words.
      'src/model/sessionActions.ts',
      'src/model/poolActions.ts',
      'src/tree/searchView.ts',
      'src/model/recentSearches.ts',
      'src/model/autoRefresh.ts',
      'src/aws/describeError.ts',
    ];
    for (const module of onlyLazy) {
      assert.ok(!built.inputs.includes(module), `dist/extension.js holds ${module}, which only a lazy bundle needs`);
    }
  });

  it('holds no SDK and no CSV library, and takes the vscode API once, without copying it', () => {
    assert.deepStrictEqual(
      built.inputs.filter((i) => /node_modules[\\/](@aws-sdk|csv-stringify)[\\/]/.test(i)),
      [],
    );
    assert.strictEqual(built.text.match(/require\("vscode"\)/g)?.length, 1);
    // `import vscode = require('vscode')` everywhere (esbuild.js, vscodeApiOnce): an ES import would
    // bring in the module that copies the API.
    const api = built.inputs.filter((i) => i.startsWith('vscode-api:'));
    assert.deepStrictEqual(api, ['vscode-api:require'], 'the vscode API module(s) of dist/extension.js');
  });
});

// Modules that keep state for the whole extension exist once, in dist/extension.js, where the views are
// made; a lazy bundle gets them through its deps. A copy in dist/commands.js would start empty and
// quietly do less (revealRow would know no view's reads, and reveal without waiting for them).
describe('bundles: state that lives once', function () {
  this.timeout(60_000);
  it('dist/commands.js holds no copy of src/tree/revealRow.ts (CommandDeps.reveal is the one in dist/extension.js)', async () => {
    const config = configs.find((c) => c.outfile === 'dist/commands.js');
    assert.ok(config, 'esbuild.js builds no dist/commands.js');
    const { inputs } = await bundleInputs({ ...(config as esbuild.BuildOptions), plugins: [vscodeApiOnce] });
    assert.ok(!inputs.includes('src/tree/revealRow.ts'), 'dist/commands.js holds its own src/tree/revealRow.ts');
    assert.ok((await extensionInputs()).inputs.includes('src/tree/revealRow.ts'), 'dist/extension.js holds src/tree/revealRow.ts');
  });
});
