// One folder per run under <repo>/.run/ holds everything the run writes: HOME, TMPDIR, XDG_*, VS Code's
// user data and extensions, the browser profile, the AWS files, the logs. Nothing goes to ~ or /tmp.
import * as fs from 'fs';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..');
export const HARNESS = __dirname;

export interface RunDir {
  readonly root: string;
  readonly home: string;
  readonly tmp: string;
  readonly userData: string;
  readonly extensions: string;
  /** The folder the workbench opens. */
  readonly workspace: string;
  readonly browserProfile: string;
  /** The AWS config/credentials pair of the run. */
  readonly aws: string;
  readonly logs: string;
  /** The environment for every process of the run (see isolatedEnv). */
  readonly env: NodeJS.ProcessEnv;
  /** Deletes the folder. */
  remove(): void;
}

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * Unix socket paths may not exceed 107 bytes. The longest ones of a run are Chromium's
 * (TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket, 49 bytes past the run folder) and VS Code's
 * (XDG_RUNTIME_DIR/vscode-ipc-<uuid>.sock, 55 bytes past it).
 */
const MAX_ROOT_FOR_SOCKETS = 107 - 55;

/**
 * Creates .run/<timestamp>-<kind>-<pid>/. When the repository is so deep that socket paths in it would
 * be too long, the socket-holding folders (tmp, rt, ud) go to a short /tmp/wsp-XXXXXX instead, removed
 * with the run folder.
 */
export function createRunDir(kind: string): RunDir {
  pruneKeptRuns();
  const root = path.join(REPO, '.run', `${stamp()}-${kind}-${process.pid}`);
  fs.mkdirSync(root, { recursive: true });
  let sockets = root;
  if (root.length > MAX_ROOT_FOR_SOCKETS) {
    sockets = fs.mkdtempSync('/tmp/wsp-');
    fs.symlinkSync(sockets, path.join(root, 'sockets'));
    console.log(`[harness] the repository path is too long for Unix sockets: tmp, rt and ud are in ${sockets}`);
  }
  const dirs = {
    home: path.join(root, 'home'),
    tmp: path.join(sockets, 'tmp'),
    userData: path.join(sockets, 'ud'),
    extensions: path.join(root, 'exts'),
    workspace: path.join(root, 'ws'),
    browserProfile: path.join(root, 'browser'),
    aws: path.join(root, 'aws'),
    logs: path.join(root, 'logs'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const runtime = path.join(sockets, 'rt');
  fs.mkdirSync(runtime, { mode: 0o700 });
  fs.writeFileSync(path.join(dirs.workspace, 'README.md'), '# WorkSpaces Pools Explorer test workspace\n');
  return {
    root,
    ...dirs,
    env: isolatedEnv({ home: dirs.home, tmp: dirs.tmp, runtime }),
    remove: () => {
      if (sockets !== root) fs.rmSync(sockets, { recursive: true, force: true });
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Failed runs keep their folder for a look; only the newest few are kept. */
const KEPT_RUNS = 8;

function pruneKeptRuns(): void {
  const base = path.join(REPO, '.run');
  let names: string[];
  try {
    names = fs.readdirSync(base);
  } catch {
    return;
  }
  const runs = names.filter((n) => /^\d{8}-\d{6}-[\w-]+-\d+$/.test(n)).sort();
  for (const name of runs.slice(0, Math.max(0, runs.length - KEPT_RUNS))) {
    const pid = Number(name.slice(name.lastIndexOf('-') + 1));
    if (isAlive(pid)) continue; // a run in progress
    const sockets = path.join(base, name, 'sockets');
    if (fs.lstatSync(sockets, { throwIfNoEntry: false })?.isSymbolicLink()) {
      fs.rmSync(fs.readlinkSync(sockets), { recursive: true, force: true });
    }
    fs.rmSync(path.join(base, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The parent environment with HOME, TMPDIR and XDG_* moved into the run folder, and without anything
 * that would reach the user's own AWS setup or a surrounding VS Code: AWS_* variables (profile, keys,
 * config file paths) and VS Code's IPC variables are dropped. The harness sets AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE itself.
 */
function isolatedEnv(dirs: { home: string; tmp: string; runtime: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|VSCODE_|ELECTRON_)/.test(key) || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    TMP: dirs.tmp,
    TEMP: dirs.tmp,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    XDG_STATE_HOME: path.join(dirs.home, '.local', 'state'),
    XDG_RUNTIME_DIR: dirs.runtime,
    // No lookups in the public extension gallery (unreachable here, and not wanted in tests).
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
    // Belt and braces: the SDK would fall back to these files if the variables below were missing.
    AWS_CONFIG_FILE: path.join(dirs.home, '.aws', 'config-not-used'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dirs.home, '.aws', 'credentials-not-used'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // tsx (the emulator CLI, the e2e mocha) would otherwise keep a cache in the system temp folder.
    TSX_DISABLE_CACHE: '1',
  };
}
