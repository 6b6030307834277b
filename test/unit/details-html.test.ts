import * as assert from 'node:assert/strict';
import { buildHtml, contentSecurityPolicy, makeNonce } from '../../src/details/html';

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

  it('puts the nonce on every script, and no inline script or style exists', () => {
    const nonce = makeNonce();
    const html = buildHtml(resources, nonce);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    for (const tag of scripts) {
      assert.ok(tag.includes(`nonce="${nonce}"`), tag);
      assert.ok(tag.includes(`src="${resources.script}"`), 'scripts are files, not inline');
    }
    assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/, 'no inline script body');
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
    assert.doesNotMatch(html, /command:|javascript:/i);
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
    const text = html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
    assert.equal(text, 'Session details Loading session details…');
  });

  it('escapes resource URIs', () => {
    const html = buildHtml({ ...resources, script: 'https://x/a"onload="alert(1)' }, 'n');
    assert.ok(html.includes('src="https://x/a&quot;onload=&quot;alert(1)"'));
  });
});
