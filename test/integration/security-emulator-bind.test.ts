// The emulator listens on 127.0.0.1 only: what the kernel says about its listening socket, and what a
// client gets when it comes through any other address of this machine. (The per-request address check
// behind it is test/unit/security-loopback.test.ts.)
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { startEmulator, type Emulator } from '../../emulator/index';

/** Local addresses (hex, as the kernel prints them) of the sockets listening on `port`. */
function listeners(port: number): { file: string; local: string }[] {
  const out: { file: string; local: string }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4) continue;
      const [local, , state] = [cols[1], cols[2], cols[3]];
      const [addr, hexPort] = local.split(':');
      if (state === '0A' /* LISTEN */ && parseInt(hexPort, 16) === port) out.push({ file: path.basename(file), local: addr });
    }
  }
  return out;
}

function connect(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(5000);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

function otherAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && !i.internal && (i.family === 'IPv4' || !i.address.startsWith('fe80')))
    .map((i) => i.address);
}

describe('security: the emulator binds loopback only', () => {
  let emulator: Emulator;
  let port: number;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    port = Number(new URL(emulator.url).port);
  });

  after(async () => {
    await emulator.stop();
  });

  it('listens on 127.0.0.1 and nothing else (the kernel\'s socket table)', function () {
    if (process.platform !== 'linux') this.skip();
    assert.strictEqual(new URL(emulator.url).hostname, '127.0.0.1');
    // 0100007F is 127.0.0.1 in /proc/net/tcp's little-endian hex.
    assert.deepStrictEqual(listeners(port), [{ file: 'tcp', local: '0100007F' }]);
  });

  it('answers on 127.0.0.1 and refuses connections through every other address of this machine', async function () {
    assert.strictEqual(await connect('127.0.0.1', port), 'connected');
    const response = await fetch(`${emulator.url}/_emulator/health`);
    assert.strictEqual(response.status, 200);
    const others = otherAddresses();
    // A machine with no other interface has nothing to refuse; the socket table test above still holds.
    if (others.length === 0) this.skip();
    for (const address of others) assert.strictEqual(await connect(address, port), 'ECONNREFUSED', `through ${address}`);
  });

  it('has no option to listen elsewhere: the CLI rejects --host', () => {
    const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const cli = path.join(__dirname, '..', '..', 'emulator', 'cli.ts');
    const r = spawnSync(tsx, [cli, '--host', '0.0.0.0', '--port', '0', '--json-ready'], { input: '', encoding: 'utf8', timeout: 60_000 });
    assert.notStrictEqual(r.status, 0, `the CLI accepted --host: ${r.stdout}`);
    assert.doesNotMatch(r.stdout, /"url"/, 'the CLI started serving');
  });
});
