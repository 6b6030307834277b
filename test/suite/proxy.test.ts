// VS Code's proxy settings and the extension's AWS requests, in the real extension host. The
// extension sets no agent of its own: the host patches Node's http/https for extensions
// (`http.proxySupport`, default "override", @vscode/proxy-agent), and that patch reaches the SDK
// in dist/aws.js even though the SDK passes its own keep-alive agent. The host sends loopback
// targets (localhost, 127.0.0.1, ::1) direct whatever the settings say, so the emulator on
// 127.0.0.1 is reached here under a name that is not loopback (pools-N.proxy-test.invalid), which
// only the counting proxy knows how to reach: a request that went direct fails to resolve the name.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { EmulatorAccount } from '../../emulator';
import { EmulatorClient } from '../support/emulatorClient';
import { startCountingProxy, type CountingProxy } from '../support/countingProxy';
import { treeAccess } from './treeAccess';
import { activateExtension, nextFullRefresh } from './extension';

const TEST_DOMAIN = '.proxy-test.invalid';

let api: ExtensionApi;
let account: EmulatorAccount;
let emulatorUrl: URL;
let proxy: CountingProxy;

const { children, kind, item } = treeAccess(() => api);

/** Sets a user setting of the `http` section and waits until this extension host sees it. */
async function setHttp(key: string, value: unknown): Promise<void> {
  const section = vscode.workspace.getConfiguration('http');
  if (JSON.stringify(section.inspect(key)?.globalValue) === JSON.stringify(value)) return;
  const seen = new Promise<void>((resolve) => {
    const listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`http.${key}`)) {
        listener.dispose();
        resolve();
      }
    });
  });
  await section.update(key, value, vscode.ConfigurationTarget.Global);
  await seen;
}

