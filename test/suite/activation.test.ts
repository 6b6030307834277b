// Activation in the real extension host: how long it takes, and that it loads no SDK and sends no
// request. Runs first (test/suite/index.ts): only the window's first activation shows this.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { EmulatorClient, type ControlLogEntry } from '../support/emulatorClient';
import { EXTENSION_ID } from './extension';


/** What the suite uses of activate()'s return value (src/extension.ts). */
interface Api {
  isAwsLoaded(): boolean;
  provider: vscode.TreeDataProvider<unknown>;
}

async function emulatorLog(): Promise<ControlLogEntry[]> {
  const base = process.env.WSP_EMULATOR_URL;
  assert.ok(base, 'WSP_EMULATOR_URL is not set: the harness starts the emulator and sets it');
  // Requests in flight land first: an empty log must mean "none sent", not "none answered yet".
  return new EmulatorClient(base).log({ settle: true });
}

function awsBundleInModuleCache(): boolean {
  return Object.keys(require.cache).some((file) => /[\\/]dist[\\/]aws\.js$/.test(file));
}

/** Our lazily loaded bundles (esbuild.js: each loaded on first use) that are in the host's module cache. */
function lazyBundlesLoaded(extensionPath: string): string[] {
  const dist = path.join(extensionPath, 'dist') + path.sep;
  return Object.keys(require.cache)
    .filter((file) => file.startsWith(dist))
    .map((file) => path.basename(file))
    .filter((name) => ['aws.js', 'commands.js', 'describeError.js', 'details.js', 'explorer.js', 'export.js', 'live.js'].includes(name));
}

describe('activation', () => {
  let api: Api;

  it('activates without loading the AWS layer or sending a request', async () => {
    const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.strictEqual(extension.isActive, false, 'the extension was active before the suite activated it (an eager activation event?)');
    const t0 = performance.now();
    api = await extension.activate();
    const ms = performance.now() - t0;
    console.log(`    activation: ${ms.toFixed(1)} ms`);
    assert.strictEqual(api.isAwsLoaded(), false, 'activation loaded dist/aws.js');
    assert.strictEqual(awsBundleInModuleCache(), false, 'dist/aws.js is in the module cache after activation');
    // The tree's code (dist/explorer.js) loads on the view's first call, the commands' (dist/commands.js) on the first
    // command, the details page's host side on the first page.
    assert.deepStrictEqual(lazyBundlesLoaded(extension.extensionPath), [], 'lazily loaded bundles in the module cache after activation');
    assert.deepStrictEqual(await emulatorLog(), [], 'activation sent requests to the emulator');
  });

  it('sends no request while listing profiles, and the first on expanding a node', async () => {
    assert.ok(api, 'the extension did not activate');
    const profiles = (await api.provider.getChildren()) ?? [];
    assert.ok(profiles.length > 0, 'no profile in the tree: the harness wrote one per emulator account');
    assert.deepStrictEqual(await emulatorLog(), [], 'listing the profiles sent requests');
    // Expand the first node of each level until something asks the service (profile, then region).
    let level = profiles;
    for (let depth = 0; depth < 3 && (await emulatorLog()).length === 0 && level.length > 0; depth++) {
      level = (await api.provider.getChildren(level[0])) ?? [];
    }
    const operations = (await emulatorLog()).map((e) => e.operation);
    assert.ok(operations.includes('DescribeWorkspacesPools'), `expanding sent ${JSON.stringify(operations)}`);
  });
});
