// The emulator serves loopback clients only: the check it applies to every connection's address.
import * as assert from 'assert';
import { isLoopback, isLoopbackHost } from '../../emulator/security';

describe('security: emulator loopback check', () => {
  it('accepts the loopback addresses a local client can have', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::ffff:127.0.0.53']) assert.strictEqual(isLoopback(a), true, a);
  });

  it('refuses every other address, and a missing one', () => {
    const others = [
      '192.0.2.2', '10.0.0.1', '172.16.0.1', '169.254.1.1', '0.0.0.0', '255.255.255.255', '128.0.0.1', '12.7.0.0.1',
      '::', '::2', 'fe80::1', '2001:db8::1', '::ffff:10.0.0.1', '::ffff:192.0.2.2', '::ffff:7f00:1', '1:127.0.0.1', '',
    ];
    for (const a of others) assert.strictEqual(isLoopback(a), false, a);
    assert.strictEqual(isLoopback(undefined), false);
  });

  it('takes a Host header for loopback only when it names 127.0.0.1, localhost or [::1]', () => {
    for (const h of ['127.0.0.1', '127.0.0.1:8080', 'localhost', 'LOCALHOST:1', '[::1]', '[::1]:443']) assert.strictEqual(isLoopbackHost(h), true, h);
    const others = ['evil.example', 'evil.example:8080', '127.0.0.1.evil.example', 'localhost.evil.example:80', 'evil.example#127.0.0.1', '127.0.0.2', '', undefined];
    for (const h of others) assert.strictEqual(isLoopbackHost(h), false, String(h));
  });
});
