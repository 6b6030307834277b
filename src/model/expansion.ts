// Which rows the user expanded or collapsed, by their stable ids (itemIds.ts), remembered in
// globalState: VS Code keeps a tree's expansion only while the window lives, so after Reload Window,
// or when rows come back (a broken AWS file fixed), they would all be collapsed. No `vscode` import;
// the view feeds it the TreeView's expand/collapse events and asks it for each row's initial state.
import { STATE } from '../ids';
import type { StateStore } from './choices';
import type { Item } from './items';

/** Ids remembered at most; the oldest go first (rows of pools long gone must not pile up). */
const LIMIT = 1000;

export class Expansion {
  constructor(private readonly store: StateStore) {}

  /**
   * Whether a row that can expand starts expanded. A row the user expanded or collapsed keeps that;
   * a region row never seen (a region just added to an expanded profile, whose pools were shown
   * directly under it) follows its profile, so adding a region does not fold away what was open.
   */
  isExpanded(item: Item): boolean {
    const state = this.states();
    if (Object.hasOwn(state, item.id)) return state[item.id];
    return item.kind === 'region' && state[item.parent.id] === true;
  }

  /** Forgets every remembered row: rows then start collapsed, as in a new window. */
  forgetAll(): Promise<void> {
    return Promise.resolve(this.store.update(STATE.expandedRows, {}));
  }

  expanded(item: Item): Promise<void> {
    return this.set(item.id, true);
  }

  collapsed(item: Item): Promise<void> {
    return this.set(item.id, false);
  }

  private states(): Record<string, boolean> {
    const value = this.store.get<Record<string, boolean>>(STATE.expandedRows, {});
    return value && typeof value === 'object' ? value : {};
  }

  private async set(id: string, expanded: boolean): Promise<void> {
    const state = this.states();
    if (state[id] === expanded && Object.hasOwn(state, id)) return;
    // Re-inserted last, so that the oldest entries are the first dropped past the limit.
    const entries = Object.entries(state).filter(([key]) => key !== id);
    entries.push([id, expanded]);
    const kept = entries.slice(-LIMIT);
    const next: Record<string, boolean> = {};
    for (const [key, value] of kept) Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
    await this.store.update(STATE.expandedRows, next);
  }
}
