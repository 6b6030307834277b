// Helpers for UI tests: the real VS Code workbench (code-server) in Chromium, with the extension installed
// from its .vsix and the emulator behind it. One workbench per mocha run, started by the root hooks
// (hooks.ts); every *.e2e.ts file uses the same page. Selectors follow ../../../harness/README.md.
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { REPO } from '../../../harness/runDir';
import { selectedCodeServer } from '../../../harness/codeServer';
import { ensureHarness, packageExtension, startSession, type Session } from '../../../harness/session';
import { EmulatorClient } from '../../support/emulatorClient';

export const CONTAINER_TITLE = 'WorkSpaces Pools';
/** A hover shown on screen (VS Code 1.103 and 1.139 render a row's tooltip as either). */
const VISIBLE_HOVER = '.monaco-hover:visible, .workbench-hover:visible';
/** The container's element in the side bar (VS Code's id for an extension's view container). */
const CONTAINER_ID = 'workbench.view.extension.workspacesPools';
/** One folder per VS Code version: npm test runs both versions' UI tests at the same time, and each run empties its folder first. */
export const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots', selectedCodeServer().name);

let session: Session | undefined;
let emulatorClient: EmulatorClient | undefined;
let shotCount = 0;
/** Errors already pictured by a helper, so that the root afterEach does not take a second picture. */
const pictured = new WeakSet<object>();

export function alreadyPictured(error: unknown): boolean {
  return typeof error === 'object' && error !== null && pictured.has(error);
}

/**
 * Runs a helper; if it fails, saves a screenshot of that moment. Mocha's afterEach does not run for a
 * failing before/after hook, so helpers take the picture themselves.
 */
async function pictureFailure<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (typeof error === 'object' && error !== null && !pictured.has(error)) {
      pictured.add(error);
      const file = await screenshot(`FAILED ${what}`).catch(() => undefined);
      if (file) console.log(`      screenshot of the failure: ${file}`);
      const moves = await focusMoves().catch(() => undefined);
      if (moves) console.log(`      the keyboard focus before the failure (ms ago, element):\n${moves.map((m) => `        ${m}`).join('\n')}`);
    }
    throw error;
  }
}

/** Starts the emulator, code-server with the packaged extension, and Chromium on the workbench. */
export async function startWorkbench(): Promise<void> {
  ensureHarness();
  const vsix = process.env.WSP_E2E_VSIX ?? packageExtension();
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  session = await startSession({ kind: 'e2e', vsix, browser: true, log: (line) => console.log(`  ${line}`) });
  emulatorClient = new EmulatorClient(session.emulator.url);
  const p = page();
  // Every move of the keyboard focus, kept in the page (a window reload included) for failures: a
  // palette that loses the focus closes, and what took it is the clue (focusMoves).
  await p.addInitScript(recordFocusMoves);
  // 'commit': the workbench's own elements below are what we wait for, not the page's load event.
  await p.goto(session.server.workbenchUrl(), { waitUntil: 'commit' });
  await p.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await p.getByRole('tab', { name: CONTAINER_TITLE }).waitFor({ timeout: 60_000 });
}

/** A move of the keyboard focus in the workbench: when (the page's clock), to what, and in which part. */
interface FocusMove {
  at: number;
  element: string;
  /** The id of the nearest composite (a view container) or part around the element, or its classes. */
  where: string;
}

/**
 * Runs in the page: keeps the last focus moves in a global. (No named function inside: tsx wraps
 * those in a helper the page does not have.)
 */
function recordFocusMoves(): void {
  type El = { tagName: string; id: string; className: unknown; getAttribute(n: string): string | null; closest(s: string): El | null };
  const g = globalThis as unknown as { top: unknown; __wspFocusMoves?: FocusMove[]; performance: { now(): number }; document: { addEventListener(t: string, f: (e: { target: unknown }) => void, c: boolean): void } };
  // The workbench only: Playwright runs init scripts in every frame, and the webviews' are left alone.
  if (g.top !== globalThis) return;
  const moves: FocusMove[] = (g.__wspFocusMoves = []);
  g.document.addEventListener(
    'focusin',
    (e) => {
      const el = e.target as El;
      const classes = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 3).join('.') : '';
      const label = (el.getAttribute('aria-label') ?? '').slice(0, 60);
      const around = el.closest('.composite[id], .part, .quick-input-widget, .monaco-dialog-box, .notifications-toasts');
      const where = around ? around.id || (typeof around.className === 'string' ? around.className.split(/\s+/).slice(0, 2).join('.') : '') : '';
      moves.push({ at: g.performance.now(), element: `${el.tagName.toLowerCase()}${classes ? `.${classes}` : ''}${label ? ` "${label}"` : ''}`, where });
      if (moves.length > 10) moves.shift();
    },
    true,
  );
}

