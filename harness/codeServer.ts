// The real VS Code: code-server 4.100.3 (VS Code 1.100.3) from harness/node_modules, run headless on a
// free loopback port with everything in the run folder.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { start, type Managed } from './processes';
import { HARNESS, type RunDir } from './runDir';

const ENTRY = path.join(HARNESS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly authority: string;
  readonly process: Managed;
  /** The workbench URL on the run's workspace folder, with an optional `payload` (development options). */
  workbenchUrl(payload?: [string, string][]): string;
}

/** User settings that keep the workbench quiet and deterministic. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

export function assertInstalled(): void {
  if (!fs.existsSync(ENTRY)) throw new Error('code-server is not installed: run `npm run harness:setup` first');
}

function baseArgs(run: RunDir): string[] {
  return [ENTRY, '--config', path.join(run.root, 'code-server.yaml'), '--user-data-dir', run.userData, '--extensions-dir', run.extensions];
}

/** Installs a .vsix into the run's extensions folder (the way a user installs the release). */
export function installExtension(run: RunDir, vsix: string): void {
  const r = spawnSync(process.execPath, [...baseArgs(run), '--install-extension', vsix], { env: run.env, encoding: 'utf8' });
  fs.appendFileSync(path.join(run.logs, 'install-extension.log'), `${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status}): ${r.stderr || r.stdout}`);
}

export async function startCodeServer(run: RunDir, extraEnv: NodeJS.ProcessEnv = {}, port = 0, timeoutMs = 60_000): Promise<CodeServer> {
  assertInstalled();
  const settingsDir = path.join(run.userData, 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  let onListening!: (url: string) => void;
  const listening = new Promise<string>((resolve) => (onListening = resolve));
  const logFile = path.join(run.logs, 'code-server.log');
  const proc = start(
    'code-server',
    process.execPath,
    [
      ...baseArgs(run),
      '--bind-addr',
      `127.0.0.1:${port}`, // 0: a free port, read back from the log line below
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    {
      cwd: run.workspace,
      env: { ...run.env, ...extraEnv },
      logFile,
      onLine(line) {
        const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m) onListening(m[1]);
      },
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    listening,
    proc.exited.then((code) => new Error(`code-server exited (${code}) before listening; see ${logFile}`)),
    new Promise<Error>((resolve) => {
      timer = setTimeout(() => resolve(new Error(`code-server did not listen within ${timeoutMs} ms; see ${logFile}`)), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome instanceof Error) {
    await proc.stop();
    throw outcome;
  }
  const url = outcome;
  const health = await fetch(`${url}/healthz`);
  if (!health.ok) throw new Error(`code-server /healthz answered ${health.status}`);
  const authority = new URL(url).host;
  return {
    url,
    authority,
    process: proc,
    workbenchUrl(payload) {
      let u = `${url}/?folder=${encodeURIComponent(run.workspace)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
  };
}

/** The `payload` that loads a development copy of the extension and, optionally, runs a test suite in its host. */
export function developmentPayload(server: CodeServer, extensionPath: string, testsPath?: string): [string, string][] {
  const payload: [string, string][] = [['extensionDevelopmentPath', `vscode-remote://${server.authority}${extensionPath}`]];
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${server.authority}${testsPath}`]);
  return payload;
}
