// `npm run test:e2e [-- mocha args]`: the UI tests (test/e2e/**/*.e2e.ts) in Chromium against the real
// workbench with the packaged extension. Screenshots: test-results/screenshots/. Prints mocha's output,
// then `N pending` and `N passed, N failed`; exits non-zero on failure, and when no test passed (a grep
// that matches nothing is a mistake, not a green run). test/e2e/.mocharc.json forbids `.only`.
import { spawn } from 'child_process';
import * as path from 'path';
import { REPO } from '../harness/runDir';
import { ensureHarness, packageExtension } from '../harness/session';

function main(): void {
  ensureHarness();
  const t0 = Date.now();
  const vsix = packageExtension();
  console.log(`[harness] packaged ${path.relative(REPO, vsix)} in ${Date.now() - t0} ms`);
  const mocha = spawn(
    path.join(REPO, 'node_modules', '.bin', 'mocha'),
    ['--config', 'test/e2e/.mocharc.json', ...process.argv.slice(2)],
    {
      cwd: REPO,
      env: { ...process.env, WSP_E2E_VSIX: vsix, TSX_DISABLE_CACHE: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let passing = 0;
  let failing = 0;
  let pendingTests = 0;
  let sawSummary = false;
  let pending = '';
  mocha.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^\s+(\d+) (passing|failing|pending)\b/.exec(line);
      if (!m) continue;
      if (m[2] === 'pending') {
        pendingTests = Number(m[1]);
        continue;
      }
      sawSummary = true;
      if (m[2] === 'passing') passing = Number(m[1]);
      else failing = Number(m[1]);
    }
  });
  // Ctrl+C reaches mocha too (same process group): it stops the workbench, then we report.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => mocha.kill('SIGTERM'));
  mocha.on('exit', (code, signal) => {
    if (!sawSummary) failing = Math.max(failing, 1);
    if (passing === 0 && failing === 0) {
      console.error('no UI test passed: the run ran no test');
      failing = 1;
    }
    console.log(`${pendingTests} pending`);
    console.log(`${passing} passed, ${failing} failed`);
    process.exit(code === 0 && failing === 0 ? 0 : (code ?? (signal ? 1 : 1)) || 1);
  });
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
