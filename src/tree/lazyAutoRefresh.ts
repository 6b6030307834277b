// The live view (src/model/autoRefresh.ts and its wiring, src/tree/autoRefreshView.ts) is a bundle of
// its own, dist/live.js, loaded once workspacesPools.autoRefreshSeconds is above 0 (off by default) or
// the extension's API asks for it: activation and the tree never need it, so neither dist/extension.js nor dist/explorer.js does
// not carry it (bench/README.md, activation). What it reads, what the tree shows expanded, is kept
// from activation on by the explorer view (src/model/expandedItems.ts).
import type * as AutoRefreshView from './autoRefreshView';

let loaded: typeof AutoRefreshView | undefined;

export function autoRefreshView(): typeof AutoRefreshView {
  // Resolved next to dist/extension.js at run time (esbuild leaves './live.js' external).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./live.js') as typeof AutoRefreshView;
  return loaded;
}
