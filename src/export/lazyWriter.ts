// The export writer (with csv-stringify) is a bundle of its own, dist/export.js, loaded on the first
// export: activation and the tree never need it, so dist/extension.js does not carry it.
import type * as Writer from './writer';

let loaded: typeof Writer | undefined;

export function exportWriter(): typeof Writer {
  // Resolved next to dist/extension.js at run time (esbuild leaves './export.js' external).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./export.js') as typeof Writer;
  return loaded;
}
