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

/** Where one activation went, in ms, from the host's own marks (see activationParts). */
export interface ActivationParts {
  /** `require` of the main file: read, compile and run the bundle's top level. */
  load: number;
  /** From the code loaded to its `activate()` called: waiting for the ExtensionContext (see settle()). */
  context: number;
  /** The `activate()` call, until its result resolved. */
  activate: number;
  /** The rest of the timing: the host's bookkeeping before the load and after activate(). */
  other: number;
}

/** One round trip to the workbench (`setContext` runs there), in ms. */
async function roundTrip(): Promise<number> {
  const t0 = performance.now();
  await vscode.commands.executeCommand('setContext', 'wspBench.settled', true);
  return performance.now() - t0;
}

/** The fastest round trip of this window so far: what "quiet" means for its workbench. */
let fastestTrip = Infinity;
/** Consecutive round trips that must be quiet, and at most how many settle() tries. */
const QUIET_TRIPS = 3;
const MAX_TRIPS = 60;

/**
 * Lets the host and the workbench finish what came before, so that each extension is timed from the
 * same quiet state: the host's own setImmediate work (an extension may defer work out of its
 * `activate()`: it runs here, not inside the next extension's timing), then round trips to the
 * workbench until it answers promptly, 3 in a row within 1.5× the window's fastest + 1 ms (at most
 * 60). RPC messages are handled in order, so everything the previous activation sent (commands,
 * views, the output channel) has been handled after the first; the others wait out the workbench's
 * own work (its startup, rendering what was registered), which otherwise lands in one extension's
 * wait for its context and not the other's: one window's ratio then read anywhere from 0.26× to 10×
 * (bench/README.md, activation). Returns the last round trip's time (a bare round trip, what an
 * ExtensionContext's storage costs at least) and how many it took.
 */
async function settle(): Promise<{ ms: number; trips: number }> {
  await new Promise((resolve) => setImmediate(resolve));
  let quiet = 0;
  let ms = 0;
  let trips = 0;
  while (quiet < QUIET_TRIPS && trips < MAX_TRIPS) {
    ms = await roundTrip();
    trips++;
    fastestTrip = Math.min(fastestTrip, ms);
    quiet = ms <= fastestTrip * 1.5 + 1 ? quiet + 1 : 0;
  }
  return { ms, trips };
}

async function activation(plan: Plan): Promise<void> {
  await startupActivations();
  const result: Record<string, number> = {};
  const parts: Record<string, ActivationParts | undefined> = {};
  // The host process's CPU time over each timing (all its threads: also the thread pool's deflate of
  // the RPC frames, and GC): what the activation cost the host, which a busy machine stretches far
  // less than the wall time (a runnable process waiting for a core uses no CPU).
  const cpu: Record<string, number> = {};
  const settled = [await settle()];
  const profiler = await startProfiler();
  for (const which of plan.order) {
    const id = which === 'ours' ? OURS : EMPTY;
    const extension = vscode.extensions.getExtension(id);
    if (!extension) throw new Error(`${which} extension not loaded; loaded: ${vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id).join(', ')}`);
    if (extension.isActive) throw new Error(`${which} extension was active before the bench activated it`);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await extension.activate();
    result[which] = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu[which] = (c.user + c.system) / 1000;
    parts[which] = activationParts(id, result[which]);
    settled.push(await settle());
  }
  await profiler?.(plan.order[0]);
  emit({ activation: result, cpu, order: plan.order, parts: parts.ours && parts.empty ? parts : undefined, roundTrips: settled.map((t) => t.ms), settleTrips: settled.map((t) => t.trips) });
}

/**
 * Where an activation went, from the marks the extension host itself sets around loading an
 * extension's code (`require` of its main file) and calling its `activate()`
 * (`globalThis.MonacoPerformanceMarks`, VS Code's own performance marks; absent in another host).
 * In the Node host they are Date.now() values: each part is good to about a millisecond.
 */
function activationParts(id: string, total: number): ActivationParts | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks();
  if (!marks) return undefined;
  const at = (name: string) => marks.find((m) => m.name === `code/extHost/${name}/${id}`)?.startTime;
  const willLoad = at('willLoadExtensionCode');
  const didLoad = at('didLoadExtensionCode');
  const willActivate = at('willActivateExtension');
  const didActivate = at('didActivateExtension');
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return undefined;
  const load = didLoad - willLoad;
  const context = willActivate - didLoad;
  const activate = didActivate - willActivate;
  return { load, context, activate, other: Math.max(0, total - (didActivate - willLoad)) };
}

/**
 * WSP_BENCH_PROFILE=<path prefix>: a CPU profile of the activations (the inspector's sampling profiler,
 * 50 µs) written to `<prefix>-<first>-<time>.cpuprofile`, for finding where an activation's time goes
 * (open it in Chrome's DevTools). It slows what it profiles: the window's figures are not for the table.
 */
async function startProfiler(): Promise<((first: string) => Promise<void>) | undefined> {
  const prefix = process.env.WSP_BENCH_PROFILE;
  if (!prefix) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const inspector = require('inspector') as typeof import('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
  return async (first) => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(`${prefix}-${first}-${Date.now()}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  };
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
