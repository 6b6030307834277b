// What the filter input box accepts.
import * as assert from 'assert';
import { validateUserId } from '../../src/commands/input';

describe('tree: user input', () => {
  it('accepts user ids of 2 to 128 characters and explains the others', () => {
    assert.strictEqual(validateUserId('al'), undefined);
    assert.strictEqual(validateUserId('x'.repeat(128)), undefined);
    assert.strictEqual(validateUserId(''), undefined, 'empty clears the filter');
    assert.match(validateUserId('a') ?? '', /at least 2 characters/);
    assert.match(validateUserId('x'.repeat(129)) ?? '', /at most 128 characters; this one has 129/);
    assert.strictEqual(validateUserId('  al  '), undefined, 'surrounding spaces are not counted');
  });
});
