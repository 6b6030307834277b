// The command table against package.json, in the real extension host: every contributed command
// is registered, every registered one is contributed, each has a category, tree-only commands are
// hidden from the palette, and every menu entry names a contributed command.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extension as extensionUnderTest } from './extension';

const TREE_ONLY = ['workspacesPools.loadMore', 'workspacesPools.retry'];

interface Contributes {
  commands: { command: string; title: string; category?: string }[];
  menus: Record<string, { command: string; when?: string }[]>;
}

describe('commands', () => {
  let contributes: Contributes;

  before(async () => {
    const extension = extensionUnderTest();
    await extension.activate();
    contributes = extension.packageJSON.contributes as Contributes;
  });

  it('registers every contributed command and contributes every registered one', async () => {
    // VS Code registers `<viewId>.focus`, `.open`... for every view by itself.
    const viewCommand = /^workspacesPools\.(explorer|searchResults)\./;
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('workspacesPools.') && !viewCommand.test(c));
    const contributed = contributes.commands.map((c) => c.command);
    assert.deepStrictEqual(
      contributed.filter((c) => !registered.includes(c)),
      [],
      'contributed in package.json but not registered',
    );
    assert.deepStrictEqual(
      registered.filter((c) => !contributed.includes(c)),
      [],
      'registered but not contributed in package.json',
    );
  });

  it('gives every command a category and hides tree-only commands from the palette', () => {
    for (const c of contributes.commands) assert.strictEqual(c.category, 'WorkSpaces Pools', `${c.command} has no category`);
    const palette = contributes.menus.commandPalette ?? [];
    for (const id of TREE_ONLY) {
      assert.ok(palette.some((m) => m.command === id && m.when === 'false'), `${id} is shown in the palette`);
    }
    const known = new Set(contributes.commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(contributes.menus)) {
      for (const e of entries) assert.ok(known.has(e.command), `${menu} names ${e.command}, which is not contributed`);
    }
  });
});
