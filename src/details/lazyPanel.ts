// The host side of a details page (DetailsPanel: its HTML, its messages, its actions) is a bundle of its
// own, dist/details.js, loaded when the first page opens or is restored: activation only registers the
// page's serializer (SessionDetails), so dist/extension.js does not carry it (bench/README.md,
// activation). dist/details.js has its own copy of the `vscode` API and of the few pure modules it
// shares with dist/extension.js (ids, core/*); they hold no state, so two copies behave as one.
import type * as Panel from './detailsPanel';

let loaded: typeof Panel | undefined;

export function detailsPanel(): typeof Panel {
  // Resolved next to dist/extension.js at run time (esbuild leaves './details.js' external).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./details.js') as typeof Panel;
  return loaded;
}
