import * as assert from 'node:assert/strict';
import { BOOT_SCRIPT, buildHtml, contentSecurityPolicy, makeNonce } from '../../src/details/html';

const resources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  script: 'console.log("the bundle");',
  style: 'body{margin:0}',
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
      "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-abc123+/='; " +
        "font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123+/='",
    );
    assert.equal(contentSecurityPolicy('X', 'n'), "default-src 'none'; style-src X 'nonce-n'; font-src X; script-src 'nonce-n'");
  });

  it('puts the nonce on every script and style: the fixed boot script first, then the stylesheet, the bundle last, all inline', () => {
    const nonce = makeNonce();
    const html = buildHtml(resources, nonce);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)].map(([, attrs, body]) => ({ attrs, body }));
    assert.deepEqual(scripts, [
      { attrs: ` nonce="${nonce}"`, body: BOOT_SCRIPT },
      { attrs: ` nonce="${nonce}" data-codicons="${resources.codicons}"`, body: resources.script },
    ]);
    const styles = [...html.matchAll(/<style\b([^>]*)>([^<]*)<\/style>/g)].map(([, attrs, body]) => ({ attrs, body }));
    assert.deepEqual(styles, [{ attrs: ` nonce="${nonce}"`, body: resources.style }]);
    assert.ok(html.indexOf(BOOT_SCRIPT) < html.indexOf('<style'), 'the boot script comes first');
    assert.doesNotMatch(html, /\sstyle=|\son[a-z]+=/i, 'no style attribute or handler');
    assert.doesNotMatch(html, /command:|javascript:/i);
  });

  it('loads nothing before the page first draws: no link, no src (the codicons come with the first draw)', () => {
    // The webview keeps the page hidden and holds the host's messages until its load event, which
    // waits for every resource in the HTML.
    const html = buildHtml(resources);
    assert.deepEqual([...html.matchAll(/\s(?:href|src)=/g)], []);
    assert.doesNotMatch(html, /<link\b/);
  });

  it('refuses a bundle or stylesheet that would end its element early', () => {
    assert.throws(() => buildHtml({ ...resources, script: 'x("</script><b>")' }), /closing tag/);
    assert.throws(() => buildHtml({ ...resources, script: 'x("</SCRIPT >")' }), /closing tag/);
    assert.throws(() => buildHtml({ ...resources, style: 'a{}</style><script>' }), /closing tag/);
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
    const text = html
      .replace(/<(script|style)\b[^>]*>[^<]*<\/\1>/g, '')
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    assert.equal(text, 'Session details Loading session details…');
  });

  it('escapes resource URIs', () => {
    const html = buildHtml({ ...resources, codicons: 'https://x/a"onload="alert(1)' }, 'n');
    assert.ok(html.includes('data-codicons="https://x/a&quot;onload=&quot;alert(1)"'));
  });
});
