// `npm run test:vscode`: the extension-host suite (test/suite) inside the real VS Code (code-server),
// against the emulator. Prints mocha's output, then `N pending` and `N passed, N failed`; exits non-zero
// on failure, and when no test passed (harness/suite.ts). `.only` is refused (test/suite/index.ts).
// `npm run test:electron` (--electron): the same suite through @vscode/test-electron, for machines that
// can download VS Code (these cannot: see harness/README.md).
import { spawnSync } from 'child_process';
import * as path from 'path';
import { finish } from '../harness/processes';
import { REPO } from '../harness/runDir';
import { ensureHarness, startSession } from '../harness/session';
import { runSuite } from '../harness/suite';

const TESTS = path.join(REPO, 'out', 'test', 'suite', 'index.js');
const TIMEOUT_MS = Number(process.env.WSP_SUITE_RUN_TIMEOUT_MS ?? 600_000);

function build(): void {
  const r = spawnSync(process.execPath, ['esbuild.js', '--tests'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('build failed');
}

async function codeServerSuite(): Promise<number> {
  ensureHarness();
  const session = await startSession({ kind: 'vscode', browser: true });
  const t0 = Date.now();
  let result;
  try {
    result = await runSuite(session.server, session.browser!, {
      extensionPath: REPO,
      testsPath: TESTS,
      timeoutMs: TIMEOUT_MS,
      verbose: process.env.VERBOSE === '1',
      consoleLog: path.join(session.run.logs, 'extension-host-console.log'),
    });
  } finally {
    await session.end({ keepRun: result === undefined || result.exitCode !== 0 });
  }
  console.log(`[harness] suite ran in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${result.pending} pending`);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  return result.exitCode;
}

async function electronSuite(): Promise<number> {
  // Loaded only here: it is not needed, and cannot work, on the code-server path.
  const { runTests } = await import('@vscode/test-electron');
  const { startEmulatorProcess } = await import('../harness/emulator');
  const { createRunDir } = await import('../harness/runDir');
  const run = createRunDir('electron');
  try {
    const emulator = await startEmulatorProcess(run);
    return await runTests({
      extensionDevelopmentPath: REPO,
      extensionTestsPath: TESTS,
      extensionTestsEnv: { ...run.env, ...emulator.env },
      launchArgs: [run.workspace, '--disable-extensions', `--user-data-dir=${run.userData}`, `--extensions-dir=${run.extensions}`],
    });
  } finally {
    await finish();
    run.remove();
  }
}

async function main(): Promise<number> {
  // WSP_BUILT=1: npm test built once before both VS Code versions' suites, which run at the same time
  // (two builds at once would write the same files under each other).
  if (process.env.WSP_BUILT !== '1') build();
  return process.argv.includes('--electron') ? electronSuite() : codeServerSuite();
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await finish();
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
