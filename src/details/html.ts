// The panel's HTML: a locked-down shell that carries the page bundle inline and holds no data (the
// page asks for it with a ready handshake, sent by a fixed boot script). No `vscode` import, so it is
// tested in plain Node.
import { randomBytes } from 'crypto';

export interface HtmlResources {
  /** webview.cspSource */
  cspSource: string;
  /** The page bundle's text (dist/webview/main.js), put inline: see buildHtml. */
  script: string;
  /** The page stylesheet's text (dist/webview/main.css), put inline. */
  style: string;
  /** asWebviewUri of dist/webview/codicon.css: the page adds it once it first draws (page/main.ts). */
  codicons: string;
}

/** 128 random bits, base64: a fresh nonce for every HTML document. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** Escapes for a double-quoted attribute: only the host's own URIs go there, but never trust a path. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page's first script: it sends 'ready' at once, before the bundle (some 40 KiB) is parsed and
 * run, and keeps what the host answers until the bundle takes over (`window.wspBoot`, taken by
 * page/main.ts). Fixed text, no data; allowed by the nonce like the bundle. acquireVsCodeApi() may be
 * called once per page: the bundle takes this one.
 */
export const BOOT_SCRIPT =
  "(function(){var api=acquireVsCodeApi(),early=[],keep=function(e){early.push(e)};" +
  "window.addEventListener('message',keep);" +
  "window.wspBoot={api:api,early:early,stop:function(){window.removeEventListener('message',keep)}};" +
  "api.postMessage({type:'ready'})})();";

/**
 * The page's own code and styles are inline, nonce'd, and nothing loads before its first draw: the
 * webview keeps a page hidden, and holds the host's messages to it, until the page's `load` event
 * (VS Code's webview pre/index.html: pendingMessages, onLoad), and every resource fetched through the
 * webview's service worker took 40-170 ms on code-server and delayed that event (bench/README.md,
 * details page). The codicon stylesheet, needed only for icons, is added by the page when it first
 * draws. Only our own files go inline: a bundle that could end its element early is refused.
 */
export function buildHtml(resources: HtmlResources, nonce = makeNonce()): string {
  if (/<\/script/i.test(resources.script) || /<\/style/i.test(resources.style)) throw new Error('the details page bundle cannot be put inline: it holds a closing tag');
  const csp = contentSecurityPolicy(resources.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script nonce="${attr(nonce)}">${BOOT_SCRIPT}</script>
<style nonce="${attr(nonce)}">${resources.style}</style>
<title>Session details</title>
</head>
<body>
<main id="app" aria-busy="true"><p>Loading session details…</p></main>
<script nonce="${attr(nonce)}" data-codicons="${attr(resources.codicons)}">${resources.script}</script>
</body>
</html>
`;
}
