// One harness session: a run folder, the emulator, code-server pointed at it, optionally a browser.
// Used by the extension-host suite runner, the e2e root hooks and the demo.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser, type Browser } from './browser';
import { installExtension, selectedCodeServer, startCodeServer, type CodeServer } from './codeServer';
import { startEmulatorProcess, type RunningEmulator } from './emulator';
import { finish, onCleanup } from './processes';
import { createRunDir, HARNESS, REPO, type RunDir } from './runDir';

export interface Session {
  readonly run: RunDir;
  readonly emulator: RunningEmulator;
  readonly server: CodeServer;
  readonly browser?: Browser;
  /** Stops everything; removes the run folder unless `keepRun` (or WSP_KEEP_RUN=1). */
  end(options?: { keepRun?: boolean }): Promise<void>;
}

export interface SessionOptions {
  kind: string;
  scenario?: string;
  /** Installs this .vsix (or these) into the run's extensions folder before code-server starts. */
  vsix?: string | string[];
  browser?: boolean;
  /** code-server's port; 0 (the default) for a free one. */
  port?: number;
  /** Removes the run folder also when interrupted (the demo leaves nothing behind). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

function nodeVersion(node: string): string {
  return spawnSync(node, ['-v'], { encoding: 'utf8' }).stdout.trim();
}

/**
 * Runs harness/setup.sh for the code-server in use (a no-op when up to date; waits while another run
 * installs it, not for the other versions) and throws if it fails.
 */
export function ensureHarness(): void {
  const r = spawnSync('bash', [path.join(HARNESS, 'setup.sh'), selectedCodeServer().codeServer], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`harness setup failed (${r.status})`);
}

/** Builds the extension package and returns the .vsix path. */
export function packageExtension(): string {
  // logs-max=0: this inner npm writes no log file into ~/.npm.
  const r = spawnSync('npm', ['run', '-s', 'package'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, npm_config_logs_max: '0' } });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  const { name, version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(REPO, 'dist-vsix', `${name}-${version}.vsix`);
}

export async function startSession(options: SessionOptions): Promise<Session> {
  const log = options.log ?? ((line: string) => console.log(line));
  const run = createRunDir(options.kind);
  // This process's own temporary files (playwright's) go into the run folder too, while it lives:
  // a process that goes on after the session (the bench) must not make temporary files in a removed folder.
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = run.tmp;
  let keep = process.env.WSP_KEEP_RUN === '1';
  let removeOnEnd = options.ephemeral === true;
  onCleanup(() => {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    if (removeOnEnd && !keep) run.remove();
    else log(`[harness] run folder kept: ${run.root}`);
  });
  const t0 = Date.now();
  const emulator = await startEmulatorProcess(run, { scenario: options.scenario });
  log(`[harness] emulator ${emulator.url} (${Date.now() - t0} ms)`);
  for (const vsix of [options.vsix ?? []].flat()) installExtension(run, vsix);
  const t1 = Date.now();
  const server = await startCodeServer(run, emulator.env, options.port ?? 0);
  const { codeServer, vscode } = server.install;
  log(`[harness] code-server ${codeServer} (VS Code ${vscode}, Node ${nodeVersion(server.install.node)}) ${server.url} (${Date.now() - t1} ms), run folder ${path.relative(REPO, run.root)}`);
  let browser: Browser | undefined;
  if (options.browser) {
    browser = await launchBrowser(run);
    onCleanup(() => browser?.close());
  }
  return {
    run,
    emulator,
    server,
    browser,
    async end(endOptions = {}) {
      keep ||= endOptions.keepRun === true;
      removeOnEnd = true;
      await browser?.close();
      await finish();
    },
  };
}