/** The focus moves recordFocusMoves kept, oldest first, each as "N ms ago: element in part". */
async function focusMoves(): Promise<string[]> {
  return page().evaluate(() => {
    const g = globalThis as unknown as { __wspFocusMoves?: FocusMove[]; performance: { now(): number } };
    const now = g.performance.now();
    return (g.__wspFocusMoves ?? []).map((m) => `${Math.round(now - m.at)} ms ago: ${m.element}${m.where ? ` in ${m.where}` : ''}`);
  });
}

export async function stopWorkbench(failed: boolean): Promise<void> {
  await session?.end({ keepRun: failed });
  session = undefined;
}

export function page(): Page {
  const p = session?.browser?.page;
  if (!p) throw new Error('the workbench is not started (test/e2e/support/hooks.ts starts it)');
  return p;
}

/** The running session: run folder, emulator (url, accounts, AWS files), code-server. */
export function harness(): Session {
  if (!session) throw new Error('the workbench is not started');
  return session;
}

/** The emulator behind the workbench: request log, faults, data changes (test/support/emulatorClient.ts). */
export function emulator(): EmulatorClient {
  if (!emulatorClient) throw new Error('the workbench is not started');
  return emulatorClient;
}

/** Opens the "WorkSpaces Pools" container from the activity bar and waits for its tree. */
export async function openExplorer(): Promise<void> {
  return pictureFailure('openExplorer', () => openExplorerNow());
}

async function openExplorerNow(): Promise<void> {
  const p = page();
  const tab = p.getByRole('tab', { name: CONTAINER_TITLE });
  // Clicking an active container's tab closes the side bar: click only when it is not shown.
  if ((await tab.getAttribute('aria-selected')) !== 'true') {
    const since = await p.evaluate(() => (globalThis as unknown as { performance: { now(): number } }).performance.now());
    await tab.click();
    // The hand leaves the tab: a hover of the tab left behind stayed open 30 s over the tree (1.139.1
    // under load), as a row's does (see pointerOffTheList).
    await pointerOffTheList();
    // The container moves the keyboard focus into its view once it is shown, a moment after the
    // click (80 ms on an idle machine, later under load). A palette opened before that loses the
    // focus and closes (seen on CI: a hook's F1 right after this click). Waited for as that move
    // (recordFocusMoves), not as where the focus is: the first time the view is shown, its tree
    // drops the focus again 30 ms later, to the page's body.
    await p.waitForFunction(
      ({ id, since }) => ((globalThis as unknown as { __wspFocusMoves?: FocusMove[] }).__wspFocusMoves ?? []).some((m) => m.at >= since && m.where === id),
      { id: CONTAINER_ID, since },
    );
  }
  await sidebar().locator(`[id="${CONTAINER_ID}"] .monaco-list[role=tree]`).first().waitFor();
}

/** Collapses every row of the explorer with its "Collapse All" action, as a user finds the tree. */
export async function collapseTree(): Promise<void> {
  return pictureFailure('collapseTree', async () => {
    await openExplorerNow();
    await page().keyboard.press('Escape');
    // (The only view of the container has no header of its own: its actions are in the container's title.)
    await sidebar().locator('.composite.title').hover();
    await sidebar().locator('.action-label[aria-label="Collapse All"]').first().click();
    await pointerOffTheList();
    await eventually(async () => (await treeRows()).every((r) => r.level <= 1), 'the tree to collapse');
  });
}

/** The side bar (where the container's views live while it is open). */
export function sidebar(): Locator {
  return page().locator('.part.sidebar');
}

export interface TreeRow {
  /** The label shown (`.label-name`). */
  label: string;
  description: string;
  /** aria-label: the tooltip when it is plain text, else label and description. */
  ariaLabel: string;
  /** 1 for the top level. */
  level: number;
  /** undefined for a leaf. */
  expanded: boolean | undefined;
  selected: boolean;
}

