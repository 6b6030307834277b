// `npm test`: every check in order, stopping at the first failure; prints each phase's time and, last,
// the tests passed and failed over all phases (`N passed, N failed`). Exit code non-zero on failure.
const { spawn } = require('child_process');
const path = require('path');

const REPO = path.resolve(__dirname, '..');

/**
 * counts: how the phase's output gives its test counts. 'mocha': the spec reporter's "N passing" /
 * "N failing"; 'summary': the harness runners' closing "N passed, N failed" line; undefined: no tests
 * (a failure of such a phase counts as one failed).
 */
const phases = [
  { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'] },
  { name: 'types', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  { name: 'build', cmd: 'node', args: ['esbuild.js', '--tests'] },
  // --exit: a test that leaks a socket or a timer must not hang CI after mocha reported; run
  // `npm run test:unit` (no --exit) to find such a leak.
  { name: 'unit + integration', cmd: 'npx', args: ['mocha', '--config', '.mocharc.json', '--exit'], counts: 'mocha' },
  { name: 'harness setup', cmd: 'bash', args: ['harness/setup.sh'] },
  { name: 'extension host (code-server)', cmd: 'npm', args: ['run', '-s', 'test:vscode'], counts: 'summary' },
  { name: 'UI (Chromium)', cmd: 'npm', args: ['run', '-s', 'test:e2e'], counts: 'summary' },
];

function runPhase(phase) {
  return new Promise((resolve) => {
    const child = spawn(phase.cmd, phase.args, { cwd: REPO, stdio: ['inherit', 'pipe', 'inherit'] });
    let pending = '';
    const seen = { passing: undefined, failing: undefined, summary: undefined };
    const scan = (line) => {
      const mocha = /^\s+(\d+) (passing|failing)\b/.exec(line);
      if (mocha) seen[mocha[2]] = Number(mocha[1]);
      const summary = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
      if (summary) seen.summary = { passed: Number(summary[1]), failed: Number(summary[2]) };
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop();
      lines.forEach(scan);
    });
    child.on('error', (error) => {
      console.error(`${phase.cmd}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      scan(pending);
      let passed = 0;
      let failed = 0;
      if (phase.counts === 'mocha') {
        passed = seen.passing ?? 0;
        failed = seen.failing ?? 0;
      } else if (phase.counts === 'summary' && seen.summary) {
        ({ passed, failed } = seen.summary);
      }
      const ok = code === 0;
      if (!ok && failed === 0) failed = 1; // a failure that reported no count (a crash, a lint error)
      resolve({ ok, code: code ?? (signal ? 1 : 1), passed, failed, counted: phase.counts !== undefined });
    });
  });
}

async function main() {
  // Ctrl+C reaches the running phase too (same process group): it cleans up, then we report.
  process.on('SIGINT', () => undefined);
  const results = [];
  const t0 = Date.now();
  for (const phase of phases) {
    const start = Date.now();
    console.log(`\n=== ${phase.name}`);
    const result = await runPhase(phase);
    result.seconds = (Date.now() - start) / 1000;
    results.push({ phase, ...result });
    console.log(`=== ${phase.name}: ${result.ok ? 'ok' : 'FAILED'} in ${result.seconds.toFixed(1)} s`);
    if (!result.ok) break;
  }
  console.log('\n=== summary');
  for (const phase of phases) {
    const r = results.find((x) => x.phase === phase);
    if (!r) {
      console.log(`  ${phase.name.padEnd(30)} not run`);
      continue;
    }
    const counts = r.counted || !r.ok ? `  ${r.passed} passed, ${r.failed} failed` : '';
    console.log(`  ${phase.name.padEnd(30)} ${(r.ok ? 'ok' : 'FAILED').padEnd(7)} ${r.seconds.toFixed(1).padStart(7)} s${counts}`);
  }
  console.log(`  ${'total'.padEnd(30)} ${''.padEnd(7)} ${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const failure = results.find((r) => !r.ok);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failure ? failure.code || 1 : 0);
}

main();
