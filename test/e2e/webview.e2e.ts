// The session details panel in the real workbench: opened from the tree and from the palette, every
// field read inside the webview and compared with the emulator's data, copy buttons (and "Copy as
// JSON" byte for byte as the palette's), console link, a failed read with Retry, refresh after the
// session ended, the open → filled page figure, themes, hostile user ids, and restore after a window
// reload. A page that does not show fails its test: nothing here reloads webviews to get past it.
import * as assert from 'assert';
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import type { ConsoleMessage, Dialog, FrameLocator, Page } from 'playwright-core';
import { DEMO_ROAMING_USER_ID } from '../../emulator/demoScenario';
import { hasHiddenCharacters, showHidden } from '../../src/core/invisible';
import { duration } from '../../src/core/time';
import { clickInTree, emulator, eventually, expandRow, harness, openExplorer, page, revealRow, row, runCommand, screenshot, sidebar, treeRows, webviewFrame } from './support/workbench';

// What the in-page functions use of the DOM (the project's TypeScript lib has no DOM types).
interface El {
  id: string;
  tagName: string;
  textContent: string | null;
  attributes: ArrayLike<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  ownerDocument: Doc;
}
interface Doc {
  scripts: ArrayLike<{ src: string; textContent: string; nonce: string }>;
  defaultView: unknown;
  querySelector(selector: string): El | null;
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): ArrayLike<El>;
}
interface Style {
  outlineStyle: string;
  outlineWidth: string;
  backgroundColor: string;
  color: string;
  gridTemplateColumns: string;
  getPropertyValue(name: string): string;
}
// (Functions passed to evaluate() run in the page: they can use no helper of this module.)
type Win = { getComputedStyle(el: unknown): Style };

const PROFILE = 'globex-helpdesk';
const ACCOUNT = '777788889999';
const REGION = 'eu-west-1';
const POOL_ID = 'wspool-helpeu001';
const POOL_NAME = 'helpdesk-eu';

/** Field name in the page (data-field) → the emulator's value, as the page must show it. */
function expectedFields(session: WorkspacesPoolSession, pool: WorkspacesPool): Record<string, string> {
  const c = pool.CapacityStatus;
  return {
    title: session.UserId ?? '',
    userId: session.UserId ?? '',
    sessionId: session.SessionId ?? '',
    connectionState: session.ConnectionState ?? 'Not reported',
    authenticationType: session.AuthenticationType ?? 'Not reported',
    instanceId: session.InstanceId ?? 'Not reported',
    eniId: session.NetworkAccessConfiguration?.EniId ?? 'Not reported',
    eniPrivateIp: session.NetworkAccessConfiguration?.EniPrivateIpAddress ?? 'Not reported',
    poolName: pool.PoolName ?? '',
    poolId: pool.PoolId ?? '',
    poolState: pool.State ?? '',
    capacity: `${c?.ActiveUserSessions} active of ${c?.ActualUserSessions} running, ${c?.AvailableUserSessions} available, ${c?.DesiredUserSessions} desired`,
    runningMode: (pool.RunningMode ?? '').replace(/_/g, ' '),
    region: REGION,
    profile: PROFILE,
    account: ACCOUNT,
  };
}

async function readFields(frame: FrameLocator): Promise<{ fields: Record<string, string>; times: Record<string, string> }> {
  return frame.locator('html').evaluate((html) => {
    const root = html as unknown as El;
    const fields: Record<string, string> = {};
    const times: Record<string, string> = {};
    for (const el of Array.from(root.querySelectorAll('[data-field]'))) {
      const name = el.getAttribute('data-field') ?? '';
      fields[name] = el.textContent ?? '';
      const datetime = el.getAttribute('datetime');
      if (datetime) times[name] = datetime;
    }
    return { fields, times };
  });
}

/**
 * Waits until the visible details page shows `userId` with settled data. A page that does not show
 * is a failure of the test (no "Reload Webviews" to get it going).
 */
async function waitForPage(userId: string, status: 'settled' | 'any' = 'settled'): Promise<FrameLocator> {
  const frame = webviewFrame();
  await frame.locator('[data-field="title"]', { hasText: userId }).first().waitFor({ timeout: 30_000 });
  if (status === 'settled') await frame.locator('#app[aria-busy="false"]').waitFor({ timeout: 30_000 });
  return frame;
}

/**
 * What a duration field may read when the page computed it at some moment of [from, to] (it renders on
 * arrival and every 15 s): "2 h 05 min", or for a time past, "expired 5 min ago".
 */
function spansBetween(iso: string | Date | undefined, sign: 1 | -1, from: number, to: number): Set<string> {
  const out = new Set<string>();
  if (!iso) return out;
  const at = new Date(iso).getTime();
  for (let now = from - 1000; now <= to + 1000; now += 250) {
    const ms = sign * (now - at);
    out.add(ms >= 0 ? duration(ms) : sign === 1 ? `starts in ${duration(ms)}` : `expired ${duration(ms)} ago`);
  }
  return out;
}

