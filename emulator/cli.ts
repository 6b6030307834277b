// `npm run emulator -- [--port N] [--scenario demo|PATH.json] [--latency-ms N] [--seed N]
//                      [--token-ttl-ms N] [--json-ready] [--exit-on-stdin-end]`
// Serves the emulator on 127.0.0.1 until SIGINT/SIGTERM/`quit` (or the end of stdin, if asked).
// Commands typed on stdin switch faults and show the log; `help` lists them.
import { fstatSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startEmulator, type Emulator } from './index';
import { writeAwsFiles } from './awsFiles';
import { runCommand } from './commands';
import { MAX_LATENCY_MS } from './faults';

function intOption(value: string | undefined, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    console.error(`--${name} must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

function stdinIsPipe(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        scenario: { type: 'string', default: 'demo' },
        'latency-ms': { type: 'string' },
        seed: { type: 'string' },
        'token-ttl-ms': { type: 'string' },
        'json-ready': { type: 'boolean', default: false },
        'exit-on-stdin-end': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(String((error as Error).message));
    process.exit(2);
  }
  if (args.help) {
    console.log('usage: npm run emulator -- [--port N] [--scenario demo|PATH.json] [--latency-ms N] [--seed N] [--token-ttl-ms N] [--json-ready] [--exit-on-stdin-end]');
    return;
  }
  let emulator: Emulator;
  try {
    emulator = await startEmulator({
      port: intOption(args.port, 'port'),
      scenario: args.scenario,
      latencyMs: intOption(args['latency-ms'], 'latency-ms', MAX_LATENCY_MS),
      seed: intOption(args.seed, 'seed'),
      tokenTtlMs: intOption(args['token-ttl-ms'], 'token-ttl-ms'),
    });
  } catch (error) {
    console.error(`emulator: ${(error as Error).message}`);
    process.exit(1);
  }
  const files = emulator.awsFiles();
  const written = writeAwsFiles(files, 'wsp-emulator-');
  const { configFile, credentialsFile } = written;

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    if (!args['json-ready']) console.log(`\nemulator: ${why}, stopping`);
    await emulator.stop();
    written.cleanup();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (args['json-ready']) {
    // One line for the process that started us; it owns our lifetime.
    console.log(JSON.stringify({ url: emulator.url, configFile, credentialsFile, accounts: emulator.accounts, regions: emulator.regions }));
  } else {
    console.log(`WorkSpaces Pools emulator listening on ${emulator.url}\n`);
    console.log('Accounts (access keys are valid for this emulator only):');
    for (const a of emulator.accounts) {
      console.log(`  ${a.profileName.padEnd(18)} ${a.accountId}  ${a.accessKeyId}  ${a.secretAccessKey}`);
    }
    console.log(`\nRegions with data: ${emulator.regions.join(', ')}`);
    console.log(`\n# ${configFile}\n${files.config}`);
    console.log(`# ${credentialsFile}\n${files.credentials}`);
    console.log('Use them with:');
    console.log(`  export AWS_CONFIG_FILE=${configFile}`);
    console.log(`  export AWS_SHARED_CREDENTIALS_FILE=${credentialsFile}`);
    console.log(`  export WSP_EMULATOR_URL=${emulator.url}`);
    console.log(`  aws workspaces describe-workspaces-pools --profile ${emulator.accounts[0]?.profileName ?? 'PROFILE'}`);
    console.log('\nType `help` for commands (faults, log, ...). Ctrl+C stops.');
  }

  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => {
    const out = runCommand(emulator, line);
    if (out === 'quit') void stop('quit');
    else if (out) console.log(out);
  });
  // A parent that started us with --json-ready and a stdin pipe must not leave us behind when it
  // goes away (or closes the pipe). Not for stdin from /dev/null or a terminal, whose end means
  // nothing; --exit-on-stdin-end asks for it in any case.
  const exitOnEnd = args['exit-on-stdin-end'] || (args['json-ready'] && stdinIsPipe());
  rl.on('close', () => {
    if (exitOnEnd) void stop('end of stdin');
  });
}

void main();
