// The mocha entry of the extension-host suite: the standard `run()` that VS Code's extension host calls
// for --extensionTestsPath, whether launched by code-server (scripts/test-vscode.ts) or by
// @vscode/test-electron. Every test/suite/**/*.test.ts is bundled in: `virtual:suite-files` is made by
// esbuild.js from the folder's contents, so adding a test file is all it takes.
import Mocha from 'mocha';
import { suiteFiles } from 'virtual:suite-files';

/** Runs first: it measures activation, which only the first activation of the window shows. */
const FIRST = 'activation.test.ts';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.WSP_SUITE_TIMEOUT_MS ?? 30_000),
    grep: process.env.WSP_SUITE_GREP,
  });
  const files = [...suiteFiles].sort((a, b) => Number(b.file === FIRST) - Number(a.file === FIRST) || a.file.localeCompare(b.file));
  for (const { file, load } of files) {
    // What `mocha.loadFiles()` does for a file on disk, for a module inside this bundle.
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    mocha.suite.emit('require', load(), file, mocha);
    mocha.suite.emit('post-require', globalThis, file, mocha);
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The runner (harness/suite.ts) reads this line and reprints it as the last line of its output.
      console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
