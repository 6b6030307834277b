// Waiting for a details page to render in code-server's web workbench. There a new webview now and
// then sits on its service worker ("Found unexpected service worker controller. Waiting for
// controllerchange.") and never loads; desktop VS Code has no service worker in the way. So if the
// page has not reported within `nudgeMs`, reload the webviews once, as a user would (Developer:
// Reload Webviews): the page says 'ready' again and the host sends its data again.
import * as vscode from 'vscode';

export async function awaitRender<T>(next: Promise<T>, what: () => string, nudgeMs = 15_000, totalMs = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const after = (ms: number) => new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    const first = await Promise.race([next, after(nudgeMs)]);
    if (first !== 'timeout') return first;
    clearTimeout(timer);
    console.log(`[webview] no render after ${nudgeMs} ms: reloading webviews (${what()})`);
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction').then(undefined, () => undefined);
    const second = await Promise.race([next, after(totalMs - nudgeMs)]);
    if (second !== 'timeout') return second;
    throw new Error(`${what()} within ${totalMs} ms`);
  } finally {
    clearTimeout(timer);
  }
}
