// Entry of the details page bundle (dist/webview/main.js). It holds no data until the host sends
// it after the 'ready' handshake; it keeps the last state with setState so that a reloaded window
// shows something at once while the host fetches again.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { HostToPage, PageState, PageToHost } from '../protocol';
import { DetailsView } from './view';
import './styles.css';

interface VsCodeApi {
  postMessage(message: PageToHost): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app') as HTMLElement;
const post = (message: PageToHost) => vscode.postMessage(message);

const view = new DetailsView(root, {
  refresh: () => post({ type: 'refresh' }),
  copy: (field) => post({ type: 'copy', field }),
  openConsole: (target) => post({ type: 'openConsole', target }),
  keepOpen: () => post({ type: 'keepOpen' }),
  terminate: () => post({ type: 'terminate' }),
});

// A reloaded window: show the last known data while the host fetches again.
const saved = vscode.getState();
if (saved?.ref) view.show(saved.ref, saved.lastData, { kind: 'loading' });

window.addEventListener('message', (event: MessageEvent<HostToPage>) => {
  const message = event.data;
  switch (message?.type) {
    case 'state':
      view.show(message.ref, message.data, message.status, message.preview === true, message.actions);
      vscode.setState({ ref: message.ref, lastData: message.data });
      break;
    case 'notice':
      view.notice(message.text);
      break;
  }
});

setInterval(() => view.tick(), 15_000);
post({ type: 'ready' });
