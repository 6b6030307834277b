// WholeViewChanges (src/tree/wholeViewChanges.ts) in plain Node: a whole-view change waits while the
// visible view has not read the one before, and is fired once that read comes; a hidden view holds
// nothing back; settled() resolves after the read of the last change.
import * as assert from 'assert';
import { WholeViewChanges, type ShownView } from '../../src/tree/wholeViewChanges';

class FakeView implements ShownView {
  visible = true;
  private listeners = new Set<(e: { visible: boolean }) => void>();
  onDidChangeVisibility(listener: (e: { visible: boolean }) => void) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  show(visible: boolean): void {
    this.visible = visible;
    for (const l of [...this.listeners]) l({ visible });
  }
}

/** Lets the promise callbacks run (the read counts once the root's children are there). */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('tree: whole-view changes wait for the view to read the one before', () => {
  let fired: number;
  let view: FakeView;
  let changes: WholeViewChanges;

  beforeEach(() => {
    fired = 0;
    view = new FakeView();
    changes = new WholeViewChanges(() => fired++);
    changes.attach(view);
  });

  it('fires the first change at once; the next ones wait for the read, then fire once', async () => {
    changes.changed();
    assert.strictEqual(fired, 1);
    changes.changed();
    changes.changed();
    assert.strictEqual(fired, 1, 'held while the view has not read the first');
    assert.ok(changes.pending);
    changes.rootRead(Promise.resolve([]));
    await turn();
    assert.strictEqual(fired, 2, 'one change for the two held: the next read shows both');
    assert.ok(changes.pending, 'that change is not read yet');
    changes.rootRead([]);
    await turn();
    assert.strictEqual(fired, 2);
    assert.ok(!changes.pending);
  });

  it('a read that began before a change does not count for it', async () => {
    changes.changed();
    let answer!: (rows: unknown[]) => void;
    changes.rootRead(new Promise((resolve) => (answer = resolve)));
    changes.changed();
    answer([]);
    await turn();
    assert.strictEqual(fired, 2, 'the held change is fired after the read of the first');
    assert.ok(changes.pending);
  });

  it('settled() resolves after the read of the last change, held ones included', async () => {
    changes.changed();
    changes.changed();
    let settled = false;
    void changes.settled().then(() => (settled = true));
    changes.rootRead([]);
    await turn();
    assert.strictEqual(settled, false, 'the held change was fired, not read');
    changes.rootRead([]);
    await turn();
    assert.strictEqual(settled, true);
    await changes.settled();
  });

  it('a hidden view holds nothing back, and hiding the view fires what was held', async () => {
    changes.changed();
    changes.changed();
    assert.strictEqual(fired, 1);
    view.show(false);
    assert.strictEqual(fired, 2, 'fired when the view hides: VS Code keeps it for when it shows');
    changes.changed();
    assert.strictEqual(fired, 3, 'not held while hidden');
  });

  it('a failed read counts as a read', async () => {
    changes.changed();
    changes.changed();
    changes.rootRead(Promise.reject(new Error('no profiles')));
    await turn();
    assert.strictEqual(fired, 2);
  });
});
