// What dist/extension.js (loaded at activation) must not hold: the code of the bundles loaded lazily
// (dist/explorer.js, dist/commands.js, dist/details.js, dist/live.js: its externals; dist/aws.js and
// dist/describeError.js, which dist/explorer.js loads; dist/export.js, which the commands load).
// A value import from activation's modules into one of them would copy it back into dist/extension.js
// and still work, only slower to activate: this fails instead. Built in memory, as esbuild.js builds it.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
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

  it('loads dist/commands.js, dist/details.js, dist/explorer.js and dist/live.js lazily, and dist/explorer.js loads dist/aws.js and dist/describeError.js, each built from its own entry', async () => {
    assert.deepStrictEqual([...lazy].sort(), ['./commands.js', './details.js', './explorer.js', './live.js']);
    const explorer = await bundleOf('dist/explorer.js');
    for (const [bundle, text, files] of [
      ['dist/extension.js', built.text, lazy],
      ['dist/explorer.js', explorer.text, ['./aws.js', './describeError.js']],
    ] as const) {
      for (const file of files) {
        const config = configs.find((c) => c.outfile === path.posix.join('dist', file));
        assert.ok(config, `esbuild.js builds no dist/${file.slice(2)}`);
        assert.match(text, new RegExp(`require\\("${file.replace(/[.]/g, '\\.')}"\\)`), `${bundle} never requires ${file}`);
      }
    }
  });

  it('holds none of the lazy bundles’ entries, and of the commands only their registration, wrapper and confirmation', () => {
    for (const file of [...lazy, './aws.js', './describeError.js', './export.js']) {
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
      // The explorer's working parts (dist/explorer.js): made on the view's first call.
      'src/model/explorerModel.ts',
      'src/model/poolSessions.ts',
      'src/tree/explorerView.ts',
      'src/tree/labels.ts',
      'src/tree/revealRow.ts',
      'src/aws/lazyGateway.ts',
      'src/aws/configFiles.ts',
      'src/aws/configWatcher.ts',
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

/** The modules of one of esbuild.js's bundles, built in memory. */
async function bundleOf(outfile: string): Promise<{ inputs: string[]; text: string }> {
  const config = configs.find((c) => c.outfile === outfile);
  assert.ok(config, `esbuild.js builds no ${outfile}`);
  return bundleInputs({ ...(config as esbuild.BuildOptions), plugins: [vscodeApiOnce] });
}

// Modules that keep state for the whole extension exist once, in one bundle; the others get them
// through their deps. A copy would start empty and quietly do less: revealRow would know no view's
// reads (and reveal without waiting for them), isAwsLoaded() would say no, a second log would open a
// second output channel.
describe('bundles: state that lives once', function () {
  this.timeout(60_000);
  const holders = async (module: string) => {
    const held: string[] = [];
    for (const outfile of ['dist/extension.js', 'dist/explorer.js', 'dist/commands.js', 'dist/live.js', 'dist/details.js']) {
      if ((await bundleOf(outfile)).inputs.includes(module)) held.push(outfile);
    }
    return held;
  };
  it('src/tree/revealRow.ts and src/aws/lazyGateway.ts are in dist/explorer.js only (CommandDeps.reveal and .gateway are those)', async () => {
    assert.deepStrictEqual(await holders('src/tree/revealRow.ts'), ['dist/explorer.js']);
    assert.deepStrictEqual(await holders('src/aws/lazyGateway.ts'), ['dist/explorer.js']);
  });
  it('src/log.ts (the output channel) is in dist/extension.js only', async () => {
    assert.deepStrictEqual(await holders('src/log.ts'), ['dist/extension.js']);
  });
});

// .vscodeignore is an allow-list (the package ships only what it names): a bundle it does not name is
// missing from the .vsix, and the extension fails only when that bundle is first needed.
describe('bundles: in the package', () => {
  it('.vscodeignore ships every bundle esbuild.js builds', () => {
    const shipped = fs
      .readFileSync(path.join(REPO, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).trim());
    const missing = configs.map((c) => c.outfile).filter((file) => !shipped.includes(file));
    assert.deepStrictEqual(missing, [], 'bundles .vscodeignore leaves out of the .vsix');
  });
});
