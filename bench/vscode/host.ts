// The extension-host half of `npm run bench`'s real-VS Code figures (bench/vscode.ts is the other half,
// in Node, driving Chromium). VS Code runs this file's `run()` as the window's extensionTestsPath, with
// the real extension and the empty baseline extension (bench/vscode/emptyExtension) loaded side by side.
//
// What the window does is read from the plan file the driver wrote (WSP_BENCH_PLAN). Results go out as
// `WSP_BENCH {json}` lines on the console, which the workbench forwards to the driver. When the driver
// has to act in Chromium, this side prints a `WSP_BENCH {"step": …}` line and waits for the driver's
// answer file (fs.watch: an event, not a poll).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXPLORER_VIEW } from '../../src/ids';
import type { ExplorerModel } from '../../src/model/explorerModel';
import type { Item, PoolEntry } from '../../src/model/items';

export const OURS = 'workspaces-pools-explorer.workspaces-pools-explorer';
export const EMPTY = 'wsp-bench.bench-empty-extension';

export interface Plan {
  /**
   * 'activation': activate both extensions from here, in `order`. 'paint': the driver opens both views
   * in Chromium, in `order` (their first paint includes their activation); then, with `pools`, the
   * driver's Load more and details steps.
   */
  kind: 'activation' | 'paint';
  order: ('ours' | 'empty')[];
  /** Folder where the driver writes `<step>.done`. */
  stepsDir: string;
  /** For 'ui': the pools to prepare, by name, and how many sessions to load into each before the steps. */
  pools?: { name: string; load: number }[];
  /** For 'ui': Load more samples, in order: which pool. */
  loadMore?: string[];
}

interface Api {
  model: ExplorerModel;
  view: vscode.TreeView<Item>;
}

function emit(data: unknown): void {
  console.log(`WSP_BENCH ${JSON.stringify(data)}`);
}

/** Resolves when the driver has written `<name>.done` (its content, JSON). */
function waitForDriver(dir: string, name: string): Promise<unknown> {
  const file = path.join(dir, `${name}.done`);
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (!fs.existsSync(file)) return false;
      watcher.close();
      try {
        resolve(JSON.parse(fs.readFileSync(file, 'utf8')));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
      return true;
    };
    const watcher = fs.watch(dir, () => void check());
    check();
  });
}

async function step(plan: Plan, name: string, data: Record<string, unknown> = {}): Promise<unknown> {
  emit({ step: name, ...data });
  return waitForDriver(plan.stepsDir, name);
}

/**
 * Waits for the activations the host starts by itself at startup (`*` and `onStartupFinished`: Git,
 * GitHub, merge conflicts, debug auto-attach...). Timed while those run, whichever extension goes
 * first shares the host's thread with them and the ratio says more about their timing than about
 * either extension; after them both are timed in the same quiet host.
 */
async function startupActivations(): Promise<void> {
  const eager = vscode.extensions.all.filter((e) => {
    const events: unknown = (e.packageJSON as { activationEvents?: unknown }).activationEvents;
    return e.id !== OURS && e.id !== EMPTY && Array.isArray(events) && events.some((a) => a === '*' || a === 'onStartupFinished');
  });
  // A built-in extension that fails to activate is not this bench's concern.
  await Promise.all(eager.map((e) => Promise.resolve(e.activate()).catch(() => undefined)));
}

async function activation(plan: Plan): Promise<void> {
  await startupActivations();
  const result: Record<string, number> = {};
  for (const which of plan.order) {
    const extension = vscode.extensions.getExtension(which === 'ours' ? OURS : EMPTY);
    if (!extension) throw new Error(`${which} extension not loaded; loaded: ${vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id).join(', ')}`);
    if (extension.isActive) throw new Error(`${which} extension was active before the bench activated it`);
    const t0 = performance.now();
    await extension.activate();
    result[which] = performance.now() - t0;
  }
  emit({ activation: result, order: plan.order, parts: activationParts() });
}

