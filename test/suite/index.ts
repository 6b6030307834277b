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
    // A `.only` left in a file would run that test alone, and the run would still end green.
    forbidOnly: true,
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
      const passed = runner.stats?.passes ?? 0;
      // The runner (harness/suite.ts) reads this line and reprints its counts as the last lines of its output.
      console.log(`${passed} passed, ${runner.stats?.failures ?? failures} failed, ${runner.stats?.pending ?? 0} pending`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      // A grep that matches nothing, or a suite whose files did not load their tests, is no green run.
      else if (passed === 0) reject(new Error('no extension-host test passed: the suite ran no test'));
      else resolve();
    });
  });
}
