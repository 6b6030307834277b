// Security in the real workbench (Chromium): hostile user ids — the emulator's corpus and payloads
// that would set a flag if they ever ran — through the tree rows, their hover tooltips, the palette's
// quick pick and the details page. Shown literally, nothing injected anywhere in the workbench's DOM or
// its frames, no dialog, no row taller than the others. Then no secret key in any file of the run.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Dialog, Frame } from 'playwright-core';
import { HOSTILE_USER_IDS } from '../../emulator/demoScenario';
import { showHidden } from '../../src/core/invisible';
import { FLAG_USER_IDS, INJECTED_FLAG, scanForSecrets } from '../support/security';
import { clickInTree, emulator, expandRow, harness, hoverInTree, openExplorer, page, pointerOffTheList, revealRow, row, runCommand, screenshot, scrollRowToTop, sidebar, treeRows, waitForHover, waitForRow, webviewFrame } from './support/workbench';

interface RowBox {
  index: number;
  label: string;
  /** Elements inside the label: text only is expected (highlights are spans without children). */
  labelElements: string[];
  rowHeight: number;
  labelHeight: number;
}

/** The rendered rows of the explorer with their geometry (runs in the page). */
async function rowBoxes(): Promise<RowBox[]> {
  return sidebar()
    .locator('.pane-body [role=treeitem]')
    .evaluateAll(
      (rows) =>
        rows.map((r) => {
          const el = r as unknown as {
            getAttribute(n: string): string | null;
            getBoundingClientRect(): { height: number };
            querySelector(s: string): { textContent: string | null; getBoundingClientRect(): { height: number }; querySelectorAll(s: string): ArrayLike<{ tagName: string; className: string }> } | null;
          };
          const label = el.querySelector('.label-name');
          return {
            index: Number(el.getAttribute('data-index')),
            label: label?.textContent ?? '',
            labelElements: label ? Array.from(label.querySelectorAll('*')).map((e) => `${e.tagName.toLowerCase()}.${e.className}`) : [],
            rowHeight: el.getBoundingClientRect().height,
            labelHeight: label?.getBoundingClientRect().height ?? 0,
          };
        }),
    );
}

/** What an injected payload would leave in one frame (script run, element or handler created). */
const TRACES = `(() => {
  const traces = [];
  if (globalThis.${INJECTED_FLAG} !== undefined) traces.push('the injected flag is set');
  for (const el of document.querySelectorAll('img[src="x"], [onerror], [onload], iframe[srcdoc], svg[onload]')) traces.push('element <' + el.tagName.toLowerCase() + '>');
  for (const s of document.querySelectorAll('style')) if ((s.textContent || '').includes('display:none!important')) traces.push('an injected <style>');
  return traces;
})()`;

async function tracesInEveryFrame(): Promise<string[]> {
  const out: string[] = [];
  for (const frame of page().frames()) {
    const traces = await frame.evaluate(TRACES).catch((e: unknown) => (String(e).includes('detached') ? [] : [`(could not read frame ${frame.url()}: ${String(e)})`]));
    for (const t of traces as string[]) out.push(`${describeFrame(frame)}: ${t}`);
  }
  return out;
}

function describeFrame(frame: Frame): string {
  return frame === page().mainFrame() ? 'workbench' : `frame ${frame.url().slice(0, 80)}`;
}

/** Zero-width spaces are how the extension breaks `$(icon)` syntax in quick picks; the corpus has one too. */
// What a quick pick shows of an id: hidden characters written out (src/core/invisible.ts), and the
// zero-width spaces that break `$(icon)` syntax (escapeIcons) taken away again to compare.
const visible = (shown: string) => shown.replace(/\u200b/g, '').trim();

/**
 * Loads the next page of the pool with "Load more…" unless the sessions added with the flag ids (after
 * the first page) are in the tree already: the tests that read them set this up themselves.
 */