/**
 * Where each extension's activation went, from the marks the extension host itself sets around
 * loading an extension's code (`require` of its main file) and calling its `activate()`
 * (`globalThis.MonacoPerformanceMarks`, VS Code's own performance marks; absent in another host).
 */
function activationParts(): Record<string, { load: number; activate: number }> | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks();
  if (!marks) return undefined;
  const at = (name: string) => marks.find((m) => m.name === name)?.startTime;
  const parts: Record<string, { load: number; activate: number }> = {};
  for (const [which, id] of [['ours', OURS], ['empty', EMPTY]] as const) {
    const willLoad = at(`code/extHost/willLoadExtensionCode/${id}`);
    const didLoad = at(`code/extHost/didLoadExtensionCode/${id}`);
    const willActivate = at(`code/extHost/willActivateExtension/${id}`);
    const didActivate = at(`code/extHost/didActivateExtension/${id}`);
    if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return undefined;
    parts[which] = { load: didLoad - willLoad, activate: didActivate - willActivate };
  }
  return parts;
}

async function child(model: ExplorerModel, parent: Item | undefined, match: (item: Item) => boolean, what: string): Promise<Item> {
  const found = (await model.children(parent)).find(match);
  if (!found) throw new Error(`no ${what} in the tree`);
  return found;
}

async function paintAndUi(plan: Plan): Promise<void> {
  await step(plan, 'paint');
  if (!plan.pools) return;
  const api = (await vscode.extensions.getExtension<Api>(OURS)!.activate());
  const { model, view } = api;
  await vscode.commands.executeCommand('workbench.view.extension.workspacesPools');
  const profile = await child(model, undefined, (i) => i.kind === 'profile', 'profile');
  // One region: pools are the profile's children; several: under a region row.
  let poolsParent: Item = profile;
  const level = await model.children(profile);
  if (level.some((i) => i.kind === 'region')) poolsParent = level.find((i) => i.kind === 'region')!;
  const pools = new Map<string, PoolEntry>();
  for (const spec of plan.pools ?? []) {
    const pool = (await child(model, poolsParent, (i) => i.kind === 'pool' && i.name === spec.name, `pool ${spec.name}`)) as PoolEntry;
    pools.set(spec.name, pool);
    // Loaded while the row is collapsed: the tree reads a pool's children only once it is expanded.
    await model.ensureLoaded(pool);
    while (pool.sessions.sessions.length < spec.load && pool.sessions.hasMore) await model.loadMore(pool);
  }
  for (const pool of pools.values()) await view.reveal(pool, { expand: true, select: false, focus: false });
  const samples: Record<string, number[]> = {};
  for (const [i, name] of (plan.loadMore ?? []).entries()) {
    const pool = pools.get(name)!;
    const loaded = pool.sessions.sessions.length;
    // The row the driver presses Enter on: focused, so the key goes to it.
    await view.reveal(pool.loadMoreItem, { select: true, focus: true });
    const answer = (await step(plan, `loadMore-${i}`, { pool: name, loaded })) as { ms: number };
    (samples[`${name}@${loaded}`] ??= []).push(answer.ms);
  }
  // The details samples click sessions near the top of the last pool: only that pool stays expanded.
  await vscode.commands.executeCommand(`workbench.actions.treeView.${EXPLORER_VIEW}.collapseAll`);
  const last = [...pools.values()].pop();
  if (last) await view.reveal(last, { expand: true, select: false, focus: false });
  await step(plan, 'final');
  emit({ loadMoreDone: samples });
}

export async function run(): Promise<void> {
  const planFile = process.env.WSP_BENCH_PLAN;
  if (!planFile) throw new Error('WSP_BENCH_PLAN is not set');
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as Plan;
  try {
    if (plan.kind === 'activation') await activation(plan);
    else await paintAndUi(plan);
    console.log('1 passed, 0 failed, 0 pending');
  } catch (error) {
    emit({ error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
    console.log('0 passed, 1 failed, 0 pending');
    throw error;
  }
}
