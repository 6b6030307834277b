// The emulator serves loopback clients only: the check it applies to every connection's address.
import * as assert from 'assert';
import { isLoopback } from '../../emulator/security';

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
});
