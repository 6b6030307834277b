// What the filter input box accepts, and how a profile name reaches the terminal for `aws sso login`.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { shellQuote, validateUserId } from '../../src/commands/input';

describe('tree: user input', () => {
  it('accepts user ids of 2 to 128 characters and explains the others', () => {
    assert.strictEqual(validateUserId('al'), undefined);
    assert.strictEqual(validateUserId('x'.repeat(128)), undefined);
    assert.strictEqual(validateUserId(''), undefined, 'empty clears the filter');
    assert.match(validateUserId('a') ?? '', /at least 2 characters/);
    assert.match(validateUserId('x'.repeat(129)) ?? '', /at most 128 characters; this one has 129/);
    assert.strictEqual(validateUserId('  al  '), undefined, 'surrounding spaces are not counted');
  });

  it('quotes profile names so that the shell passes them through unchanged', () => {
    assert.strictEqual(shellQuote('acme-prod'), 'acme-prod');
    assert.strictEqual(shellQuote("it's", 'win32'), "'it''s'");
    for (const name of ["it's; rm -rf /", '$(whoami)', 'a b', '`id`', 'x"y']) {
      const echoed = execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(name, 'linux')}`], { encoding: 'utf8' });
      assert.strictEqual(echoed, name);
    }
  });
});
