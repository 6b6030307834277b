// The baseline extension of `npm run bench` (bench/vscode.ts): what any extension with a tree view and
// a webview costs the workbench, so that the real extension's figures are read against it in the same
// window. Plain JavaScript, no build, no dependency.
const vscode = require('vscode');

/** Rows of the static tree: as many as the bench scenario has profiles, so both first paints list alike. */
const ROWS = (process.env.WSP_BENCH_EMPTY_ROWS || 'bench-row-1').split(',');

function activate(context) {
  const provider = {
    getTreeItem(label) {
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
      item.command = { command: 'benchEmpty.open', title: 'Open', arguments: [label] };
      return item;
    },
    getChildren(element) {
      return element ? [] : ROWS;
    },
  };
  context.subscriptions.push(
    vscode.window.createTreeView('benchEmpty.view', { treeDataProvider: provider }),
    // A bare webview round trip, the same shape as the details page: the page asks for its data when
    // its script runs, the extension answers, the page writes it.
    vscode.commands.registerCommand('benchEmpty.open', (label) => {
      const panel = vscode.window.createWebviewPanel('benchEmpty.page', String(label), vscode.ViewColumn.Active, { enableScripts: true });
      const nonce = Math.random().toString(36).slice(2);
      panel.webview.onDidReceiveMessage((m) => {
        if (m && m.type === 'ready') void panel.webview.postMessage({ type: 'data', label: String(label) });
      });
      panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';">
</head><body><main id="app" aria-busy="true"></main><script nonce="${nonce}">
const vscode = acquireVsCodeApi();
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'data') {
    const app = document.getElementById('app');
    app.textContent = e.data.label;
    app.setAttribute('data-filled', e.data.label);
    app.setAttribute('aria-busy', 'false');
    if (!performance.getEntriesByName('filled').length) performance.mark('filled');
  }
});
vscode.postMessage({ type: 'ready' });
</script></body></html>`;
    }),
  );
}

function deactivate() {}

module.exports = { activate, deactivate };
