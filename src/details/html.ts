// The panel's HTML: a locked-down shell that loads the page bundle and holds no data (the page
// asks for it with a ready handshake, sent by a fixed boot script). No `vscode` import, so it is
// tested in plain Node.
import { randomBytes } from 'crypto';

export interface HtmlResources {
  /** webview.cspSource */
  cspSource: string;
  /** asWebviewUri of dist/webview/main.js, main.css, codicon.css */
  script: string;
  style: string;
  codicons: string;
}

/** 128 random bits, base64: a fresh nonce for every HTML document. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** Escapes for a double-quoted attribute: only the host's own URIs go there, but never trust a path. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page's first script, in the head, before its stylesheets: it sends 'ready' at once and keeps
 * what the host answers until the bundle runs (`window.wspBoot`, taken by page/main.ts). The
 * bundle and the stylesheets come through the webview's service worker, 40-110 ms each on
 * code-server (bench/README.md, details page), and a script after stylesheets waits for them: the
 * handshake's round trip now overlaps their loading instead of following it. Fixed text, no data;
 * allowed by the nonce like the bundle (CSP unchanged). acquireVsCodeApi() may be called once per
 * page: the bundle takes this one.
 */
export const BOOT_SCRIPT =
  "(function(){var api=acquireVsCodeApi(),early=[],keep=function(e){early.push(e)};" +
  "window.addEventListener('message',keep);" +
  "window.wspBoot={api:api,early:early,stop:function(){window.removeEventListener('message',keep)}};" +
  "api.postMessage({type:'ready'})})();";

export function buildHtml(resources: HtmlResources, nonce = makeNonce()): string {
  const csp = contentSecurityPolicy(resources.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script nonce="${attr(nonce)}">${BOOT_SCRIPT}</script>
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${attr(resources.codicons)}">
<link rel="stylesheet" href="${attr(resources.style)}">
<title>Session details</title>
</head>
<body>
<main id="app" aria-busy="true"><p>Loading session details…</p></main>
<script nonce="${attr(nonce)}" src="${attr(resources.script)}"></script>
</body>
</html>
`;
}
