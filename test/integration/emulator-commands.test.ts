// The lines the emulator CLI reads on stdin, run against an in-process emulator.
import { strict as assert } from 'node:assert';
import { HELP, runCommand } from '../../emulator/commands';
import { startEmulator, type Emulator } from '../../emulator/index';

describe('emulator CLI command lines', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ seed: 1 });
  });
  after(() => emulator.stop());

  it('switch faults, list them and turn them off', () => {
    assert.match(runCommand(emulator, 'fault DescribeWorkspacesPoolSessions throttle=0.3 latency=200'), /"throttleRate":0.3,"latencyMs":200/);
    assert.deepEqual(emulator.listFaults(), { DescribeWorkspacesPoolSessions: { throttleRate: 0.3, latencyMs: 200 } });
    runCommand(emulator, 'fault * error=0.1 drop=0.05 timeout=0.01 jitter=20');
    assert.deepEqual(emulator.listFaults()['*'], { serverErrorRate: 0.1, dropRate: 0.05, timeoutRate: 0.01, jitterMs: 20 });
    runCommand(emulator, 'fault DescribeWorkspacesPoolSessions off');
    assert.deepEqual(Object.keys(emulator.listFaults()), ['*']);
    assert.equal(runCommand(emulator, 'faults off'), 'faults: none');
    assert.deepEqual(emulator.listFaults(), {});
  });

  it('explain mistakes instead of failing', () => {
    assert.match(runCommand(emulator, 'fault DescribeWorkspacesPools throttle=lots'), /not a number/);
    assert.match(runCommand(emulator, 'fault DescribeWorkspacesPools throttle=3'), /error: .*between 0 and 1/);
    assert.match(runCommand(emulator, 'fault NoSuchOp throttle=0.1'), /error: unknown operation/);
    assert.match(runCommand(emulator, 'latency 4294967296'), /error: latency must be a number of milliseconds from 0 to 3600000/);
    assert.match(runCommand(emulator, 'fault * latency=4294967296'), /error: latencyMs must be/);
    assert.match(runCommand(emulator, 'frobnicate'), /unknown command frobnicate; type help/);
    assert.equal(runCommand(emulator, '   '), '');
    assert.equal(runCommand(emulator, 'help'), HELP);
    assert.equal(runCommand(emulator, 'quit'), 'quit');
  });

  it('change data and settings, print files and the log', () => {
    const [s] = emulator.sessions(emulator.accounts[0].accountId, 'us-east-1', 'wspool-analysts1');
    assert.equal(runCommand(emulator, `disconnect ${s.SessionId}`), `disconnected ${s.SessionId}`);
    assert.equal(emulator.sessions(emulator.accounts[0].accountId, 'us-east-1', 'wspool-analysts1')[0].ConnectionState, 'NOT_CONNECTED');
    assert.equal(runCommand(emulator, `end ${s.SessionId}`), `ended ${s.SessionId}`);
    assert.equal(runCommand(emulator, `end ${s.SessionId}`), `no session ${s.SessionId}`);
    assert.match(runCommand(emulator, 'files'), /\[profile acme-prod\][\s\S]*aws_access_key_id/);
    assert.equal(runCommand(emulator, 'log'), '(no requests)');
    assert.equal(runCommand(emulator, 'token-ttl 1000'), 'NextToken lifetime: 1000 ms');
    assert.equal(runCommand(emulator, 'latency 5'), 'latency: 5 ms');
  });
});