async function loadFlagSessions(): Promise<void> {
  // As the tree shows it: hidden characters written out (src/core/invisible.ts).
  const last = showHidden(FLAG_USER_IDS[FLAG_USER_IDS.length - 1]);
  // "Load more…" is the last row, out of view in a long list: focus the tree and go to its end.
  const list = sidebar().locator('.pane-body .monaco-list').first();
  // The pointer off the list while the keyboard scrolls it and pages land (see pointerOffTheList).
  await pointerOffTheList();
  await list.focus();
  await page().keyboard.press('End');
  const more = await waitForRow(new RegExp(`^(Load more…|${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})$`));
  if (((await more.locator('.label-name').textContent()) ?? '').trim() !== 'Load more…') return;
  await clickInTree(more);
  // The next page replaces the row (it was in view, so its absence means the page is in).
  await sidebar().locator('.pane-body [role=treeitem] .label-name', { hasText: /^(Load|Loading) more…$/ }).waitFor({ state: 'detached' });
  // Then the keyboard focus goes to the first session the page added (src/commands/loadMoreFocus.ts),
  // a moment after the rows show: a palette opened before that closes when the focus lands (alone
  // on 1.139.1: the tree took the focus 93 ms after F1, and the palette's input never showed).
  await sidebar().locator('.pane-body [role=treeitem].focused[aria-label*=" added, "][aria-label$=" loaded"]').waitFor();
  await list.focus();
  await page().keyboard.press('End');
  await waitForRow(last);
}