/** The rendered rows of the explorer tree, top to bottom (the tree renders only what is in view). */
export async function treeRows(): Promise<TreeRow[]> {
  return sidebar()
    .locator('.pane-body [role=treeitem]')
    .evaluateAll((rows) =>
      rows
        // The list positions its rows absolutely: DOM order is not display order, data-index is.
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((r) => ({
          label: r.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: r.querySelector('.label-description')?.textContent?.trim() ?? '',
          ariaLabel: r.getAttribute('aria-label') ?? '',
          level: Number(r.getAttribute('aria-level') ?? 0),
          expanded: r.hasAttribute('aria-expanded') ? r.getAttribute('aria-expanded') === 'true' : undefined,
          selected: r.getAttribute('aria-selected') === 'true',
        })),
    );
}

/**
 * The rendered children of `rows[at]`: the rows one level deeper, up to the next row at its level or
 * above. (Not every deeper row after it: another expanded pool's sessions below are at that level too.)
 */
export function childRows(rows: TreeRow[], at: number): TreeRow[] {
  const after = rows.slice(at + 1);
  const end = after.findIndex((r) => r.level <= rows[at].level);
  return (end < 0 ? after : after.slice(0, end)).filter((r) => r.level === rows[at].level + 1);
}

/** The first row whose label is `label` (exact), or matches the expression. */
export function row(label: string | RegExp): Locator {
  const rows = sidebar().locator('.pane-body [role=treeitem]');
  return rows.filter({ has: page().locator('.label-name', { hasText: exact(label) }) }).first();
}

/**
 * The row, brought into the rendered part of the tree: the list renders only the rows in view, so a
 * loaded row can be missing from the DOM. Pages from the top down, a screen at a time.
 */
export async function revealRow(label: string | RegExp, maxScreens = 40): Promise<Locator> {
  return pictureFailure(`revealRow ${String(label)}`, async () => {
    const r = row(label);
    if (await r.count()) {
      await scrollRowIntoView(r);
      return r;
    }
    // The keyboard, not the wheel: the focused row is always rendered, so Home then Page Down walks
    // every row into view (the wheel is swallowed by hovers and sticky headers). The pointer off the
    // list, so that the rows scrolling under it open no hover.
    await pointerOffTheList();
    await sidebar().locator('.monaco-list[role=tree]').first().focus();
    await page().keyboard.press('Home');
    for (let screen = 0; screen <= maxScreens; screen++) {
      // Two frames: the list repaints its rows after the focus moves.
      for (let f = 0; f < 2; f++) {
        await nextFrame();
      }
      if (await r.count()) {
        await scrollRowIntoView(r);
        return r;
      }
      await page().keyboard.press('PageDown');
    }
    throw new Error(`no row ${String(label)} in the tree after scrolling ${maxScreens} screens`);
  });
}

/** Waits for a row to be shown. */
export async function waitForRow(label: string | RegExp, timeout = 30_000): Promise<Locator> {
  return pictureFailure(`waitForRow ${String(label)}`, async () => {
    const r = row(label);
    await r.waitFor({ timeout });
    return r;
  });
}

/**
 * Scrolls the tree so that the row is at its top, or less than one wheel step below it (as far as the
 * list can scroll): the tree renders only the rows in view, so this makes room for the row's children
 * to be rendered below it. Never past the top: a row scrolled out of view leaves the DOM.
 */
export async function scrollRowToTop(r: Locator): Promise<void> {
  let step = WHEEL_STEP;
  for (let i = 0; i < MAX_WHEEL_STEPS; i++) {
    const { rowBox, listBox } = await boxes(r);
    if (!rowBox || !listBox) return;
    const dy = rowBox.y - listBox.y;
    const direction = dy < 0 ? -1 : dy >= step ? 1 : 0;
    if (direction === 0) return;
    const moved = await wheelStep(r, listBox, direction);
    if (moved < 1) return; // the list's end
    step = Math.max(step, moved);
  }
}

/**
 * Scrolls the tree, when the row is not wholly in its view, until it is. The list renders the rows at
 * its edges partly hidden; Playwright's own scrolling of such a row moves the page under the list's
 * feet, and the click lands on another row.
 */
