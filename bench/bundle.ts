// Bundle sizes of the production build, built in memory (write: false) with the options of esbuild.js
// plus --production, so that the bench never overwrites dist/ under a test run going on in the same
// checkout. Also checks what each bundle must not hold: the SDK, the CSV library and the command table
// in dist/extension.js (activation must not load them), the SDK in dist/explorer.js.
import * as esbuild from 'esbuild';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { fmt, type Row } from './report';

const REPO = path.resolve(__dirname, '..');

interface Target {
  file: string;
  options: esbuild.BuildOptions;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { vscodeApiOnce, configs } = require('../esbuild.js') as { vscodeApiOnce: esbuild.Plugin; configs: (esbuild.BuildOptions & { outfile: string })[] };

/** Every bundle esbuild.js builds, with its options, minified; no plugin that writes (the codicons' copy). */
const TARGETS: Target[] = configs.map((config) => ({
  file: config.outfile,
  options: { ...config, minify: true, sourcemap: false, logLevel: 'silent', metafile: true, plugins: config.platform === 'browser' ? [] : [vscodeApiOnce] },
}));

export async function benchBundles(): Promise<Row[]> {
  const rows: Row[] = [];
  const sizes = new Map<string, number>();
  let aws = 0;
  for (const target of TARGETS) {
    const result = await esbuild.build({ ...target.options, absWorkingDir: REPO, outfile: path.join(REPO, target.file), write: false });
    const js = result.outputFiles.filter((f) => f.path.endsWith('.js'));
    const bytes = js.reduce((n, f) => n + f.contents.byteLength, 0);
    const gz = js.reduce((n, f) => n + gzipSync(f.contents).byteLength, 0);
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    const sdkInputs = inputs.filter((i) => /node_modules[\\/]@aws-sdk[\\/]/.test(i)).length;
    if (target.file === 'dist/aws.js') aws = bytes;
    const notes = [`${fmt.kib(gz)} gzipped`, `${inputs.length} modules`, `${sdkInputs} from @aws-sdk`];
    const row: Row = { section: 'Bundles (production)', figure: target.file, value: fmt.kib(bytes), note: notes.join(', ') };
    if (target.file === 'dist/extension.js' && sdkInputs > 0) {
      row.failed = true;
      row.note += ': the activation bundle must not hold the SDK';
    }
    // The tree lists profiles without the SDK: dist/explorer.js loads dist/aws.js on the first request.
    if (target.file === 'dist/explorer.js' && sdkInputs > 0) {
      row.failed = true;
      row.note += ': the explorer bundle must not hold the SDK (it loads dist/aws.js on the first request)';
    }
    // The API is asked for once, and not copied: an ES import of `vscode` would add the module that
    // copies the whole API object at load (see vscodeApiOnce in esbuild.js).
    const vscodeRequires = js.reduce((n, f) => n + (f.text.match(/require\("vscode"\)/g) ?? []).length, 0);
    if (target.file === 'dist/extension.js') {
      row.note += `, require("vscode") ×${vscodeRequires}`;
      if (vscodeRequires > 1) {
        row.failed = true;
        row.note += ': the activation bundle must take the vscode API once';
      }
      if (inputs.includes('vscode-api:import')) {
        row.failed = true;
        row.note += ': an ES import of vscode copies the API at activation (import vscode = require(\'vscode\'))';
      }
    }
    // The export writer's CSV library is loaded on the first export (dist/export.js), not at activation.
    const csvInputs = inputs.filter((i) => /node_modules[\\/]csv-stringify[\\/]/.test(i)).length;
    if (target.file === 'dist/extension.js' && csvInputs > 0) {
      row.failed = true;
      row.note += ': the activation bundle must not hold csv-stringify';
    }
    // The commands' code is loaded on the first command (dist/commands.js), not at activation.
    if (target.file === 'dist/extension.js' && inputs.includes('src/commands/index.ts')) {
      row.failed = true;
      row.note += ': the activation bundle must not hold the command table (dist/commands.js)';
    }
    rows.push(row);
    sizes.set(target.file, bytes);
  }
  const ext = rows.find((r) => r.figure === 'dist/extension.js');
  if (ext && aws > 0) {
    // What activation loads against what the first expand loads.
    ext.baseline = `dist/aws.js ${fmt.kib(aws)}`;
    ext.ratio = fmt.ratio(sizes.get('dist/extension.js') ?? 0, aws);
  }
  return rows;
}
