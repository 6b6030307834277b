// A tree provider's whole-view changes (onDidChangeTreeData(undefined)), held back while the visible
// view has not read its root since the one before; what revealRow() waits for. Why: src/tree/revealRow.ts.
// No `vscode` import: test/unit/tree-wholeViewChanges.test.ts drives it in plain Node.

/** What is needed of the vscode.TreeView. */
export interface ShownView {
  readonly visible: boolean;
  onDidChangeVisibility(listener: (e: { visible: boolean }) => void): { dispose(): void };
}

/** A provider's whole-view changes, held back while the view has not read the one before (see above). */
export class WholeViewChanges {
  private fired = 0;
  private read = 0;
  private held = false;
  private view: ShownView | undefined;
  private readonly waiters = new Set<() => void>();

  /** `fire`: the provider's onDidChangeTreeData(undefined). */
  constructor(private readonly fire: () => void) {}

  /** The view the provider feeds (until then, nothing is held back). */
  attach(view: ShownView): { dispose(): void } {
    this.view = view;
    // A hidden view reads nothing, and VS Code keeps the refresh until it shows: nothing waits for it.
    return view.onDidChangeVisibility((e) => {
      if (!e.visible) this.release();
    });
  }

  /** The whole view changed. */
  changed(): void {
    if (this.read < this.fired && this.view?.visible) {
      this.held = true;
      return;
    }
    this.fired++;
    this.fire();
  }

  /** The workbench asks for the root's children (the provider's getChildren(undefined)): what it gets shows every change fired so far. */
  rootRead(children: PromiseLike<unknown> | unknown): void {
    const upTo = this.fired;
    void Promise.resolve(children).then(
      () => this.reached(upTo),
      () => this.reached(upTo),
    );
  }

  /** Whether a whole-view change is held back or not read yet. */
  get pending(): boolean {
    return this.held || this.read < this.fired;
  }

  /** Resolves once the view has read its root after every whole-view change until now. */
  settled(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.pending) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  private reached(upTo: number): void {
    if (upTo > this.read) this.read = upTo;
    if (this.held && this.read >= this.fired) this.release();
    for (const check of [...this.waiters]) check();
  }

  private release(): void {
    if (!this.held) return;
    this.held = false;
    this.fired++;
    this.fire();
  }
}
