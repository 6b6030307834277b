// `npm test`: every check (in lanes side by side, see `lanes`), starting no phase after the first
// failure; prints each phase's time, its tests passed, failed and pending (skipped), and, last, the
// tests passed and failed over all phases (`N passed, N failed`). Exit code non-zero on failure. A test
// phase that passed no test fails: a green run must have run the tests. The whole run only: it refuses
// to start narrowed (see NARROWING).
const { spawn } = require('child_process');
const path = require('path');

const REPO = path.resolve(__dirname, '..');

/**
 * Settings that run only part of the tests. `npm test` is the full check: a narrowed run that says
 * "N passed" would read as the whole suite passing. Narrow with the phase's own command instead.
 */
const NARROWING = ['WSP_SUITE_GREP', 'MOCHA_OPTIONS', 'WSP_CODE_SERVER', 'WSP_E2E_ORDER'];

const { name: PACKAGE_NAME, version: PACKAGE_VERSION } = require('../package.json');
/** The .vsix that `npm run package` writes: packaged once, installed by both versions' UI phases. */
const VSIX = path.join(REPO, 'dist-vsix', `${PACKAGE_NAME}-${PACKAGE_VERSION}.vsix`);

/**
 * The VS Code versions `npm test` proves (harness/codeServer.ts, CODE_SERVERS): the minimum the
 * extension declares and the newest code-server on npm.
 */
const VERSIONS = ['minimum', 'newest'];

/**
 * counts: how the phase's output gives its test counts. 'mocha': the spec reporter's "N passing" /
 * "N failing" / "N pending"; 'summary': the harness runners' closing "N pending" and "N passed, N failed"
 * lines; undefined: no tests (a failure of such a phase counts as one failed).
 */
const phase = {
  lint: { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'] },
  types: { name: 'types', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  // The .vsix first (a production build of dist/), then the test build (dist/ again, and out/): the
  // extension-host suite runs the extension from dist/, the UI tests install the .vsix.
  package: { name: 'package', cmd: 'npm', args: ['run', '-s', 'package'] },
  build: { name: 'build', cmd: 'node', args: ['esbuild.js', '--tests'] },
  // --exit: a test that leaks a socket or a timer must not hang CI after mocha reported; run
  // `npm run test:unit` (no --exit) to find such a leak.
  unit: { name: 'unit + integration', cmd: 'npx', args: ['mocha', '--config', '.mocharc.json', '--exit'], counts: 'mocha' },
  // Every version's code-server (the native modules of a cold install build from source: minutes).
  setup: { name: 'harness setup', cmd: 'bash', args: ['harness/setup.sh'] },
  extensionHost: (which) => ({ name: `extension host (${which})`, cmd: 'npm', args: ['run', '-s', 'test:vscode'], env: { WSP_CODE_SERVER: which, WSP_BUILT: '1' }, counts: 'summary' }),
  ui: (which) => ({ name: `UI (${which})`, cmd: 'npm', args: ['run', '-s', 'test:e2e'], env: { WSP_CODE_SERVER: which, WSP_E2E_VSIX: VSIX }, counts: 'summary' }),
};

/**
 * Lanes run side by side; a lane's phases run one after the other, and a lane waits for the lanes in
 * its `after`. The checks lane streams its output; every other phase's output is held and printed
 * whole when the phase ends.
 *
 * Why lanes: everything after the checks mostly waits (on the emulator's latency, the workbench's
 * round trips, the live view's ticks, the unit tests' real backoffs, a cold setup's downloads), so
 * it overlaps well on the 2-core machine. Each version's tests start as soon as that version is
 * installed (its own harness/setup.sh run waits only for that folder's lock), not when the slowest
 * version's cold install ends; its UI phase follows its extension-host phase. A fresh clone's
 * `.ci/run` (cold setup): 690.4 and 760.1 s of phases, 12.0 and 13.2 minutes with `npm ci`, against 796.6 s for the two
 * versions in groups (both extension hosts, then both UI phases, after the setup and the unit tests).
 */
const lanes = [
  { name: 'setup', phases: [phase.setup] },
  { name: 'checks', phases: [phase.lint, phase.types, phase.package, phase.build], streamed: true },
  { name: 'unit', after: ['checks'], phases: [phase.unit] },
  ...VERSIONS.map((which) => ({ name: which, after: ['checks'], phases: [phase.extensionHost(which), phase.ui(which)] })),
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
  let stopped = false; // a phase failed: no lane starts another phase (the running ones finish)
  const at = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const ended = new Map(); // lane name → promise of its end
  const runLane = async (lane) => {
    await Promise.all((lane.after ?? []).map((name) => ended.get(name)));
    for (const step of lane.phases) {
      if (stopped) return;
      console.log(`\n=== ${step.name}${lane.streamed ? '' : ` (started at ${at()}, beside other phases: output held until it ends)`}`);
      const result = await runPhase(step, !lane.streamed);
      if (!lane.streamed) {
        console.log(`\n=== ${step.name} (ended at ${at()})`);
        process.stdout.write(Buffer.concat(result.output.map((c) => Buffer.from(c))));
      }
      results.push({ phase: step, ...result });
      console.log(`=== ${step.name}: ${result.ok ? 'ok' : 'FAILED'} in ${result.seconds.toFixed(1)} s`);
      if (!result.ok) {
        stopped = true;
        return;
      }
    }
  };
  // Lanes are listed after the ones they wait for: each lane's promise exists before a later lane asks.
  for (const lane of lanes) ended.set(lane.name, runLane(lane));
  // Every lane ends, even after a failure: a setup cut off mid-install would leave half a node_modules behind.
  await Promise.all(ended.values());
  console.log('\n=== summary');
  for (const step of lanes.flatMap((lane) => lane.phases)) {
    const r = results.find((x) => x.phase === step);
    if (!r) {
      console.log(`  ${step.name.padEnd(30)} not run`);
      continue;
    }
    const counts = r.counted || !r.ok ? `  ${r.passed} passed, ${r.failed} failed${r.counted ? `, ${r.pending} pending` : ''}` : '';
    console.log(`  ${step.name.padEnd(30)} ${(r.ok ? 'ok' : 'FAILED').padEnd(7)} ${r.seconds.toFixed(1).padStart(7)} s${counts}`);
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
