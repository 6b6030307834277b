// The items whose children the explorer shows now: the rows the user expanded, and those VS Code
// shows expanded by itself (after a reload it asks for their children, with no expand event). The
// explorer view keeps it from activation on (src/tree/explorerView.ts); the live view reads it
// (src/model/autoRefresh.ts), whenever it starts: it is a bundle of its own, loaded once its setting is
// on, and must not lose what was expanded before. No `vscode` import.
import type { Item } from './items';

export class ExpandedItems implements Iterable<Item> {
  private readonly items = new Set<Item>();

  /** The tree shows `item`'s children (expanded, or asked for its children). */
  expanded(item: Item): void {
    this.items.add(item);
  }

  collapsed(item: Item): void {
    this.items.delete(item);
  }

  has(item: Item): boolean {
    return this.items.has(item);
  }

  [Symbol.iterator](): Iterator<Item> {
    return this.items[Symbol.iterator]();
  }
}