describe('security in the workbench: hostile data and secrets', function () {
  this.timeout(180_000);
  const dialogs: string[] = [];
  const onDialog = (dialog: Dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  };
  const added: string[] = [];
  let profile = '';
  let poolName = '';
  let region = '';

  before(async () => {
    page().on('dialog', onDialog);
    // A pool in a profile's own region that holds the whole corpus (the demo's helpdesk pool).
    search: for (const a of (await emulator().info()).accounts) {
      const accountRegion = a.region;
      for (const p of await emulator().pools(a.accountId, accountRegion)) {
        const users = new Set((await emulator().sessions(a.accountId, accountRegion, p.PoolId ?? '')).map((s) => s.UserId));
        if (HOSTILE_USER_IDS.every((id) => users.has(id))) {
          profile = a.profileName;
          region = accountRegion;
          poolName = p.PoolName ?? p.PoolId ?? '';
          for (const userId of FLAG_USER_IDS) added.push((await emulator().addSession(a.accountId, accountRegion, p.PoolId ?? '', { UserId: userId })).SessionId ?? '');
          break search;
        }
      }
    }
    assert.ok(profile, 'no pool of the demo scenario holds every hostile user id');
    await openExplorer();
    for (const r of await treeRows()) if (r.level === 1 && r.expanded) await clickInTree(row(r.label).locator('.monaco-tl-twistie'));
    // Read again: a test that ran before may have loaded the pool without the sessions added above.
    await runCommand('WorkSpaces Pools: Refresh');
    await expandRow(profile);
    if ((await treeRows()).some((r) => r.label === region && r.level === 2)) await expandRow(region);
    await expandRow(poolName);
  });

  after(async () => {
    page().off('dialog', onDialog);
    await page().keyboard.press('Escape');
    for (const id of added) await emulator().endSession(id);
    // Leave the tree as the next tests expect it: data from the emulator, top level collapsed.
    await runCommand('View: Close All Editors');
    await runCommand('WorkSpaces Pools: Refresh');
    await page().mouse.wheel(0, -100_000);
    for (const r of await treeRows()) if (r.level === 1 && r.expanded) await clickInTree(row(r.label).locator('.monaco-tl-twistie'));
  });

  it('shows the corpus literally in tree rows, one line each, rows as tall as any other', async () => {
    // The pool's first rows in view, as the suite's before hook left them (the corpus is the pool's
    // first sessions; a test that loaded the flag sessions left the tree scrolled to its end).
    await scrollRowToTop(await revealRow(poolName));
    const boxes = await rowBoxes();
    const normal = boxes.find((b) => b.label === profile);
    assert.ok(normal, 'the profile row is not rendered');
    for (const id of HOSTILE_USER_IDS) {
      const box = boxes.find((b) => b.label === showHidden(id));
      assert.ok(box, `no row shows ${JSON.stringify(id)} literally (rows: ${JSON.stringify(boxes.map((b) => b.label))})`);
      assert.deepStrictEqual(box.labelElements.filter((e) => !/^span\.(highlight|monaco-highlighted-label)/.test(e)), [], `elements inside the label of ${JSON.stringify(id)}`);
    }
    for (const b of boxes) {
      assert.strictEqual(b.rowHeight, normal.rowHeight, `row ${JSON.stringify(b.label)} is ${b.rowHeight}px tall, others ${normal.rowHeight}px`);
      assert.ok(b.labelHeight <= normal.rowHeight, `the label ${JSON.stringify(b.label)} wraps (${b.labelHeight}px)`);
    }
    await screenshot('security-hostile-rows');
  });

  it('shows payloads literally after "Load more" (icons, markdown, markup, a newline) and runs none', async () => {
    await loadFlagSessions();
    const boxes = await rowBoxes();
    const normal = boxes[0];
    for (const id of FLAG_USER_IDS) {
      const box = boxes.find((b) => b.label === showHidden(id));
      assert.ok(box, `no row shows ${JSON.stringify(id)} literally (rows: ${JSON.stringify(boxes.map((b) => b.label))})`);
      assert.deepStrictEqual(box.labelElements.filter((e) => !/^span\.(highlight|monaco-highlighted-label)/.test(e)), [], `elements (an icon?) inside the label of ${JSON.stringify(id)}`);
      assert.strictEqual(box.rowHeight, normal.rowHeight, `row ${JSON.stringify(id)} height`);
      assert.ok(box.labelHeight <= normal.rowHeight, `the label ${JSON.stringify(id)} wraps`);
    }
    assert.deepStrictEqual(await tracesInEveryFrame(), []);
    assert.deepStrictEqual(dialogs, []);
    await screenshot('security-payload-rows');
  });

  it('renders hover tooltips of hostile rows as text', async () => {
    await loadFlagSessions();
    for (const id of [FLAG_USER_IDS[0], FLAG_USER_IDS[4], FLAG_USER_IDS[5], FLAG_USER_IDS[2]]) {
      const r = row(showHidden(id));
      // From outside the tree, with no other row's hover left over (hoverInTree).
      await hoverInTree(r);
      // The tooltip is resolved on hover ("Loading..." first): wait for this session's fields.
      const hover = await waitForHover(['Session ID', showHidden(id)]);
      const { text, elements, links, icons } = await hover.evaluate((h) => {
        const el = h as unknown as { textContent: string | null; querySelectorAll(s: string): ArrayLike<{ tagName: string; getAttribute(n: string): string | null }> };
        return {
          text: el.textContent ?? '',
          elements: Array.from(el.querySelectorAll('img, script, svg, iframe, style, b, object, embed')).map((e) => e.tagName.toLowerCase()),
          links: Array.from(el.querySelectorAll('a')).map((a) => a.getAttribute('href') ?? a.getAttribute('data-href') ?? ''),
          icons: Array.from(el.querySelectorAll('.codicon-bug, .codicon-alert')).length,
        };
      });
      assert.ok(text.replace(/\s+/g, ' ').includes(showHidden(id).replace(/\s+/g, ' ')), `the tooltip does not show ${JSON.stringify(id)}: ${JSON.stringify(text)}`);
      assert.deepStrictEqual(elements, [], `elements in the tooltip of ${JSON.stringify(id)}`);
      assert.deepStrictEqual(links.filter((l) => /command:|javascript:/i.test(l)), [], 'command or script links in the tooltip');
      assert.strictEqual(icons, 0, 'icon syntax rendered as icons');
      await screenshot(`security-tooltip-${FLAG_USER_IDS.indexOf(id)}`);
      // Move away and wait for the hover to go, so the next one is its own.
      await pointerOffTheList();
      await page().keyboard.press('Escape');
      await hover.waitFor({ state: 'hidden', timeout: 15_000 });
    }
    assert.deepStrictEqual(await tracesInEveryFrame(), []);
  });

  it('lists hostile sessions literally in the palette\'s session pick', async () => {
    const p = page();
    // The pick lists loaded sessions: the ones with the flag ids come after the first page.
    await loadFlagSessions();
    await runCommand('WorkSpaces Pools: Copy Session ID');
    const input = p.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    for (const [query, id] of [
      ['spoofed icons', FLAG_USER_IDS[4]],
      ['onerror="globalThis', FLAG_USER_IDS[0]],
      ['action.quit', FLAG_USER_IDS[5]],
      ['FORGED LOG', FLAG_USER_IDS[7]],
    ] as const) {
      await input.fill(query);
      const rows = p.locator('.quick-input-list .monaco-list-row');
      await rows.filter({ hasText: query }).first().waitFor({ timeout: 15_000 });
      const labels = (await rows.locator('.label-name').allTextContents()).map(visible);
      assert.ok(labels.includes(visible(showHidden(id))), `the pick does not show ${JSON.stringify(id)} literally: ${JSON.stringify(labels)}`);
      assert.strictEqual(await p.locator('.quick-input-list .codicon-bug, .quick-input-list .codicon-alert').count(), 0, 'icon syntax rendered as icons');
      assert.strictEqual(await p.locator('.quick-input-widget img, .quick-input-widget svg[onload], .quick-input-widget [onerror]').count(), 0);
    }
    await screenshot('security-quick-pick');
    await p.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' });
    assert.deepStrictEqual(await tracesInEveryFrame(), []);
  });

  it('shows payloads as text in the details page, and nothing runs in any frame', async () => {
    await loadFlagSessions();
    for (const id of [FLAG_USER_IDS[0], FLAG_USER_IDS[3]]) {
      const r = row(showHidden(id));
      await clickInTree(r);
      const frame = webviewFrame();
      const field = frame.locator('[data-field="userId"]', { hasText: showHidden(id).slice(0, 12) }).first();
      await field.waitFor({ timeout: 30_000 });
      assert.strictEqual(await field.textContent(), showHidden(id));
    }
    await screenshot('security-details');
    assert.deepStrictEqual(await tracesInEveryFrame(), []);
    assert.deepStrictEqual(dialogs, [], 'a dialog opened (alert from a payload?)');
  });

  it('leaves no secret key in any file of the run folder', () => {
    const run = harness().run;
    const secrets = harness().emulator.accounts.map((a) => ({ label: `secret key of ${a.profileName}`, value: a.secretAccessKey }));
    const tmpDirs = fs.existsSync(run.tmp) ? fs.readdirSync(run.tmp).filter((d) => d.startsWith('wsp-emulator-')).map((d) => path.join(run.tmp, d)) : [];
    // Written with the keys on purpose: the AWS files of the run and the emulator's own output.
    const exclude = [run.aws, path.join(run.logs, 'emulator.log'), ...tmpDirs];
    // Where VS Code and Chromium write, each scanned by its own path: in a deep checkout user data and
    // temp live in /tmp/wsp-XXXXXX behind the run folder's `sockets` link, which a walk of the run folder
    // does not follow (harness/runDir.ts). Temp holds no file at this point (only empty folders), so
    // each folder gets a canary, a file with a made-up secret: finding it proves the folder was read.
    const folders = { 'user data': run.userData, temp: run.tmp, 'browser profile': run.browserProfile, 'run folder': run.root };
    const canary = { label: 'canary', value: `wsp-canary-${process.pid}-${Date.now()}` };
    const canaries = Object.values(folders).map((dir) => path.join(dir, 'wsp-scan-canary.txt'));
    const hits: { file: string; secret: string; encoding: string }[] = [];
    const scanned: Record<string, number> = {};
    try {
      for (const file of canaries) fs.writeFileSync(file, canary.value);
      for (const [name, dir] of Object.entries(folders)) {
        // The run folder's own scan leaves out the three above (they are inside it in a short checkout).
        const others = name === 'run folder' ? [run.userData, run.tmp, run.browserProfile] : [];
        const result = scanForSecrets(dir, [...secrets, canary], [...exclude, ...others]);
        scanned[name] = result.filesScanned;
        hits.push(...result.hits.map((h) => ({ ...h, file: path.join(dir, h.file) })));
      }
    } finally {
      for (const file of canaries) fs.rmSync(file, { force: true });
    }
    const found = hits.filter((h) => h.secret === canary.label && h.encoding === 'utf8').map((h) => h.file);
    assert.deepStrictEqual(found, canaries, `the canary of every folder found (files scanned: ${JSON.stringify(scanned)})`);
    assert.deepStrictEqual(hits.filter((h) => h.secret !== canary.label), []);
  });
});
