import * as assert from 'node:assert/strict';
import { BOOT_SCRIPT, buildHtml, contentSecurityPolicy, makeNonce } from '../../src/details/html';

const resources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  script: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js',
  style: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.css',
  codicons: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css',
};

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the HTML has a CSP meta tag');
  return match[1];
}

describe('webview HTML', () => {
  it('has exactly the agreed CSP', () => {
    const html = buildHtml(resources, 'abc123+/=');
    assert.equal(
      cspOf(html),
      "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; " +
        "font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123+/='",
    );
    assert.equal(contentSecurityPolicy('X', 'n'), "default-src 'none'; style-src X; font-src X; script-src 'nonce-n'");
  });

  it('puts the nonce on every script; the only inline one is the fixed boot script, first, before the stylesheets', () => {
    const nonce = makeNonce();
    const html = buildHtml(resources, nonce);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)].map(([, attrs, body]) => ({ attrs, body }));
    assert.equal(scripts.length, 2);
    for (const { attrs } of scripts) assert.ok(attrs.includes(`nonce="${nonce}"`), attrs);
    assert.deepEqual(scripts[0], { attrs: ` nonce="${nonce}"`, body: BOOT_SCRIPT });
    assert.deepEqual(scripts[1], { attrs: ` nonce="${nonce}" src="${resources.script}"`, body: '' });
    // Before the stylesheets: a script after them would wait for them (the point of the boot script).
    assert.ok(html.indexOf(BOOT_SCRIPT) < html.indexOf('<link'), 'the boot script comes before the stylesheets');
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
    assert.doesNotMatch(html, /command:|javascript:/i);
  });

  it('boot script: sends ready at once and keeps what comes before the bundle takes over', () => {
    // Run as the page runs it, against stand-ins for the webview's API and window.
    const sent: unknown[] = [];
    const listeners = new Set<(e: unknown) => void>();
    const window = {
      addEventListener: (type: string, f: (e: unknown) => void) => type === 'message' && listeners.add(f),
      removeEventListener: (type: string, f: (e: unknown) => void) => type === 'message' && listeners.delete(f),
    } as { wspBoot?: { api: unknown; early: unknown[]; stop(): void } } & Record<string, unknown>;
    let acquired = 0;
    const api = { postMessage: (m: unknown) => sent.push(m) };
    new Function('window', 'acquireVsCodeApi', BOOT_SCRIPT)(window, () => (acquired++, api));
    assert.deepEqual(sent, [{ type: 'ready' }]);
    assert.equal(acquired, 1);
    const boot = window.wspBoot!;
    assert.equal(boot.api, api, 'the bundle gets the one API object (acquireVsCodeApi works once per page)');
    const state = { data: { type: 'state' } };
    for (const f of listeners) f(state);
    assert.deepEqual(boot.early, [state]);
    boot.stop();
    assert.equal(listeners.size, 0, 'stop() removes its listener');
  });

  it('loads only the bundle folder resources, codicons with the id vscode-elements looks for', () => {
    const html = buildHtml(resources);
    const hrefs = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs.sort(), [resources.codicons, resources.script, resources.style].sort());
    assert.match(html, /<link rel="stylesheet" id="vscode-codicon-stylesheet" href="[^"]+codicon\.css">/);
  });

  it('uses a fresh, unguessable nonce every time', () => {
    const nonces = new Set(Array.from({ length: 200 }, makeNonce));
    assert.equal(nonces.size, 200);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
    const a = cspOf(buildHtml(resources));
    const b = cspOf(buildHtml(resources));
    assert.notEqual(a, b);
  });

  it('holds no data: nothing but the fixed shell', () => {
    const html = buildHtml(resources, 'n');
    const text = html.replace(BOOT_SCRIPT, '').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
    assert.equal(text, 'Session details Loading session details…');
  });

  it('escapes resource URIs', () => {
    const html = buildHtml({ ...resources, script: 'https://x/a"onload="alert(1)' }, 'n');
    assert.ok(html.includes('src="https://x/a&quot;onload=&quot;alert(1)"'));
  });
});