export async function scrollRowIntoView(r: Locator): Promise<void> {
  for (let i = 0; i < MAX_WHEEL_STEPS; i++) {
    const { rowBox, listBox } = await boxes(r);
    if (!rowBox || !listBox) return;
    const above = rowBox.y < listBox.y;
    const below = rowBox.y + rowBox.height > listBox.y + listBox.height;
    if (!above && !below) return;
    if ((await wheelStep(r, listBox, above ? -1 : 1)) < 1) return;
  }
}

/**
 * How far one wheel event scrolls a tree: 50 px, whatever the event's delta (measured on VS Code 1.103
 * and 1.139, for deltas of 1 to 1000 px: Chromium's synthetic wheel event is one notch, and VS Code's
 * scrollable element scrolls a notch by a fixed amount). So a distance is scrolled in steps, each one
 * measured, and a step is taken only where it cannot carry the row out of view: one event of a row's
 * height once scrolled a 37-row tree past the row, out of the rendered part, for good.
 */
const WHEEL_STEP = 50;
/** A bound on the steps of one scroll (a tree of 40 screens of 800 px). */
const MAX_WHEEL_STEPS = 700;

type Box = { x: number; y: number; width: number; height: number };

async function boxes(r: Locator): Promise<{ rowBox: Box | null; listBox: Box | null }> {
  const list = r.locator('xpath=ancestor::div[contains(@class, "monaco-list")][1]');
  return { rowBox: await r.boundingBox(), listBox: await list.boundingBox() };
}

/** One wheel notch over the list (1: down, -1: up); returns how far the row moved once the list held still. */
async function wheelStep(r: Locator, listBox: Box, direction: 1 | -1): Promise<number> {
  const rowBox = await r.boundingBox();
  if (!rowBox) return 0;
  await page().mouse.move(listBox.x + listBox.width / 2, listBox.y + Math.min(listBox.height / 2, 40));
  await page().mouse.wheel(0, direction * WHEEL_STEP);
  // Off the list again before a row that scrolls under the pointer opens its hover.
  await pointerOffTheList();
  // The list repaints on the next frames; wait until the row stops moving.
  let last = rowBox.y;
  for (let i = 0; i < 20; i++) {
    await nextFrame();
    const y = (await r.boundingBox())?.y ?? last;
    if (Math.abs(y - last) < 1 && Math.abs(y - rowBox.y) >= 1) break;
    last = y;
  }
  return Math.abs(last - rowBox.y);
}

