// `npm test`: every check in order, stopping at the first failure; prints each phase's time, its tests
// passed, failed and pending (skipped), and, last, the tests passed and failed over all phases
// (`N passed, N failed`). Exit code non-zero on failure. A test phase that passed no test fails: a green
// run must have run the tests. The whole run only: it refuses to start narrowed (see NARROWING).
const { spawn } = require('child_process');
const path = require('path');

const REPO = path.resolve(__dirname, '..');

/**
 * Settings that run only part of the tests. `npm test` is the full check: a narrowed run that says
 * "N passed" would read as the whole suite passing. Narrow with the phase's own command instead.
 */
const NARROWING = ['WSP_SUITE_GREP', 'MOCHA_OPTIONS', 'WSP_CODE_SERVER', 'WSP_E2E_ORDER'];

/**
 * counts: how the phase's output gives its test counts. 'mocha': the spec reporter's "N passing" /
 * "N failing" / "N pending"; 'summary': the harness runners' closing "N pending" and "N passed, N failed"
 * lines; undefined: no tests (a failure of such a phase counts as one failed).
 */
const { name: PACKAGE_NAME, version: PACKAGE_VERSION } = require('../package.json');
/** The .vsix that `npm run package` writes: packaged once, installed by both versions' UI phases. */
const VSIX = path.join(REPO, 'dist-vsix', `${PACKAGE_NAME}-${PACKAGE_VERSION}.vsix`);

/**
 * The VS Code versions `npm test` proves (harness/codeServer.ts, CODE_SERVERS): the minimum the
 * extension declares. Both it and the newest fit in CI's 15 minutes only side by side (a fresh-clone
 * run with ['minimum', 'newest']: 796.6 s of phases, extension hosts 179 s together, UI 411 s
 * together), and there two UI tests of the newest failed under the load of the other version's UI
 * phase (a hover that did not show in 15 s, a palette that stayed hidden): until they hold,
 * `npm run test:newest` runs the newest's two phases.
 */
const VERSIONS = ['minimum'];

/**
 * The phases, in order. An array is a group: its phases run at the same time (each its own
 * code-server, emulator, browser and run folder, on free ports), their outputs held and printed one
 * after the other. Each version's suite mostly waits (on the emulator's latency, the workbench's
 * round trips, the live view's ticks), so two versions side by side take far less than one after
 * the other (quiet machine: extension hosts 163 s together against 112 + 114 s, UI 356 s against
 * 206 + 270 s); one after the other, both would take CI past its 15 minutes on the 2-core machine.
 */
