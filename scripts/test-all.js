// `npm test`: every check in order; stops at the first failure. Phases are added as they land.
const { spawnSync } = require('child_process');

const phases = [
  ['lint', 'npx', ['eslint', '.']],
  ['types', 'npm', ['run', '-s', 'typecheck']],
  ['build', 'node', ['esbuild.js']],
  ['unit + integration', 'npx', ['mocha', '--config', '.mocharc.json']],
];

for (const [name, cmd, args] of phases) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
