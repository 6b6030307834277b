// `npm run demo`: the extension in a real VS Code (code-server) against the emulator's demo data.
// On a fresh clone it first installs what is missing (npm ci, the harness), then hands over to
// scripts/demo.ts. Ctrl+C stops everything and removes the run folder. Never touches ~/.aws.
// Options: --port N (code-server's port; default: a free one), --scenario demo|PATH.json.
const { spawnSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..');

function step(what, cmd, args) {
  console.log(`[demo] ${what}`);
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[demo] ${what} failed`);
    process.exit(r.status ?? 1);
  }
}

if (!fs.existsSync(path.join(REPO, 'node_modules', '.bin', 'tsx'))) step('npm ci', 'npm', ['ci', '--no-audit', '--no-fund']);
step('harness setup', 'bash', [path.join(REPO, 'harness', 'setup.sh')]);
// `node --import tsx` rather than the tsx command, which keeps an IPC socket in the system temp folder.
const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'demo.ts'), ...process.argv.slice(2)], {
  cwd: REPO,
  stdio: 'inherit',
  env: { ...process.env, TSX_DISABLE_CACHE: '1' },
});
// Ctrl+C reaches the demo too (same process group): it stops everything, then we exit with it.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