const phases = [
  { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'] },
  { name: 'types', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  // The .vsix first (a production build of dist/), then the test build (dist/ again, and out/): the
  // extension-host suite runs the extension from dist/, the UI tests install the .vsix.
  { name: 'package', cmd: 'npm', args: ['run', '-s', 'package'] },
  { name: 'build', cmd: 'node', args: ['esbuild.js', '--tests'] },
  // --exit: a test that leaks a socket or a timer must not hang CI after mocha reported; run
  // `npm run test:unit` (no --exit) to find such a leak.
  { name: 'unit + integration', cmd: 'npx', args: ['mocha', '--config', '.mocharc.json', '--exit'], counts: 'mocha' },
  // early: starts with the first phase, its output held back until its turn. A cold setup (two
  // code-servers whose native modules build from source) mostly waits on downloads and the compiler,
  // and lint, types and the unit tests need none of it.
  { name: 'harness setup', cmd: 'bash', args: ['harness/setup.sh'], early: true },
  VERSIONS.map((which) => ({ name: `extension host (${which})`, cmd: 'npm', args: ['run', '-s', 'test:vscode'], env: { WSP_CODE_SERVER: which, WSP_BUILT: '1' }, counts: 'summary' })),
  VERSIONS.map((which) => ({ name: `UI (${which})`, cmd: 'npm', args: ['run', '-s', 'test:e2e'], env: { WSP_CODE_SERVER: which, WSP_E2E_VSIX: VSIX }, counts: 'summary' })),
];

/** Runs a phase; `held`: its output (stdout and stderr) is kept in `result.output` instead of printed. */
function runPhase(phase, held = false) {
  const started = Date.now();
  const output = [];
  const write = (chunk) => (held ? output.push(chunk) : process.stdout.write(chunk));
  return new Promise((resolve) => {
    const child = spawn(phase.cmd, phase.args, { cwd: REPO, env: { ...process.env, ...phase.env }, stdio: ['inherit', 'pipe', held ? 'pipe' : 'inherit'] });
    if (held) child.stderr.on('data', (chunk) => output.push(chunk));
    let pending = '';
    const seen = { passing: undefined, failing: undefined, pending: undefined, summary: undefined, summaryPending: undefined };
    const scan = (line) => {
      const mocha = /^\s+(\d+) (passing|failing|pending)\b/.exec(line);
      if (mocha) seen[mocha[2]] = Number(mocha[1]);
      // Unindented, unlike mocha's own "  N pending": the runner's line, printed just before its summary.
      const summaryPending = /^(\d+) pending$/.exec(line);
      if (summaryPending) seen.summaryPending = Number(summaryPending[1]);
      const summary = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
      if (summary) seen.summary = { passed: Number(summary[1]), failed: Number(summary[2]) };
    };
    child.stdout.on('data', (chunk) => {
      write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop();
      lines.forEach(scan);
    });
    child.on('error', (error) => {
      console.error(`${phase.cmd}: ${error.message}`);
    });
    child.on('close', (code) => {
      scan(pending);
      let passed = 0;
      let failed = 0;
      let pendingTests = 0;
      if (phase.counts === 'mocha') {
        passed = seen.passing ?? 0;
        failed = seen.failing ?? 0;
        pendingTests = seen.pending ?? 0;
      } else if (phase.counts === 'summary' && seen.summary) {
        ({ passed, failed } = seen.summary);
        pendingTests = seen.summaryPending ?? 0;
      }
      let ok = code === 0;
      if (ok && phase.counts !== undefined && passed === 0) {
        // Exit 0 with nothing run (a spec glob that matched no file, a grep, every test skipped).
        console.error(`${phase.name}: no test passed (${failed} failed, ${pendingTests} pending): the phase ran no test`);
        ok = false;
      }
      if (!ok && failed === 0) failed = 1; // a failure that reported no count (a crash, a lint error, no tests)
      resolve({ ok, code: ok ? 0 : code || 1, passed, failed, pending: pendingTests, counted: phase.counts !== undefined, seconds: (Date.now() - started) / 1000, output });
    });
  });
}

async function main() {
  // Ctrl+C reaches the running phase too (same process group): it cleans up, then we report.
  process.on('SIGINT', () => undefined);
  const narrowed = NARROWING.filter((name) => process.env[name] !== undefined);
  if (narrowed.length > 0 || process.argv.length > 2) {
    const what = [...narrowed.map((name) => `${name} is set`), ...(process.argv.length > 2 ? [`arguments ${process.argv.slice(2).join(' ')}`] : [])];
    console.error(`npm test runs every test and takes no filter (${what.join('; ')}).`);
    console.error('Unset it, or run one phase narrowed: npm run test:vscode, npm run test:e2e -- --grep ..., npx mocha --config .mocharc.json --grep ...');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const results = [];
  const t0 = Date.now();
  const all = phases.flat();
  const early = new Map(all.filter((p) => p.early).map((p) => [p, runPhase(p, true)]));
  const report = (phase, result, note = '') => {
    console.log(`\n=== ${phase.name}${note}`);
    for (const chunk of result.output) process.stdout.write(chunk);
    results.push({ phase, ...result });
    console.log(`=== ${phase.name}: ${result.ok ? 'ok' : 'FAILED'} in ${result.seconds.toFixed(1)} s`);
    return result.ok;
  };
  for (const entry of phases) {
    // A group of one is an ordinary phase: its output streams as it runs.
    const step = Array.isArray(entry) && entry.length === 1 ? entry[0] : entry;
    if (Array.isArray(step)) {
      const names = step.map((p) => p.name).join(', ');
      console.log(`\n=== at the same time: ${names}`);
      const started = Date.now();
      const outcomes = await Promise.all(step.map((p) => runPhase(p, true)));
      const oks = step.map((p, i) => report(p, outcomes[i], ' (output held while the group ran)'));
      console.log(`=== ${names}: ${((Date.now() - started) / 1000).toFixed(1)} s together`);
      if (oks.includes(false)) break;
      continue;
    }
    if (early.has(step)) {
      if (!report(step, await early.get(step), ' (started with the first phase)')) break;
      continue;
    }
    console.log(`\n=== ${step.name}`);
    const result = await runPhase(step);
    results.push({ phase: step, ...result });
    console.log(`=== ${step.name}: ${result.ok ? 'ok' : 'FAILED'} in ${result.seconds.toFixed(1)} s`);
    if (!result.ok) break;
  }
  // A phase failed before an early one's turn: let it finish (a setup cut off mid-install would leave
  // half a node_modules behind), without reporting it.
  await Promise.all(early.values());
  console.log('\n=== summary');
  for (const phase of all) {
    const r = results.find((x) => x.phase === phase);
    if (!r) {
      console.log(`  ${phase.name.padEnd(30)} not run`);
      continue;
    }
    const counts = r.counted || !r.ok ? `  ${r.passed} passed, ${r.failed} failed${r.counted ? `, ${r.pending} pending` : ''}` : '';
    console.log(`  ${phase.name.padEnd(30)} ${(r.ok ? 'ok' : 'FAILED').padEnd(7)} ${r.seconds.toFixed(1).padStart(7)} s${counts}`);
  }
  console.log(`  ${'total'.padEnd(30)} ${''.padEnd(7)} ${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const pending = results.reduce((n, r) => n + r.pending, 0);
  const failure = results.find((r) => !r.ok);
  console.log(`${pending} pending (skipped)`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failure ? failure.code : 0);
}

main();
