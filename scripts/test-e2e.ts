// `npm run test:e2e [-- mocha args]`: the UI tests (test/e2e/**/*.e2e.ts) in Chromium against the real
// workbench with the packaged extension. Screenshots: test-results/screenshots/<minimum|newest>/. Prints mocha's output,
// then `N pending` and `N passed, N failed`; exits non-zero on failure, and when no test passed (a grep
// that matches nothing is a mistake, not a green run). test/e2e/.mocharc.json forbids `.only`.
// WSP_CODE_SERVER picks the VS Code (harness/codeServer.ts). WSP_E2E_ORDER=reverse|shuffle[:seed] runs
// the tests in another order (test/e2e/support/order.ts); WSP_E2E_ORDER=alone runs each test by itself:
// one mocha run, with its own workbench, per test (slow: a workbench start per test).
import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { REPO } from '../harness/runDir';
import { ensureHarness, packageExtension } from '../harness/session';

const MOCHA = path.join(REPO, 'node_modules', '.bin', 'mocha');

interface Counts {
  passing: number;
  failing: number;
  pending: number;
  sawSummary: boolean;
  code: number;
}

/** The mocha run in progress: SIGTERM is passed on to it. */
let current: ReturnType<typeof spawn> | undefined;
process.on('SIGTERM', () => current?.kill('SIGTERM'));

function runMocha(args: string[], env: NodeJS.ProcessEnv): Promise<Counts> {
  const mocha = spawn(MOCHA, ['--config', 'test/e2e/.mocharc.json', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env, TSX_DISABLE_CACHE: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const counts: Counts = { passing: 0, failing: 0, pending: 0, sawSummary: false, code: 1 };
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
        counts.pending = Number(m[1]);
        continue;
      }
      counts.sawSummary = true;
      if (m[2] === 'passing') counts.passing = Number(m[1]);
      else counts.failing = Number(m[1]);
    }
  });
  current = mocha;
  return new Promise((resolve) => {
    mocha.on('exit', (code) => {
      if (!counts.sawSummary) counts.failing = Math.max(counts.failing, 1);
      counts.code = code ?? 1;
      resolve(counts);
    });
  });
}

/** Every UI test's full title, from a dry run (no workbench: mocha runs no hook in a dry run). */
function listTests(args: string[]): string[] {
  const r = spawnSync(MOCHA, ['--config', 'test/e2e/.mocharc.json', '--dry-run', '--reporter', 'json', ...args], {
    cwd: REPO,
    env: { ...process.env, TSX_DISABLE_CACHE: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`listing the UI tests failed:\n${r.stderr}`);
  const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { tests: { fullTitle: string }[] };
  return report.tests.map((t) => t.fullTitle);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function main(): Promise<void> {
  ensureHarness();
  const t0 = Date.now();
  // Given (npm test packages once for both VS Code versions, whose UI phases run at the same time:
  // two packagings at once would write the same dist/ files under each other).
  const given = process.env.WSP_E2E_VSIX;
  const vsix = given ?? packageExtension();
  console.log(given ? `[harness] package ${path.relative(REPO, vsix)} (given)` : `[harness] packaged ${path.relative(REPO, vsix)} in ${Date.now() - t0} ms`);
  // Ctrl+C reaches mocha too (same process group): it stops the workbench, then we report.
  process.on('SIGINT', () => undefined);
  const args = process.argv.slice(2);
  const env = { WSP_E2E_VSIX: vsix };
  let total: Counts;
  if (process.env.WSP_E2E_ORDER === 'alone') {
    const titles = listTests(args);
    total = { passing: 0, failing: 0, pending: 0, sawSummary: true, code: 0 };
    const failed: string[] = [];
    for (const [i, title] of titles.entries()) {
      console.log(`\n[e2e] alone ${i + 1}/${titles.length}: ${title}`);
      const started = Date.now();
      const one = await runMocha([...args, '--grep', `^${escapeRegExp(title)}$`], { ...env, WSP_E2E_ORDER: 'file' });
      console.log(`[e2e] alone ${i + 1}/${titles.length}: ${one.code === 0 && one.failing === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      total.passing += one.passing;
      total.failing += one.failing;
      total.pending += one.pending;
      if (one.code !== 0 || one.failing > 0) {
        total.code = 1;
        failed.push(title);
      }
    }
    console.log(`\n[e2e] ${titles.length} tests run alone, ${failed.length} failed${failed.map((t) => `\n  FAILED ${t}`).join('')}`);
  } else {
    total = await runMocha(args, env);
  }
  if (total.passing === 0 && total.failing === 0) {
    console.error('no UI test passed: the run ran no test');
    total.failing = 1;
  }
  console.log(`${total.pending} pending`);
  console.log(`${total.passing} passed, ${total.failing} failed`);
  process.exit(total.code === 0 && total.failing === 0 ? 0 : total.code || 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