/** The next frame the page paints. */
async function nextFrame(): Promise<void> {
  await page().evaluate(() => new Promise((resolve) => (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame(() => resolve(undefined))));
}

/**
 * Moves the pointer off the tree, to the title bar's empty corner, as a hand leaves the mouse once
 * it clicked. A pointer resting on the list opens the hover of whatever row comes under it (a menu
 * or dialog closing, a page landing, the keyboard scrolling), and VS Code 1.103 closes a row's hover
 * only when the pointer leaves that row's label: its hover tracks the label from the moment the
 * pointer entered it, and a label element drawn again for another row under a still pointer never
 * sees the pointer leave, so its hover stays until the pointer enters that label and leaves it
 * again (seen in a fresh clone's UI phase on 1.103.2: a hover open 30 s over the row a test was
 * about to click).
 */
export async function pointerOffTheList(): Promise<void> {
  await page().mouse.move(0, 0);
}

/**
 * Where the pointer goes to act on `target` (a row of a tree, or something in a row), as a user
 * points at it: the row scrolled into the list's view the way the list scrolls (scrollRowIntoView),
 * then the target's centre, once it held still for a frame and is what the pointer hits there.
 *
 * Not Playwright's own click or hover: they first scroll the target into view natively, and VS
 * Code's list keeps its own scroll position, putting the DOM's back on the next scroll event. On a
 * busy machine the pointer then lands on either side of that jump: a click pressed on one row and
 * released on another is lost (it reaches the list, not a row), and a hovered row moves away from the
 * pointer, so its inline actions hide before they can be clicked.
 */
async function pointAt(target: Locator, timeout = 30_000, fromOutside = true): Promise<{ x: number; y: number }> {
  await target.waitFor({ state: 'visible', timeout });
  await scrollRowIntoView(target.locator('xpath=ancestor-or-self::*[@role="treeitem"][1]'));
  if (fromOutside) {
    // The pointer comes from outside the tree, and a hover left open can lie over the target. On
    // 1.139 a press outside closes any hover (its hover service listens for mousedown on the whole
    // page), so a left-over hover is clicked away on the title bar's empty corner, as a user clicks
    // a stuck tooltip away. 1.103 closes a row's hover only when the pointer leaves the row's label
    // after entering it: the helpers see that no pointer rests on the list (pointerOffTheList).
    await pointerOffTheList();
    const hover = page().locator(VISIBLE_HOVER).first();
    if (await hover.count()) await page().mouse.click(0, 0);
    await hover.waitFor({ state: 'hidden', timeout }).catch(async (error: Error) => {
      throw new Error(`${error.message}\na hover stayed open over the tree: ${JSON.stringify(((await hover.textContent().catch(() => '')) ?? '').slice(0, 200))}`);
    });
  }
  const deadline = Date.now() + timeout;
  let last: { x: number; y: number; width: number; height: number } | null = null;
  for (;;) {
    await nextFrame();
    const box = await target.boundingBox();
    if (box && last && Math.abs(box.x - last.x) < 1 && Math.abs(box.y - last.y) < 1) {
      const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const hit = await target.evaluate((el, at) => {
        // (This runs in the page; the project's TypeScript lib has no DOM types, hence the casts.)
        const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } }).document;
        const found = doc.elementFromPoint(at.x, at.y);
        return found === el || (el as unknown as { contains(other: unknown): boolean }).contains(found);
      }, point);
      if (hit) return point;
    }
    if (Date.now() > deadline) throw new Error(`no steady, uncovered point on the target within ${timeout} ms (last box ${JSON.stringify(box)})`);
    last = box;
  }
}

/** Clicks a row, or something in one (a twistie, an inline action), where it is painted: see pointAt. */
export async function clickInTree(target: Locator, options: { button?: 'left' | 'right'; modifiers?: ('Control' | 'Shift')[]; timeout?: number; fromOutside?: boolean } = {}): Promise<void> {
  return pictureFailure('clickInTree', async () => {
    const { x, y } = await pointAt(target, options.timeout, options.fromOutside);
    const modifiers = options.modifiers ?? [];
    for (const key of modifiers) await page().keyboard.down(key);
    try {
      await page().mouse.click(x, y, { button: options.button ?? 'left' });
    } finally {
      for (const key of [...modifiers].reverse()) await page().keyboard.up(key);
    }
    // A right click's menu stays open without the pointer, and a left click's row does not need it.
    await pointerOffTheList();
  });
}

/** Rests the pointer on a row (its inline actions show, and, after a moment, its hover): see pointAt. */
export async function hoverInTree(target: Locator): Promise<void> {
  return pictureFailure('hoverInTree', async () => {
    const { x, y } = await pointAt(target);
    await page().mouse.move(x, y);
  });
}

/**
 * Waits for a visible hover that holds every one of `texts`. On a timeout the error says which hovers
 * were visible (and what they held) and which row the pointer was on: a hover that did not open, one
 * left over from another row, and one still "Loading..." are different bugs.
 */
export async function waitForHover(texts: string[], timeout = 15_000): Promise<Locator> {
  const visible = page().locator(VISIBLE_HOVER);
  let hover = visible;
  for (const text of texts) hover = hover.filter({ hasText: text });
  try {
    await hover.first().waitFor({ timeout });
    return hover.first();
  } catch (error) {
    const shown = await visible.allTextContents().catch(() => []);
    const hovered = await page()
      .locator('.part.sidebar [role=treeitem]:hover .label-name')
      .allTextContents()
      .catch(() => []);
    throw new Error(`${(error as Error).message}\nvisible hovers: ${JSON.stringify(shown.map((t) => t.slice(0, 200)))}\nrow under the pointer: ${JSON.stringify(hovered)}`);
  }
}