/** The text on the clipboard once it is no longer `before` (the page's and the workbench's clipboard are the browser's). */
async function clipboardAfter(before: string, what: string): Promise<string> {
  await page().bringToFront();
  return eventually(async () => {
    const text = (await page().evaluate('navigator.clipboard.readText()')) as string;
    return text !== before ? text : undefined;
  }, what);
}

async function setClipboard(text: string): Promise<void> {
  await page().evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
}

/** What an injected script or element would leave behind in the page. */
async function injectionTraces(frame: FrameLocator): Promise<string[]> {
  return frame.locator('html').evaluate((html) => {
    const traces: string[] = [];
    const doc = (html as unknown as El).ownerDocument;
    for (const el of Array.from(doc.querySelectorAll('img, svg, iframe, object, embed, video, audio, a, form, base, meta[http-equiv="refresh"]'))) {
      traces.push(`element <${el.tagName.toLowerCase()}>`);
    }
    // Ours (the boot script and the bundle, inline, with the CSP's nonce, which nothing injected can
    // carry) and the one VS Code puts in every webview (it defines acquireVsCodeApi); no other.
    const nonce = /'nonce-([^']+)'/.exec(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '')?.[1];
    for (const script of Array.from(doc.scripts)) {
      const ours = !!nonce && script.nonce === nonce && !script.src;
      const vscodes = !script.src && !script.nonce && script.textContent.includes('acquireVsCodeApi');
      if (!ours && !vscodes) traces.push(`script ${script.src || script.textContent.slice(0, 80)}`);
    }
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) traces.push(`handler ${attr.name} on <${el.tagName.toLowerCase()}>`);
        if (/^\s*javascript:/i.test(attr.value)) traces.push(`javascript: URL in ${attr.name}`);
      }
    }
    const w = doc.defaultView as unknown as Record<string, unknown>;
    if (w.__wspPwned !== undefined) traces.push(`window.__wspPwned = ${String(w.__wspPwned)}`);
    return traces;
  });
}

async function collapseTopLevel(): Promise<void> {
  for (const r of await treeRows()) {
    if (r.level === 1 && r.expanded) await clickInTree(row(r.label).locator('.monaco-tl-twistie'));
  }
}

async function openPool(): Promise<void> {
  await openExplorer();
  await collapseTopLevel();
  await expandRow(PROFILE);
  if ((await treeRows()).some((r) => r.label === REGION && r.level === 2)) await expandRow(REGION);
  await expandRow(POOL_NAME);
}

/**
 * Makes `session`'s details page the active editor, with settled data, opening it from the tree when
 * another page (or none) is active: each test sets up the page it reads, whatever ran before it.
 */
async function showDetails(session: WorkspacesPoolSession): Promise<FrameLocator> {
  const userId = session.UserId ?? '';
  const active = (await page().locator('.tab.active .label-name').first().textContent({ timeout: 1000 }).catch(() => null))?.trim();
  if (active !== userId) {
    await openPool();
    await clickInTree(await revealRow(userId));
  }
  return waitForPage(userId);
}

/** Picks a theme through the palette and waits until the webview has it. */
async function setTheme(p: Page, name: string, bodyClass: string): Promise<void> {
  await runCommand('Preferences: Color Theme');
  const input = p.locator('.quick-input-widget .quick-input-box input');
  await input.fill(name);
  const item = p.locator('.quick-input-list .monaco-list-row').filter({ has: p.locator('.label-name', { hasText: new RegExp(`^\\s*${name}\\s*$`) }) });
  await item.first().click();
  await webviewFrame().locator(`body.${bodyClass}`).waitFor({ timeout: 15_000 });
}

