// The commands registered at activation, whose code (dist/commands.js) loads on the first command
// (src/commands/lazyCommands.ts). The real bundle is loaded by the extension-host suite; here a module
// stands in for it, to see when it is loaded and what happens when it cannot be.
import * as assert from 'assert';
import { COMMANDS, type CommandId } from '../../src/ids';
import type { CommandDeps } from '../../src/commands/index';
import { lazyCommands } from '../../src/commands/lazyCommands';

// What the lazy layer does with the deps is pass them on, untouched: any object tells whether it did.
const deps = { marker: 'deps' } as unknown as CommandDeps;

/** A stand-in for dist/commands.js whose handlers record their calls. */
function fakeBundle() {
  const calls: { id: CommandId; args: unknown[] }[] = [];
  const made: unknown[] = [];
  let loads = 0;
  const load = () => {
    loads++;
    return {
      commandHandlers: (given: CommandDeps) => {
        made.push(given);
        const ids = Object.values(COMMANDS);
        return Object.fromEntries(ids.map((id) => [id, (...args: unknown[]) => (calls.push({ id, args }), `ran ${id}`)])) as Record<CommandId, (...args: unknown[]) => unknown>;
      },
    };
  };
  return { load, calls, made, loads: () => loads };
}

describe('commands: loaded on the first command', () => {
  it('registers every command id without loading their code', () => {
    const bundle = fakeBundle();
    const handlers = lazyCommands(deps, { load: bundle.load, loadFailed: () => assert.fail('nothing failed') });
    assert.deepStrictEqual(
      handlers.map(([id]) => id),
      Object.values(COMMANDS),
    );
    assert.strictEqual(bundle.loads(), 0, 'registering loaded the commands');
  });

  it('loads the code on the first command, once, and runs each command with its arguments', async () => {
    const bundle = fakeBundle();
    const handlers = new Map(lazyCommands(deps, { load: bundle.load, loadFailed: () => assert.fail('nothing failed') }));
    assert.strictEqual(await handlers.get(COMMANDS.refreshPool)?.('row', 2), `ran ${COMMANDS.refreshPool}`);
    assert.strictEqual(await handlers.get(COMMANDS.exportSessions)?.(), `ran ${COMMANDS.exportSessions}`);
    assert.strictEqual(bundle.loads(), 1);
    assert.deepStrictEqual(bundle.made, [deps], 'the handlers are made once, with the deps given');
    assert.deepStrictEqual(bundle.calls, [
      { id: COMMANDS.refreshPool, args: ['row', 2] },
      { id: COMMANDS.exportSessions, args: [] },
    ]);
  });

  it('says which command did not run when the code does not load, and tries again on the next', async () => {
    const bundle = fakeBundle();
    let missing = true;
    const failures: { text: string; error: unknown }[] = [];
    const error = Object.assign(new Error("Cannot find module './commands.js'\nRequire stack:\n- /ext/dist/extension.js"), { code: 'MODULE_NOT_FOUND' });
    const load = () => {
      if (missing) throw error;
      return bundle.load();
    };
    const handlers = new Map(lazyCommands(deps, { load, loadFailed: (text, e) => failures.push({ text, error: e }) }));
    assert.strictEqual(await handlers.get(COMMANDS.refresh)?.(), undefined);
    assert.deepStrictEqual(failures, [
      {
        text: "The command workspacesPools.refresh did not run: the extension's commands (dist/commands.js) did not load: Cannot find module './commands.js'",
        error,
      },
    ]);
    assert.deepStrictEqual(bundle.calls, []);
    missing = false;
    assert.strictEqual(await handlers.get(COMMANDS.refresh)?.(), `ran ${COMMANDS.refresh}`);
    assert.strictEqual(failures.length, 1);
  });

  it('reports a command the loaded code has no handler for', async () => {
    const failures: string[] = [];
    const load = () => ({ commandHandlers: () => ({}) as Record<CommandId, () => unknown> });
    const handlers = new Map(lazyCommands(deps, { load, loadFailed: (text) => failures.push(text) }));
    assert.strictEqual(await handlers.get(COMMANDS.quickSearch)?.(), undefined);
    assert.deepStrictEqual(failures, [`The command ${COMMANDS.quickSearch} did not run: the extension's commands (dist/commands.js) did not load: it has no handler for ${COMMANDS.quickSearch}`]);
  });

  it('lets a command fail as itself once its code is loaded (the wrapper inside reports it)', async () => {
    const failures: string[] = [];
    const load = () => ({
      commandHandlers: () =>
        Object.fromEntries(Object.values(COMMANDS).map((id) => [id, () => Promise.reject(new Error(`${id} failed`))])) as Record<CommandId, () => unknown>,
    });
    const handlers = new Map(lazyCommands(deps, { load, loadFailed: (text) => failures.push(text) }));
    await assert.rejects(Promise.resolve(handlers.get(COMMANDS.startPool)?.()), /workspacesPools.startPool failed/);
    assert.deepStrictEqual(failures, [], 'a failing command is not a failed load');
  });
});
