// Every process the harness starts (emulator, code-server, ...) runs in its own process group and is
// ended by group, so that children they spawn (file watchers, extension hosts, tsx's node) go too.
// Groups are ended on normal exit, on failure, and on SIGINT/SIGTERM/SIGHUP.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';

export interface Managed {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** Ends the process group: SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<Managed>();
let handlersInstalled = false;

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Everything the process prints is appended here. */
  logFile: string;
  /** Called with each line of stdout (the process's output is still logged). */
  onLine?: (line: string) => void;
  /** Gives the process a stdin pipe that closes when we exit (the emulator CLI stops then). */
  stdinPipe?: boolean;
}

export function start(name: string, command: string, args: readonly string[], options: StartOptions): Managed {
  installSignalHandlers();
  const log = fs.createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true, // its own process group, and Ctrl+C in the terminal reaches only us
    stdio: [options.stdinPipe ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    if (!options.onLine) return;
    pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      options.onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
  const exited = new Promise<number | string>((resolve) => {
    child.on('error', (e) => {
      log.write(`\n[harness] ${name} failed to start: ${e.message}\n`);
      resolve('spawn-error');
    });
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const managed: Managed = {
    name,
    child,
    exited,
    async stop(graceMs = 3000) {
      running.delete(managed);
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // The leader may exit before the rest of its group: make sure nothing of it is left.
      killGroup(child, 'SIGKILL');
      log.end();
    },
  };
  running.add(managed);
  void exited.then(() => {
    // Close the log when the process dies on its own; stop() may still run later and is harmless.
    if (!running.has(managed)) return;
    log.end();
  });
  return managed;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Stops every process still running, newest first (the browser before the server it talks to). */
export async function stopAll(): Promise<void> {
  for (const m of [...running].reverse()) await m.stop();
}

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];

/** Runs at the end, after the processes are stopped, also on SIGINT/SIGTERM. Newest first. */
export function onCleanup(fn: Cleanup): void {
  installSignalHandlers();
  cleanups.push(fn);
}

let finishing: Promise<void> | undefined;

/** True once finish() has begun: processes exiting from then on were asked to. */
export function isFinishing(): boolean {
  return finishing !== undefined;
}

/** Stops every process, then runs the cleanups. Safe to call more than once. */
export function finish(): Promise<void> {
  finishing ??= (async () => {
    await stopAll();
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error('[harness] cleanup failed:', e);
      }
    }
  })();
  return finishing;
}

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // The same Ctrl+C often arrives twice (from the terminal, and relayed by a wrapper such as tsx or
  // npm): the handler stays installed so that a repeat cannot kill us in the middle of cleaning up.
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals, code: number) => () => {
    if (signalled) return;
    signalled = true;
    console.error(`\n[harness] ${signal}: stopping everything`);
    void finish().finally(() => process.exit(code));
  };
  process.on('SIGINT', onSignal('SIGINT', 130));
  process.on('SIGTERM', onSignal('SIGTERM', 143));
  process.on('SIGHUP', onSignal('SIGHUP', 129));
  // Last resort when the process exits without finish() (an uncaught error, process.exit):
  // only synchronous calls work here, so kill what is left without waiting.
  process.on('exit', () => {
    for (const m of running) killGroup(m.child, 'SIGKILL');
  });
}
