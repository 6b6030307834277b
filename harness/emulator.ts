// Starts the WorkSpaces Pools emulator CLI as a process of the run (its own group) and puts the AWS
// config/credentials pair whose profiles point at it into the run folder.
import * as fs from 'fs';
import * as path from 'path';
import type { EmulatorAccount } from '../emulator';
import { start, type Managed } from './processes';
import { REPO, type RunDir } from './runDir';

export interface RunningEmulator {
  readonly url: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly accounts: EmulatorAccount[];
  readonly process: Managed;
  /** The variables that point the AWS SDK (and the suite's control client) at this emulator. */
  readonly env: NodeJS.ProcessEnv;
}

interface ReadyLine {
  url: string;
  configFile: string;
  credentialsFile: string;
  accounts: EmulatorAccount[];
}

export async function startEmulatorProcess(
  run: RunDir,
  options: { scenario?: string; seed?: number; extraArgs?: string[]; timeoutMs?: number } = {},
): Promise<RunningEmulator> {
  const cli = process.env.WSP_EMULATOR_CLI ?? path.join(REPO, 'emulator', 'cli.ts');
  const args = [cli, '--port', '0', '--scenario', options.scenario ?? 'demo', '--json-ready'];
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  args.push(...(options.extraArgs ?? []));
  let onReady!: (line: ReadyLine) => void;
  const ready = new Promise<ReadyLine>((resolve) => (onReady = resolve));
  const logFile = path.join(run.logs, 'emulator.log');
  const proc = start('emulator', path.join(REPO, 'node_modules', '.bin', 'tsx'), args, {
    cwd: REPO,
    env: run.env,
    logFile,
    // With --json-ready the CLI stops when its stdin closes: it cannot outlive this process.
    stdinPipe: true,
    onLine(line) {
      if (!line.startsWith('{')) return;
      try {
        const parsed = JSON.parse(line) as Partial<ReadyLine>;
        if (typeof parsed.url === 'string') onReady(parsed as ReadyLine);
      } catch {
        // Not the ready line.
      }
    },
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready,
    proc.exited.then((code) => new Error(`the emulator exited (${code}) before it was ready; see ${logFile}`)),
    new Promise<Error>((resolve) => {
      timer = setTimeout(() => resolve(new Error(`the emulator was not ready after ${timeoutMs} ms; see ${logFile}`)), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome instanceof Error) {
    await proc.stop();
    throw outcome;
  }
  // The run's own copy of the pair, whatever folder the CLI wrote it to.
  const configFile = path.join(run.aws, 'config');
  const credentialsFile = path.join(run.aws, 'credentials');
  if (path.resolve(outcome.configFile) !== configFile) fs.copyFileSync(outcome.configFile, configFile);
  if (path.resolve(outcome.credentialsFile) !== credentialsFile) fs.copyFileSync(outcome.credentialsFile, credentialsFile);
  return {
    url: outcome.url,
    configFile,
    credentialsFile,
    accounts: outcome.accounts,
    process: proc,
    env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, WSP_EMULATOR_URL: outcome.url },
  };
}