/** Runs a row's inline action (`label`: its aria-label, or the start of it) with the pointer, as a user does: onto the row, then onto the action. */
export async function clickRowAction(r: Locator, label: string): Promise<void> {
  await hoverInTree(r);
  // From the row, not from outside: the action shows only while the pointer is on its row.
  await clickInTree(r.locator(`.action-label[aria-label^="${label}"]`), { fromOutside: false });
  // The click left the keyboard focus on the action's button, inside the row. VS Code 1.103 opens a
  // row's hover on a focus inside it and closes that hover only on blur (its managed hover listens
  // for focus and blur on the row, not for the pointer or Escape): seen in two fresh-clone CI runs,
  // the pool's hover stayed open after Refresh Pool whatever the pointer did. The focus goes back to
  // the tree, where a keyboard user's action leaves it.
  await sidebar().locator('.monaco-list[role=tree]').first().focus();
}

/**
 * Expands a row and waits until its children are in the tree: the list grew, the row below is one
 * level deeper, or the row turned out to be a leaf. (The spinner is no signal: it shows only after a
 * delay.) A row that is already expanded is left as it is. The row is scrolled to the top first so
 * that its children are rendered.
 */
export async function expandRow(label: string | RegExp, timeout = 30_000): Promise<void> {
  return pictureFailure(`expandRow ${String(label)}`, () => expandRowNow(label, timeout));
}

async function expandRowNow(label: string | RegExp, timeout: number): Promise<void> {
  // A row to expand is in the tree already (its parent is expanded), but an earlier test may have
  // scrolled it out of the rendered part: walk it back into view as a user does.
  if (!(await row(label).count())) await revealRow(label);
  const r = await waitForRow(label, timeout);
  if ((await r.getAttribute('aria-expanded')) === 'true') return;
  await scrollRowToTop(r);
  const heightBefore = await r.evaluate((el) => parseFloat((el.parentElement as unknown as { style: { height: string } }).style.height) || 0);
  await clickInTree(r.locator('.monaco-tl-twistie'));
  const pattern = exact(label);
  await page().waitForFunction(
    ({ source, flags, heightBefore }) => {
      const re = new RegExp(source, flags);
      // (This runs in the page; the project's TypeScript lib has no DOM types, hence the casts.)
      interface Row {
        getAttribute(name: string): string | null;
        hasAttribute(name: string): boolean;
        querySelector(selector: string): { textContent: string | null } | null;
        parentElement: { style: { height: string } } | null;
      }
      const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<Row> } }).document;
      const rows = [...doc.querySelectorAll('.part.sidebar .pane-body [role=treeitem]')];
      const el = rows.find((x) => re.test(x.querySelector('.label-name')?.textContent ?? ''));
      if (!el) return false;
      if (!el.hasAttribute('aria-expanded')) return true;
      if (el.getAttribute('aria-expanded') !== 'true') return false;
      if ((parseFloat(el.parentElement?.style.height ?? '') || 0) > heightBefore) return true;
      const next = rows.find((x) => Number(x.getAttribute('data-index')) === Number(el.getAttribute('data-index')) + 1);
      return !!next && Number(next.getAttribute('aria-level')) > Number(el.getAttribute('aria-level'));
    },
    { source: pattern.source, flags: pattern.flags, heightBefore },
    { timeout },
  );
}