describe('session details webview in the workbench', function () {
  this.timeout(120_000);
  const dialogs: string[] = [];
  // Console lines of every frame, the webview's included: a CSP violation shows up here.
  const cspViolations: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  };
  const onDialog = (dialog: Dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  };
  let sessions: WorkspacesPoolSession[];
  /**
   * A user the tests here may end a session of: unique in the pool, and not one another UI suite
   * looks for (the search's roaming user has a session in this pool).
   */
  const own = (s: WorkspacesPoolSession) => sessions.filter((o) => o.UserId === s.UserId).length === 1 && s.UserId !== DEMO_ROAMING_USER_ID;
  /** Ordinary users, unique in the pool, with a network interface (the first ten are the hostile ids). */
  const ordinary = () => sessions.slice(10).filter((s) => own(s) && s.NetworkAccessConfiguration?.EniId);
  /** The session whose page the reading tests open (none of them changes it). */
  const reader = () => ordinary()[0];
  /** The session that "after the session ended" ends: its own, so that no other test sees it ended. */
  const ending = () => ordinary()[2];

  before(async () => {
    page().on('dialog', onDialog);
    page().on('console', onConsole);
    sessions = await emulator().sessions(ACCOUNT, REGION, POOL_ID);
    assert.ok((await emulator().pools(ACCOUNT, REGION)).some((p) => p.PoolId === POOL_ID), `the demo scenario has no pool ${POOL_ID}`);
    await harness().browser?.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness().server.url });
    await openPool();
  });

  after(() => {
    page().off('dialog', onDialog);
    page().off('console', onConsole);
  });

  it('opens from the tree and shows every field as the emulator has it', async () => {
    // From the tree with no page open (an earlier test may have left pages open), and the tree's data
    // read again: earlier tests add and end sessions of the pool, which changes its capacity.
    await runCommand('View: Close All Editors');
    await runCommand('WorkSpaces Pools: Refresh');
    await openPool();
    const session = (await emulator().sessions(ACCOUNT, REGION, POOL_ID)).find((s) => s.SessionId === reader().SessionId);
    const pool = (await emulator().pools(ACCOUNT, REGION)).find((p) => p.PoolId === POOL_ID);
    assert.ok(session?.UserId && pool);
    const target = await revealRow(session.UserId);
    // The clock before the click: the page computes its durations at some moment after it.
    const t0 = Date.now();
    await clickInTree(target);
    const frame = await waitForPage(session.UserId);

    const { fields, times } = await readFields(frame);
    const t1 = Date.now();
    const expected = expectedFields(session, pool);
    for (const [name, value] of Object.entries(expected)) assert.strictEqual(fields[name], value, `field ${name}`);
    assert.strictEqual(times.startTime, session.StartTime?.toISOString());
    assert.strictEqual(times.expirationTime, session.ExpirationTime?.toISOString());
    assert.match(fields.startTimeRelative, /ago\)$/);
    const expired = (session.ExpirationTime?.getTime() ?? Infinity) < t0;
    assert.match(fields.expirationTimeRelative, expired ? /ago\)$/ : /^\(in /);
    // Running for / Time left, as the clock stood while the page was shown.
    const elapsed = spansBetween(session.StartTime, 1, t0, t1);
    assert.ok(elapsed.has(fields.elapsed), `elapsed ${JSON.stringify(fields.elapsed)}, expected one of ${[...elapsed].join(' | ')}`);
    const remaining = spansBetween(session.ExpirationTime, -1, t0, t1);
    assert.ok(remaining.has(fields.remaining), `remaining ${JSON.stringify(fields.remaining)}, expected one of ${[...remaining].join(' | ')}`);
    // ISO 8601 on hover.
    assert.strictEqual(await frame.locator('[data-field="startTime"]').getAttribute('title'), session.StartTime?.toISOString());
    // Semantic structure for screen readers.
    assert.strictEqual(await frame.locator('main h1').count(), 1);
    assert.strictEqual(await frame.locator('section[aria-labelledby] h2').count(), 3);
    assert.strictEqual(await frame.locator('[role="status"][aria-live="polite"]').count(), 1);
    for (const label of await frame.locator('vscode-button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''))) {
      assert.ok(label.length > 0, 'a button without a label');
    }
    assert.strictEqual(await page().locator('.tab.active .label-name').first().textContent(), session.UserId);
    await screenshot('details-dark');
  });

  it('is served with the strict CSP, and nothing in the page breaks it', async () => {
    const frame = await showDetails(reader());
    const csp = (await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepStrictEqual(Object.keys(directives).sort(), ['default-src', 'font-src', 'script-src', 'style-src']);
    assert.deepStrictEqual(directives['default-src'], ["'none'"]);
    assert.strictEqual(directives['script-src'].length, 1);
    assert.match(directives['script-src'][0], /^'nonce-[A-Za-z0-9+/]{22}=='$/);
    // Fonts: webview.cspSource only (one or two sources, depending on the host); styles: the same and
    // the document's nonce (its stylesheet is inline).
    assert.deepStrictEqual(directives['style-src'], [...directives['font-src'], directives['script-src'][0]]);
    for (const source of directives['style-src']) {
      assert.ok(!["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:', 'blob:'].includes(source), `style-src ${source}`);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    console.log(`      CSP: ${csp.replace(/nonce-[^']+/, 'nonce-…')}`);
    const nonce = directives['script-src'][0].slice("'nonce-".length, -1);
    // Ours: the boot script, the stylesheet and the bundle, inline, each with the nonce; the rest is
    // what VS Code puts in every webview (its default styles, the script that defines acquireVsCodeApi).
    const inline = await frame.locator('script, style').evaluateAll((els: El[]) =>
      els.map((e) => ({
        tag: e.tagName.toLowerCase(),
        nonce: (e as unknown as { nonce: string }).nonce,
        src: e.getAttribute('src'),
        vscodes: e.id === '_defaultStyles' || (e.tagName === 'SCRIPT' && (e.textContent ?? '').includes('acquireVsCodeApi')),
      })),
    );
    assert.deepStrictEqual(
      inline.filter((e) => e.nonce).map(({ tag, nonce: n, src }) => ({ tag, nonce: n, src })),
      [
        { tag: 'script', nonce, src: null },
        { tag: 'style', nonce, src: null },
        { tag: 'script', nonce, src: null },
      ],
    );
    assert.deepStrictEqual(inline.filter((e) => !e.nonce && !e.vscodes), [], "a script or style that is neither ours nor VS Code's");
    // The codicon stylesheet, added by the page when it drew (not in the HTML: it would hold the
    // page hidden until it loaded), with the id vscode-elements looks for; and its font in use.
    assert.strictEqual(await frame.locator('link#vscode-codicon-stylesheet[href$="/dist/webview/codicon.css"]').count(), 1);
    await frame.locator('body').evaluate(async () => {
      const fonts = (globalThis as unknown as { document: { fonts: { load(font: string): Promise<unknown[]> } } }).document.fonts;
      const loaded = await fonts.load('16px codicon');
      if (loaded.length !== 1) throw new Error(`the codicon font did not load: ${loaded.length} faces`);
    });
    // And inside the buttons' shadow roots (vscode-elements take the stylesheet's address as they are
    // made): every button draws its icon's glyph.
    const glyphs = await frame.locator('vscode-button').evaluateAll(async (buttons) => {
      interface Node {
        id: string;
        shadowRoot: { querySelector(s: string): Node | null } | null;
        sheet?: unknown;
        addEventListener(type: string, f: () => void): void;
        getAttribute(name: string): string | null;
      }
      const win = globalThis as unknown as { getComputedStyle(el: unknown, pseudo: string): { content: string } };
      return Promise.all(
        (buttons as unknown as Node[]).map(async (button) => {
          const icon = button.shadowRoot?.querySelector('vscode-icon');
          const link = icon?.shadowRoot?.querySelector('link[rel="stylesheet"]');
          const glyph = icon?.shadowRoot?.querySelector('.codicon');
          if (!link || !glyph) return `${button.id || 'a button'}: no icon`;
          // Without an address it never loads (the fault this checks for): say so, do not wait.
          if (!link.getAttribute('href')) return `${button.id || 'a button'}: its icon's stylesheet has no address`;
          if (!link.sheet) {
            await new Promise<void>((resolve) => {
              link.addEventListener('load', resolve);
              link.addEventListener('error', resolve);
            });
          }
          const content = win.getComputedStyle(glyph, '::before').content;
          return content && content !== 'none' ? 'glyph' : `${button.id || 'a button'}: no glyph (stylesheet ${link.getAttribute('href')})`;
        }),
      );
    });
    assert.ok(glyphs.length > 5, `${glyphs.length} buttons`);
    assert.deepStrictEqual(glyphs.filter((g) => g !== 'glyph'), [], 'buttons without their icon');
    // The title's icon, at the heading's size (codicon.css's 16 px rule once outranked the page's own).
    const title = await frame.locator('h1 .codicon').evaluate((icon) => {
      const win = globalThis as unknown as { getComputedStyle(el: unknown, pseudo?: string): { fontSize: string; content: string } };
      const h1 = (icon as unknown as { closest(s: string): unknown }).closest('h1');
      return { icon: win.getComputedStyle(icon).fontSize, heading: win.getComputedStyle(h1).fontSize, glyph: win.getComputedStyle(icon, '::before').content };
    });
    assert.strictEqual(title.icon, title.heading, "the title's icon is not at the heading's size");
    assert.notStrictEqual(title.glyph, 'none', "the title's icon draws no glyph");
    // The controls (lit, constructable stylesheets) and the codicon font work under it.
    assert.deepStrictEqual(cspViolations, [], 'the page broke its CSP');
    const adopted = await frame.locator('#refresh').evaluate((el) => (el as unknown as { shadowRoot: { adoptedStyleSheets: unknown[] } }).shadowRoot.adoptedStyleSheets.length);
    assert.ok(adopted > 0, 'the button has no adopted stylesheet');
  });

  it('copies the ENI id and the private IP with their buttons, and says so', async () => {
    const frame = await showDetails(reader());
    const eni = await frame.locator('[data-field="eniId"]').textContent();
    assert.match(eni ?? '', /^eni-/);
    // Start from something else on the clipboard, so the test sees the copy happen.
    await setClipboard('before');
    await frame.locator('vscode-button[data-copy="eniId"]').click();
    await frame.locator('#status', { hasText: 'Copied ENI ID' }).waitFor();
    assert.strictEqual(await clipboardAfter('before', 'the ENI id on the clipboard'), eni);
    await page().locator('.statusbar', { hasText: 'Copied ENI ID' }).waitFor();

    const ip = await frame.locator('[data-field="eniPrivateIp"]').textContent();
    assert.match(ip ?? '', /^\d+\.\d+\.\d+\.\d+$/);
    await frame.locator('vscode-button[data-copy="eniPrivateIp"]').click();
    await frame.locator('#status', { hasText: 'Copied private IP' }).waitFor();
    assert.strictEqual(await clipboardAfter(eni ?? '', 'the private IP on the clipboard'), ip);
  });

  it('copies the pool ID and the account with their buttons, like every other copyable value', async () => {
    const frame = await showDetails(reader());
    await setClipboard('before');
    await frame.locator('vscode-button[data-copy="poolId"]').click();
    await frame.locator('#status', { hasText: 'Copied pool ID' }).waitFor();
    assert.strictEqual(await clipboardAfter('before', 'the pool id on the clipboard'), POOL_ID);
    await frame.locator('vscode-button[data-copy="account"]').click();
    await frame.locator('#status', { hasText: 'Copied account ID' }).waitFor();
    assert.strictEqual(await clipboardAfter(POOL_ID, 'the account on the clipboard'), ACCOUNT);
  });

  it('is keyboard operable, with a visible focus ring', async () => {
    const frame = await showDetails(reader());
    await frame.locator('#refresh').focus();
    await page().keyboard.press('Tab');
    const focused = frame.locator(':focus');
    assert.strictEqual(await focused.getAttribute('id'), 'copy-json', 'Tab moves to the next action');
    const ring = await focused.evaluate((el) => {
      const host = el as unknown as El & { shadowRoot: { querySelector(s: string): unknown } | null };
      const win = host.ownerDocument.defaultView as Win;
      const base = host.shadowRoot?.querySelector('.base');
      return [win.getComputedStyle(el), base ? win.getComputedStyle(base) : undefined]
        .filter((s): s is Style => !!s)
        .some((s) => s.outlineStyle !== 'none' && s.outlineWidth !== '0px');
    });
    assert.ok(ring, 'the focused button shows no focus outline');
    // Enter activates the focused button like a click: Copy as JSON puts the session on the clipboard.
    await page().keyboard.press('Enter');
    await frame.locator('#status', { hasText: 'Copied session as JSON' }).waitFor();
  });

  it('copies as JSON exactly what the palette\'s "Copy Session as JSON" copies', async () => {
    const frame = await showDetails(reader());
    const sessionId = (await frame.locator('[data-field="sessionId"]').textContent()) ?? '';
    const session = sessions.find((s) => s.SessionId === sessionId);
    assert.ok(session, `the page shows session ${sessionId}, which the emulator does not hold`);

    await setClipboard('before');
    await frame.locator('#copy-json').click();
    await frame.locator('#status', { hasText: 'Copied session as JSON' }).waitFor();
    const fromPage = await clipboardAfter('before', 'the page\'s JSON on the clipboard');
    // The session as the API names it, dates in ISO 8601.
    assert.deepStrictEqual(JSON.parse(fromPage), JSON.parse(JSON.stringify(session)));

    await setClipboard('before');
    // From the tree, not from the focused webview (see the palette test below).
    await sidebar().locator('.monaco-list[role=tree]').first().focus();
    await runCommand('WorkSpaces Pools: Copy Session as JSON');
    const p = page();
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'Copy Session as JSON' }).waitFor();
    await p.locator('.quick-input-widget .quick-input-box input').fill(sessionId);
    const first = p.locator('.quick-input-list .monaco-list-row').first();
    await first.waitFor();
    assert.strictEqual(await p.locator('.quick-input-list .monaco-list-row').count(), 1, 'the session id picks one session');
    await p.keyboard.press('Enter');
    await p.locator('.statusbar', { hasText: 'as JSON' }).waitFor();
    const fromPalette = await clipboardAfter('before', 'the palette\'s JSON on the clipboard');
    assert.strictEqual(fromPalette, fromPage, 'the palette and the page copy different text for one session');
  });

  it('opens the network interface in the AWS Console for its region', async () => {
    const frame = await showDetails(reader());
    const eni = await frame.locator('[data-field="eniId"]').textContent();
    const context = harness().browser?.context;
    assert.ok(context);
    // No internet here: answer the console's URL locally so the new tab keeps it.
    await context.route(/console\.aws\.amazon\.com/, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'AWS Console (test)' }));
    const opened = context.waitForEvent('page', { timeout: 20_000 });
    await frame.locator('vscode-button[data-console="eni"]').click();
    // VS Code asks before opening an untrusted site.
    const confirm = page().locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
    await Promise.race([confirm.first().click({ timeout: 10_000 }).catch(() => undefined), opened]);
    const popup = await opened;
    await popup.waitForURL(/console\.aws\.amazon\.com/, { timeout: 20_000 });
    const url = popup.url();
    await popup.close();
    await context.unroute(/console\.aws\.amazon\.com/);
    assert.strictEqual(
      decodeURIComponent(url),
      `https://${REGION}.console.aws.amazon.com/ec2/home?region=${REGION}#NetworkInterface:networkInterfaceId=${eni}`,
    );
  });

  it('shows a failed read with Retry, keeps the data, and recovers', async () => {
    const frame = await showDetails(reader());
    const before = await readFields(frame);
    assert.ok(!(await frame.locator('main.stale').count()), 'the page is marked stale before the test');
    await emulator().setFaults('DescribeWorkspacesPoolSessions', { serverErrorRate: 1 });
    try {
      await frame.locator('#refresh').click();
      const banner = frame.locator('#banner[data-kind="error"]');
      // The SDK retries a server error a few times before the page hears of it.
      await banner.waitFor({ timeout: 60_000 });
      await frame.locator('#app[aria-busy="false"]').waitFor();
      assert.ok(await frame.locator('#retry').isVisible(), 'no Retry for a server error');
      assert.match((await banner.textContent()) ?? '', /Showing the last known data/);
      assert.strictEqual(await frame.locator('main.stale').count(), 1, 'the data shown is not marked stale');
      const during = await readFields(frame);
      for (const name of ['userId', 'sessionId', 'instanceId', 'eniId', 'eniPrivateIp']) assert.strictEqual(during.fields[name], before.fields[name], `field ${name}`);
      await screenshot('details-read-failed');
    } finally {
      await emulator().clearFaults();
    }
    await frame.locator('#retry').click();
    await frame.locator('#banner').waitFor({ state: 'hidden', timeout: 30_000 });
    await frame.locator('#status', { hasText: 'Updated' }).waitFor();
    assert.strictEqual(await frame.locator('main.stale').count(), 0, 'still marked stale after a good read');
    assert.strictEqual((await readFields(frame)).fields.instanceId, before.fields.instanceId);
  });

  it('keeps the last known data, marked, after the session ended', async () => {
    const frame = await showDetails(ending());
    const before = await readFields(frame);
    const sessionId = before.fields.sessionId;
    const userId = before.fields.userId;
    assert.strictEqual(await emulator().endSession(sessionId), true);
    await frame.locator('#refresh').click();
    const banner = frame.locator('#banner[data-kind="gone"]');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /no longer exists/);
    const after = await readFields(frame);
    for (const name of ['userId', 'sessionId', 'instanceId', 'eniId', 'eniPrivateIp']) assert.strictEqual(after.fields[name], before.fields[name], `the last known ${name}`);
    assert.strictEqual(after.times.startTime, before.times.startTime);
    assert.strictEqual(after.fields.elapsed, 'Ended');
    assert.strictEqual(after.fields.remaining, 'Ended');
    assert.ok(await frame.locator('main.stale').count());
    await screenshot('details-session-ended');
    // The page stays usable: a second refresh reads again and says the same.
    const since = await emulator().mark();
    await frame.locator('#refresh').click();
    await eventually(
      async () => (await emulator().log({ operation: 'DescribeWorkspacesPoolSessions', since })).some((e) => e.params.UserId === userId),
      'the second refresh to read the session',
    );
    await frame.locator('#app[aria-busy="false"]').waitFor();
    await banner.waitFor();
    assert.strictEqual((await readFields(frame)).fields.eniId, before.fields.eniId);
  });

  /** Opens the page of an ordinary session (unique user) of the pool from the tree: `skip` of them passed over. */
  async function openOrdinarySession(skip: number): Promise<{ userId: string; sessionId: string; frame: FrameLocator }> {
    await openPool();
    // Within the first page (the rows the tree shows once the pool is expanded), past the hostile ids,
    // and neither the reading tests' session nor the one "after the session ended" ends.
    const others = sessions.slice(0, 50).filter((s) => s.SessionId !== reader().SessionId && s.SessionId !== ending().SessionId).slice(10);
    const session = others.filter(own)[skip];
    assert.ok(session?.UserId && session.SessionId);
    await clickInTree(await revealRow(session.UserId));
    return { userId: session.UserId, sessionId: session.SessionId, frame: await waitForPage(session.UserId) };
  }

  it('Refresh: one round at a time (disabled while it runs, a double click reads once)', async () => {
    const { userId, frame } = await openOrdinarySession(0);
    // Slow reads, so that the second click of the double click comes while the first round runs.
    await emulator().setFaults('DescribeWorkspacesPoolSessions', { latencyMs: 1500 });
    try {
      const since = await emulator().mark();
      await frame.locator('#refresh').dblclick();
      await frame.locator('#refresh[disabled]').waitFor({ timeout: 5_000 });
      await frame.locator('#status', { hasText: 'Updated' }).waitFor({ timeout: 30_000 });
      await frame.locator('#app[aria-busy="false"]').waitFor();
      assert.strictEqual(await frame.locator('#refresh[disabled]').count(), 0, 'enabled again once the round ended');
      const reads = (await emulator().log({ operation: 'DescribeWorkspacesPoolSessions', since })).filter((e) => e.params.UserId === userId);
      assert.strictEqual(reads.length, 1, `session reads for two clicks: ${reads.length}`);
    } finally {
      await emulator().clearFaults();
    }
  });

  it('Refresh: the tree drops the session the page found ended, and shows the pool\'s new count', async () => {
    const { userId, sessionId, frame } = await openOrdinarySession(1);
    assert.strictEqual(await emulator().endSession(sessionId), true);
    await frame.locator('#refresh').click();
    await frame.locator('#banner[data-kind="gone"]').waitFor({ timeout: 30_000 });
    // What the page learned, the tree shows: the row goes, the pool's count is the service's new one.
    const fresh = (await emulator().pools(ACCOUNT, REGION)).find((p) => p.PoolId === POOL_ID);
    const active = fresh?.CapacityStatus?.ActiveUserSessions;
    assert.ok(active !== undefined);
    await eventually(async () => (await row(userId).count()) === 0, 'the ended session to leave the tree');
    await eventually(async () => (await treeRows()).find((r) => r.label === POOL_NAME)?.description.includes(`${active} active`), `the pool to say ${active} active`);
  });

  it('follows the light, dark and high-contrast themes', async () => {
    const p = page();
    await showDetails(reader());
    const colours: Record<string, string> = {};
    for (const [theme, bodyClass] of [
      ['Light Modern', 'vscode-light'],
      ['Dark High Contrast', 'vscode-high-contrast'],
      ['Light High Contrast', 'vscode-high-contrast-light'],
      ['Dark Modern', 'vscode-dark'],
    ] as const) {
      await setTheme(p, theme, bodyClass);
      const frame = webviewFrame();
      const look = await frame.locator('body').evaluate((body) => {
        const s = ((body as unknown as El).ownerDocument.defaultView as Win).getComputedStyle(body);
        return { background: s.backgroundColor, color: s.color, fg: s.getPropertyValue('--vscode-foreground').trim() };
      });
      assert.ok(look.fg, `${theme}: --vscode-foreground is not set`);
      colours[theme] = `${look.background}/${look.color}`;
      await screenshot(`details-${theme.toLowerCase().replace(/ /g, '-')}`);
    }
    assert.strictEqual(new Set(Object.values(colours)).size, 4, `the page looks the same in two themes: ${JSON.stringify(colours)}`);
  });

  it('reads well at a narrow width', async () => {
    const p = page();
    const viewport = p.viewportSize();
    const frame = await showDetails(reader());
    // (In the page: the webview's own window.)
    type View = { innerWidth: number; addEventListener(e: 'resize', f: () => void): void; matchMedia(q: string): { matches: boolean } };
    const html = frame.locator('html');
    const wide = await html.evaluate((el) => ((el as unknown as El).ownerDocument.defaultView as View).innerWidth);
    await p.setViewportSize({ width: 700, height: 900 });
    try {
      // The webview lays out again only once its frame has the new width: measure after that.
      const narrow = await html.evaluate(
        (el, before) =>
          new Promise<number>((resolve) => {
            // No named function in here: the bundler would wrap it in a helper the page does not have.
            const view = (el as unknown as El).ownerDocument.defaultView as View;
            if (view.innerWidth !== before) resolve(view.innerWidth);
            view.addEventListener('resize', () => {
              if (view.innerWidth !== before) resolve(view.innerWidth);
            });
            setTimeout(() => resolve(view.innerWidth), 15_000);
          }),
        wide,
      );
      assert.ok(narrow < wide, `the webview kept its width of ${wide} px after the window narrowed`);
      const layout = await html.evaluate((el) => {
        const doc = (el as unknown as El).ownerDocument;
        const view = doc.defaultView as Win & View;
        return {
          narrow: view.matchMedia('(max-width: 30rem)').matches,
          columns: Array.from(doc.querySelectorAll('dl')).map((dl) => view.getComputedStyle(dl).gridTemplateColumns.split(' ').length),
          overflow: doc.documentElement.scrollWidth - doc.documentElement.clientWidth,
        };
      });
      assert.ok(layout.narrow, `the webview is ${narrow} px wide, not narrow (30rem) at a 700 px window`);
      assert.ok(layout.columns.length > 0, 'no field list in the page');
      assert.deepStrictEqual(layout.columns, layout.columns.map(() => 1), `labels above values (one column) in every field list: ${JSON.stringify(layout.columns)}`);
      assert.ok(layout.overflow <= 0, `the page scrolls sideways by ${layout.overflow} px`);
      await screenshot('details-narrow');
    } finally {
      if (viewport) await p.setViewportSize(viewport);
    }
  });

  it('shows hostile user ids literally and runs nothing from them', async () => {
    const hostile = sessions.slice(0, 10);
    await openPool();
    for (const session of hostile) {
      // Invisible and direction-control characters are written out (⟨U+202E⟩) and the id is flagged.
      const userId = showHidden(session.UserId ?? '');
      await clickInTree(await revealRow(userId));
      const frame = await waitForPage(userId);
      const { fields } = await readFields(frame);
      assert.strictEqual(fields.title, userId);
      assert.strictEqual(fields.userId, userId);
      assert.strictEqual(await frame.locator('#hidden-note').isVisible(), hasHiddenCharacters(session.UserId ?? ''), `the flag of ${JSON.stringify(session.UserId)}`);
      assert.deepStrictEqual(await injectionTraces(frame), [], `after opening ${JSON.stringify(userId)}`);
      // Nothing breaks the layout: no sideways scrolling, the title stays inside the page.
      const overflow = await frame.locator('html').evaluate((html) => {
        const doc = (html as unknown as El).ownerDocument;
        return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
      });
      assert.ok(overflow <= 0, `${JSON.stringify(userId)} makes the page scroll sideways by ${overflow} px`);
    }
    await screenshot('details-hostile');
    assert.deepStrictEqual(dialogs, [], 'a dialog opened: something ran');
  });

  it('opens from the context menu of a session (the menu with the keyboard)', async () => {
    const session = sessions.slice(10).filter((s) => sessions.filter((o) => o.UserId === s.UserId).length === 1)[1];
    assert.ok(session?.UserId);
    await openPool();
    await clickInTree(await revealRow(session.UserId), { button: 'right' });
    const item = page().locator('.context-view .monaco-menu .action-label', { hasText: /^Show Session Details$/ });
    await item.first().waitFor();
    // The menu is driven with the keyboard, as a keyboard user does: one Down selects its first
    // entry, one Enter runs it. (A mouse click on an entry still sliding in is not what this checks.)
    await page().keyboard.press('ArrowDown');
    const focused = page().locator('.context-view .monaco-menu .action-item.focused .action-label');
    assert.strictEqual((await focused.textContent())?.trim(), 'Show Session Details', 'the first entry of a session row');
    await page().keyboard.press('Enter');
    await item.first().waitFor({ state: 'hidden' });
    const frame = await waitForPage(session.UserId);
    assert.strictEqual((await readFields(frame)).fields.sessionId, session.SessionId);
  });

  it('opens from the palette, with ids that try to set a flag', async () => {
    const ids = ['<img src=x onerror="window.__wspPwned=1">', '</script><script>window.__wspPwned=2</script>', `${'ü'.repeat(60)}😀${'x'.repeat(60)}`];
    for (const id of ids) await emulator().addSession(ACCOUNT, REGION, POOL_ID, { UserId: id, ConnectionState: 'CONNECTED' });
    await runCommand('WorkSpaces Pools: Refresh');
    await openPool();
    for (const id of ids) {
      // Start from the tree, not from a focused webview: when the palette closes, the workbench hands
      // focus back to the active editor, and a webview takes it asynchronously, which can close the
      // quick pick that the command has just opened (a race of the web workbench).
      await sidebar().locator('.monaco-list[role=tree]').first().focus();
      await runCommand('WorkSpaces Pools: Show Session Details');
      const p = page();
      await p.locator('.quick-input-widget .quick-input-title', { hasText: 'Show Session Details' }).waitFor();
      const input = p.locator('.quick-input-widget .quick-input-box input');
      await input.fill(id);
      await p.locator('.quick-input-list .monaco-list-row').first().waitFor();
      await p.keyboard.press('Enter');
      const frame = await waitForPage(id);
      assert.strictEqual((await readFields(frame)).fields.userId, id);
      assert.deepStrictEqual(await injectionTraces(frame), [], `after opening ${JSON.stringify(id)}`);
    }
    // A long id is cut in the tab title, whole in the page.
    const tab = await page().locator('.tab.active .label-name').first().textContent();
    assert.ok(tab && tab.length <= 40 && tab.endsWith('…'), `tab title: ${tab}`);
    await screenshot('details-long-id');
    assert.deepStrictEqual(dialogs, []);
    assert.deepStrictEqual(cspViolations, []);
  });

  it('opens sessions in one preview tab; "Keep Open" keeps it, and the next click opens a new one', async () => {
    const plain = sessions.slice(10).filter((s) => sessions.filter((o) => o.UserId === s.UserId).length === 1);
    const [a, b, c] = [plain[5], plain[6], plain[7]];
    // The pool's rows, whatever ran before (a window reload leaves the tree collapsed).
    await openPool();
    const tabs = page().locator('.tabs-container .tab .label-name');
    await clickInTree(await revealRow(a.UserId!));
    let frame = await waitForPage(a.UserId!);
    await frame.locator('#keep-open').waitFor();
    assert.ok(await frame.locator('#preview-note').isVisible(), 'the page says it is a preview');
    const count = await tabs.count();
    await clickInTree(await revealRow(b.UserId!));
    frame = await waitForPage(b.UserId!);
    assert.strictEqual(await tabs.count(), count, 'the second click replaced the preview');
    assert.strictEqual(await tabs.filter({ hasText: a.UserId! }).count(), 0);
    await frame.locator('#keep-open').click();
    await frame.locator('#keep-open').waitFor({ state: 'hidden' });
    await clickInTree(await revealRow(c.UserId!));
    await waitForPage(c.UserId!);
    await eventually(async () => (await tabs.count()) === count + 1, 'a new tab beside the kept one');
    assert.strictEqual(await tabs.filter({ hasText: b.UserId! }).count(), 1, 'the kept page stays open');
    await screenshot('details-preview-kept');
  });

  it('comes back after a window reload and fetches again', async () => {
    const p = page();
    await showDetails(reader());
    const title = (await webviewFrame().locator('[data-field="title"]').textContent()) ?? '';
    // The panel's own fetch asks for its user's sessions only; the tree's reloads of expanded pools
    // ask for all sessions and do not count.
    const panelFetches = async () =>
      (await emulator().log({ operation: 'DescribeWorkspacesPoolSessions' })).filter((e) => e.params.UserId === title).length;
    assert.ok(title, 'a details page is open');
    const before = await panelFetches();
    // Through the command, not page.reload(): the workbench saves its open editors on the way out.
    const navigated = p.waitForEvent('framenavigated', { predicate: (f) => f === p.mainFrame(), timeout: 30_000 });
    await runCommand('Developer: Reload Window');
    await navigated;
    await p.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await waitForPage(title);
    await webviewFrame().locator('#status', { hasText: 'Updated' }).waitFor({ timeout: 30_000 });
    const after = await panelFetches();
    assert.ok(after > before, `the restored panel did not fetch the session again (DescribeWorkspacesPoolSessions with UserId ${JSON.stringify(title)}: ${before} before, ${after} after)`);
    await screenshot('details-restored');
    await sidebar().waitFor();
  });
});