describe('proxy: http.proxy, http.noProxy and the AWS requests', function () {
  this.timeout(60_000);
  const configPath = process.env.AWS_CONFIG_FILE ?? '';
  let original: string;
  let saved: { proxy: unknown; noProxy: unknown; proxySupport: unknown };

  /** A fresh profile (nothing cached for it) whose endpoint is `endpoint`, with the account's keys. */
  async function profileAt(name: string, endpoint: string) {
    const refreshed = nextFullRefresh(api);
    fs.writeFileSync(
      configPath,
      `${fs.readFileSync(configPath, 'utf8')}\n[profile ${name}]\nregion = ${account.region}\nendpoint_url = ${endpoint}\n` +
        `aws_access_key_id = ${account.accessKeyId}\naws_secret_access_key = ${account.secretAccessKey}\n`,
    );
    await refreshed;
    const node = (await children()).find((n) => n.id === name);
    assert.ok(node, `profile ${name} is not in the tree`);
    return node;
  }

  const seenFor = (host: string) => proxy.seen.filter((r) => r.target.includes(host));

  before(async () => {
    api = await activateExtension();
    // The tree read once, as the view does when it shows: the AWS files are watched from their first
    // read on, and profileAt() waits for the refresh its edit makes (alone, this file waited forever).
    await children();
    const info = await EmulatorClient.fromEnv().info();
    account = info.accounts[0];
    emulatorUrl = new URL(process.env.WSP_EMULATOR_URL ?? '');
    assert.ok(configPath && fs.existsSync(configPath), 'the harness sets AWS_CONFIG_FILE to the config it wrote');
    original = fs.readFileSync(configPath, 'utf8');
    const http = vscode.workspace.getConfiguration('http');
    saved = {
      proxy: http.inspect('proxy')?.globalValue,
      noProxy: http.inspect('noProxy')?.globalValue,
      proxySupport: http.inspect('proxySupport')?.globalValue,
    };
    // The test names lead to the emulator; anything else goes where it says.
    proxy = await startCountingProxy((host, port) =>
      host.endsWith(TEST_DOMAIN) ? { host: emulatorUrl.hostname, port: Number(emulatorUrl.port) } : { host, port },
    );
  });

  after(async () => {
    await setHttp('proxy', saved.proxy);
    await setHttp('noProxy', saved.noProxy);
    await setHttp('proxySupport', saved.proxySupport);
    const refreshed = nextFullRefresh(api);
    fs.writeFileSync(configPath, original);
    await refreshed;
    await proxy?.close();
  });

  it('sends DescribeWorkspacesPools through the proxy that http.proxy names', async () => {
    await setHttp('noProxy', []);
    await setHttp('proxy', proxy.url);
    const host = `pools-a${TEST_DOMAIN}`;
    const profile = await profileAt('proxy-probe-a', `http://${host}:${emulatorUrl.port}`);
    const rows = await children(profile);
    const through = seenFor(host);
    assert.ok(
      through.some((r) => r.amzTarget?.endsWith('.DescribeWorkspacesPools')),
      `the proxy did not see DescribeWorkspacesPools for ${host}: ${JSON.stringify(proxy.seen)}`,
    );
    // The emulator answers a name that is not loopback with a refusal (emulator/security.ts), so the
    // row is an error; what matters is that the request got there only through the proxy.
    assert.ok(rows.length === 1 && kind(rows[0]).startsWith('error'), `an error row, got ${rows.map((r) => item(r).label)}`);
    assert.doesNotMatch(String(item(rows[0]).label), /ENOTFOUND|Could not reach/, 'it was not sent direct (the name does not resolve)');
  });

  it('tunnels https:// endpoints through the proxy with CONNECT', async () => {
    await setHttp('noProxy', []);
    await setHttp('proxy', proxy.url);
    const host = `pools-d${TEST_DOMAIN}`;
    const profile = await profileAt('proxy-probe-d', `https://${host}:${emulatorUrl.port}`);
    const rows = await children(profile);
    assert.ok(
      seenFor(host).some((r) => r.method === 'CONNECT' && r.target === `${host}:${emulatorUrl.port}`),
      `the proxy saw no CONNECT to ${host}: ${JSON.stringify(proxy.seen)}`,
    );
    // The tunnel ends at the emulator's plain-HTTP port, so TLS fails there: an error row.
    assert.ok(rows.length === 1 && kind(rows[0]).startsWith('error'), `an error row, got ${rows.map((r) => item(r).label)}`);
  });

  it('sends hosts that http.noProxy names direct, subdomains of an entry included', async () => {
    const host = `pools-b${TEST_DOMAIN}`;
    await setHttp('proxy', proxy.url);
    // The parent domain: an entry covers the names under it (the syntax README's "Proxies" documents).
    await setHttp('noProxy', [TEST_DOMAIN.slice(1)]);
    const profile = await profileAt('proxy-probe-b', `http://${host}:${emulatorUrl.port}`);
    const rows = await children(profile);
    assert.deepStrictEqual(seenFor(host), [], 'the proxy saw a request for a host in http.noProxy');
    // Sent direct, the made-up name does not resolve.
    assert.ok(rows.length === 1 && kind(rows[0]).startsWith('error'), `an error row, got ${rows.map((r) => item(r).label)}`);
    assert.match(String(item(rows[0]).label), /Could not reach/);
  });

  it('proxies nothing with http.proxySupport "off": the route is the host\'s, not the extension\'s', async () => {
    const host = `pools-e${TEST_DOMAIN}`;
    await setHttp('noProxy', []);
    await setHttp('proxy', proxy.url);
    await setHttp('proxySupport', 'off');
    try {
      const profile = await profileAt('proxy-probe-e', `http://${host}:${emulatorUrl.port}`);
      const rows = await children(profile);
      assert.deepStrictEqual(seenFor(host), [], 'the proxy saw a request with proxy support off');
      assert.match(String(item(rows[0]).label), /Could not reach/);
    } finally {
      await setHttp('proxySupport', saved.proxySupport);
    }
  });

  it('sends loopback endpoints (the emulator) direct, whatever http.proxy says', async () => {
    await setHttp('noProxy', []);
    await setHttp('proxy', proxy.url);
    const before = proxy.seen.length;
    const profile = await profileAt('proxy-probe-c', emulatorUrl.origin);
    const rows = await children(profile);
    assert.ok(rows.length > 0 && !kind(rows[0]).startsWith('error'), `pools from the emulator, got ${rows.map((r) => item(r).label)}`);
    assert.deepStrictEqual(proxy.seen.slice(before), [], 'the host proxied a loopback request');
  });
});
