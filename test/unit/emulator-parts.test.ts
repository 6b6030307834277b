// Small parts of the emulator: loopback check, fault specs and dice, the AWS
// files it writes, the request log's redaction and bound.
import { strict as assert } from 'node:assert';
import { awsFilesText } from '../../emulator/awsFiles';
import { visible } from '../../emulator/commands';
import { Faults, parseFaultSpec } from '../../emulator/faults';
import { isLoopback } from '../../emulator/security';
import { Random } from '../../emulator/random';
import { loggableParams, RequestLog, type RequestLogEntry } from '../../emulator/requestLog';

describe('emulator parts', () => {
  it('serves loopback addresses only', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopback(a), a);
    for (const a of [undefined, '', '10.0.0.1', '192.168.1.20', '::ffff:10.0.0.1', 'fe80::1', '::', '0.0.0.0', '128.0.0.1']) assert.ok(!isLoopback(a), String(a));
  });

  it('checks fault specs', () => {
    assert.deepEqual(parseFaultSpec({ throttleRate: 0.3, latencyMs: 200 }), { throttleRate: 0.3, latencyMs: 200 });
    assert.throws(() => parseFaultSpec({ throttleRate: 1.5 }), /between 0 and 1/);
    assert.throws(() => parseFaultSpec({ latencyMs: -1 }), /non-negative/);
    assert.throws(() => parseFaultSpec({ latencyMs: '5' }), /non-negative number/);
    assert.throws(() => parseFaultSpec({ latencyMs: 2 ** 31 }), /latencyMs must be a number of milliseconds from 0 to 3600000/);
    assert.throws(() => parseFaultSpec({ jitterMs: 3_600_001 }), /jitterMs must be/);
    assert.throws(() => parseFaultSpec({ chaos: 1 }), /unknown fault chaos/);
    assert.throws(() => parseFaultSpec([]), /must be an object/);
  });

  it('merges per-operation faults over "*" and rolls them at about their rates', () => {
    const faults = new Faults(new Random(9));
    faults.set('*', { latencyMs: 10, throttleRate: 0.5 });
    faults.set('Op', { throttleRate: 0 });
    assert.deepEqual(faults.effective('Op'), { latencyMs: 10, throttleRate: 0 });
    assert.deepEqual(faults.effective('Other'), { latencyMs: 10, throttleRate: 0.5 });
    const rolls = Array.from({ length: 2000 }, () => faults.roll(faults.effective('Other')).kind);
    const throttled = rolls.filter((k) => k === 'throttle').length;
    assert.ok(throttled > 850 && throttled < 1150, `${throttled} of 2000`);
    assert.ok(Array.from({ length: 200 }, () => faults.roll(faults.effective('Op')).kind).every((k) => k === 'none'));
    const d = Array.from({ length: 200 }, () => faults.delayMs({ latencyMs: 100, jitterMs: 50 }, 0));
    assert.ok(d.every((x) => x >= 100 && x < 150) && new Set(d).size > 100);
    assert.equal(faults.delayMs({}, 25), 25);
    faults.set('Op');
    assert.deepEqual(Object.keys(faults.list()), ['*']);
  });

  it('writes one profile per account pointing at the emulator', () => {
    const files = awsFilesText('http://127.0.0.1:1234', [
      { accountId: '111122223333', profileName: 'a', accessKeyId: 'AKIAA', secretAccessKey: 'sa', region: 'us-east-1' },
      { accountId: '444455556666', profileName: 'b', accessKeyId: 'AKIAB', secretAccessKey: 'sb', region: 'eu-west-1' },
    ]);
    assert.match(files.config, /\[profile a\]\nregion = us-east-1\nendpoint_url = http:\/\/127\.0\.0\.1:1234\n/);
    assert.match(files.config, /\[profile b\]\nregion = eu-west-1\nendpoint_url = http:\/\/127\.0\.0\.1:1234\n/);
    assert.match(files.credentials, /\[a\]\naws_access_key_id = AKIAA\naws_secret_access_key = sa\n/);
    assert.ok(!files.config.includes('AKIA'), 'no keys in the config file');
  });

  it('redacts NextTokens from logged parameters and keeps the log bounded', () => {
    assert.deepEqual(loggableParams({ PoolId: 'p', NextToken: 'secret-ish' }), { PoolId: 'p', NextToken: '(token)' });
    assert.deepEqual(loggableParams([1]), {});
    const log = new RequestLog(3);
    for (let i = 0; i < 5; i++) log.add({ seq: log.begin(), requestId: String(i) } as RequestLogEntry);
    assert.deepEqual(log.entries.map((e) => e.requestId), ['2', '3', '4']);
    assert.equal(log.dropped, 2);
    log.clear();
    assert.equal(log.entries.length, 0);
    assert.equal(log.next, 5, 'sequence numbers go on after a clear');
  });
});

describe('emulator CLI output', () => {
  it('shows bidi overrides and invisible characters as escapes', () => {
    assert.equal(visible('\u202Egnp.exe ad\u200Bmin \u200F x'), '\\u202egnp.exe ad\\u200bmin \\u200f x');
    assert.equal(visible('zoë 张伟 <img>'), 'zoë 张伟 <img>');
  });
});
