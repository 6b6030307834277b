// Entry of the details page bundle (dist/webview/main.js, inline in the page's HTML). It holds no
// data until the host sends it (at once, and again in answer to the boot script's 'ready'); it
// keeps the last state with setState so that a reloaded window shows something at once while the
// host fetches again.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { HostToPage, PageState, PageToHost } from '../protocol';
import { DetailsView } from './view';
import './styles.css';

interface VsCodeApi {
  postMessage(message: PageToHost): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}
/** Left by the HTML's boot script (src/details/html.ts BOOT_SCRIPT): the API, and what came before this bundle ran. */
interface Boot {
  api: VsCodeApi;
  early: MessageEvent<HostToPage>[];
  stop(): void;
}
declare global {
  interface Window {
    wspBoot?: Boot;
  }
}

const boot = window.wspBoot;
if (!boot) throw new Error('the page was loaded without its boot script');
const vscode = boot.api;
const root = document.getElementById('app') as HTMLElement;
const post = (message: PageToHost) => vscode.postMessage(message);
const codiconsHref = document.currentScript?.getAttribute('data-codicons') ?? undefined;

/**
 * The view, made when the page first draws, after the codicon stylesheet is added: a stylesheet in
 * the HTML would delay the page's `load` event, until which the webview keeps the page hidden and
 * holds the host's messages (src/details/html.ts), and the buttons' icons (vscode-elements) take the
 * stylesheet's address, by its id, as they are made. The icons keep their size until it has loaded
 * (styles.css), so nothing moves.
 */
let made: DetailsView | undefined;
function view(): DetailsView {
  if (made) return made;
  if (codiconsHref && !document.getElementById('vscode-codicon-stylesheet')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.id = 'vscode-codicon-stylesheet';
    link.href = codiconsHref;
    document.head.append(link);
  }
  made = new DetailsView(root, {
    refresh: () => post({ type: 'refresh' }),
    copy: (field) => post({ type: 'copy', field }),
    openConsole: (target) => post({ type: 'openConsole', target }),
    keepOpen: () => post({ type: 'keepOpen' }),
    terminate: () => post({ type: 'terminate' }),
  });
  return made;
}

// A reloaded window: show the last known data while the host fetches again.
const saved = vscode.getState();
if (saved?.ref) view().show(saved.ref, saved.lastData, { kind: 'loading' });

/** The last state drawn, as sent: the host sends the first one twice (at once, and in answer to 'ready'). */
let drawn = '';

function receive(event: MessageEvent<HostToPage>): void {
  const message = event.data;
  switch (message?.type) {
    case 'state': {
      const text = JSON.stringify(message);
      if (text === drawn) break;
      drawn = text;
      view().show(message.ref, message.data, message.status, message.preview === true, message.actions);
      // When the page was first filled, for `npm run bench` (a local User Timing mark; nothing leaves the page).
      if (message.data && !performance.getEntriesByName('filled').length) performance.mark('filled');
      vscode.setState({ ref: message.ref, lastData: message.data });
      break;
    }
    case 'notice':
      // Notices follow the page's own actions: there is a view.
      made?.notice(message.text);
      break;
  }
}

// The boot script sent 'ready' before this bundle loaded: what the host answered meanwhile is
// shown now, in order, then this listener takes over. All in this one task: no message can come
// between the boot's listener and this one.
boot.stop();
for (const event of boot.early) receive(event);
window.addEventListener('message', receive);

setInterval(() => made?.tick(), 15_000);