/**
 * Polls `check` until it returns a value other than undefined/false. Only for state that gives no
 * event to wait for, such as the emulator's request log.
 */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Opens the user's Settings editor, searches for `settingId` as a user types it, and returns the
 * setting's own row (`kind`: the row's class, e.g. 'setting-item-bool'), found by its key (VS Code
 * marks each setting's row with it, data-key), not by words of its title that another row may hold.
 */
export async function userSettingRow(settingId: string, kind: string): Promise<Locator> {
  await runCommand('Preferences: Open User Settings');
  // The search box is a small editor, once it has the focus.
  const search = page().locator('.settings-editor .suggest-input-container').first();
  await search.waitFor();
  await search.click();
  const key = `[data-key="${settingId}"]`;
  const item = page().locator(`.settings-editor .${kind}:is(${key}, :has(${key}))`).first();
  // The editor searches a moment after each change of the query and draws its list anew: a value
  // typed into a row before that is lost with the row (seen alone on 1.139.1 under load: the file
  // kept the old value). It may also reopen with the last query and that row already shown, and the
  // unfiltered list keeps it in view. So the query is cleared until the count of results is gone,
  // then written in one piece, and the row is used once the count says this one setting was found:
  // the last search's list.
  const count = page().locator('.settings-editor .settings-count-widget').first();
  await page().keyboard.press('ControlOrMeta+A');
  await page().keyboard.press('Backspace');
  await eventually(async () => !(await count.isVisible()) || ((await count.textContent()) ?? '').trim() === '', 'the settings search to be cleared');
  await page().keyboard.insertText(settingId);
  await count.filter({ hasText: /^1 Setting Found$/ }).waitFor();
  await item.waitFor();
  return item;
}

/** Runs a command from the palette by its full title, e.g. 'WorkSpaces Pools: Refresh'. */
export async function runCommand(title: string): Promise<void> {
  return pictureFailure(`runCommand ${title}`, () => runCommandNow(title));
}

async function runCommandNow(title: string): Promise<void> {
  const p = page();
  await p.keyboard.press('F1');
  const input = p.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const label = new RegExp(`^${escapeRegExp(title)}(,|$)`);
  const item = p.locator('.quick-input-list .monaco-list-row').filter({ has: p.locator('.label-name', { hasText: label }) });
  await item.first().waitFor();
  await item.first().click();
}

/**
 * Closes the active editor (the palette's View: Close Editor), then, when the editor now shown is a
 * webview (a details page left under the Settings editor), waits for its page to load. VS Code gives
 * a webview editor the keyboard focus once its page has loaded, a moment after the editor shows: a
 * palette opened in that moment loses the focus and closes, and its input never shows (seen under
 * load in the UI phase: a hook's F1 right after the Settings editor closed over a details page).
 */
export async function closeActiveEditor(): Promise<void> {
  await runCommand('View: Close Editor');
  await settleShownWebview();
}

/** When a webview editor shows (see closeActiveEditor), waits for its page to have loaded. */
export async function settleShownWebview(): Promise<void> {
  // The editor that takes the closed one's place is laid out on the next frames.
  await nextFrame();
  await nextFrame();
  const shown = page().locator('iframe.webview').filter({ visible: true });
  if ((await shown.count()) === 0) return;
  await page().locator('iframe.webview.ready').filter({ visible: true }).first().waitFor({ timeout: 30_000 });
  await webviewFrame().locator('#app[aria-busy="false"]').first().waitFor({ timeout: 30_000 });
}

/** The text of the visible notification toasts (aria-labels), newest first. */
export async function notifications(): Promise<string[]> {
  return page()
    .locator('.notifications-toasts .monaco-list-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

/** Waits for a toast whose text starts with `prefix`. */
export async function waitForNotification(prefix: string | RegExp, timeout = 15_000): Promise<Locator> {
  const toast = page()
    .locator('.notifications-toasts .monaco-list-row')
    .filter({ hasText: prefix })
    .first();
  await toast.waitFor({ timeout });
  return toast;
}

/**
 * The content of the active webview panel: VS Code hosts it in an iframe (`iframe.webview`) whose
 * document holds the extension's page in a second one (`#active-frame`).
 */
export function webviewFrame(): FrameLocator {
  return page().frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/**
 * The README's images (media/readme/), each the picture of one named screenshot below cropped to one
 * part of the workbench. Written only when WSP_README_SCREENSHOTS=1 (`npm run screenshots`): an
 * ordinary test run must not change tracked files.
 */
const README_SHOTS: Readonly<Record<string, { file: string; part: string }>> = {
  'explorer-pool-expanded': { file: 'explorer.png', part: '.part.sidebar' },
  'details-dark': { file: 'details.png', part: '.part.editor' },
};
export const README_IMAGES = path.join(REPO, 'media', 'readme');

/** Saves test-results/screenshots/<minimum|newest>/NN-name.png (NN keeps them in order) and returns the path. */
export async function screenshot(name: string): Promise<string> {
  const slug = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
  const file = path.join(SCREENSHOTS, `${String(++shotCount).padStart(2, '0')}-${slug}.png`);
  await page().screenshot({ path: file });
  const readme = README_SHOTS[slug];
  if (readme && process.env.WSP_README_SCREENSHOTS === '1') {
    fs.mkdirSync(README_IMAGES, { recursive: true });
    await page().locator(readme.part).screenshot({ path: path.join(README_IMAGES, readme.file) });
  }
  return file;
}

function exact(label: string | RegExp): RegExp {
  return typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
