// The real-VS Code figures of `npm run bench`, measured by the bench itself: it starts the emulator,
// code-server and Chromium through the test harness (harness/), loads the extension (production build)
// and an empty baseline extension (bench/vscode/emptyExtension) side by side in each window, and runs
// bench/vscode/host.ts in the extension host as the window's extensionTestsPath.
//
//   activation      host.ts times `extension.activate()` of both, the order alternating per window
//   first paint     Chromium: a click on the view container's tab → its first row shown; both, alternating
//   Load more       Chromium: Enter on "Load more…" → the first new session's row shown, at 100 loaded
//                   and at 10,000 loaded (host.ts loads the pools and focuses the row)
//   details page    Chromium: a click on a session → filled page, against the empty extension's bare
//                   webview (a click on its row → its page filled by a ready/data round trip); the
//                   moments from the browser's own clocks (Driver.openPage)
import { spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { buildScenario } from '../emulator/scenarioBuilder';
import { developmentPayload } from '../harness/codeServer';
import { REPO } from '../harness/runDir';
import { ensureHarness, packageExtension, startSession, type Session } from '../harness/session';
import type { ActivationParts, Plan } from './vscode/host';
import { fmt, markdownTable, type Row } from './report';

const SECTION = 'Real VS Code';
const OUT = path.join(REPO, 'test-results', 'bench', 'vscode');
const HOST_BUNDLE = path.join(REPO, 'out', 'bench', 'host.js');
const EMPTY_EXTENSION = path.join(__dirname, 'vscode', 'emptyExtension');
const RUNNER_EXTENSION = path.join(__dirname, 'vscode', 'runner');

/** The bench scenario: one profile, a pool big enough for Load more at 10,000 and a small one. */
const PROFILE = 'bench-00';
/**
 * Load more is timed in pairs, one at 10,000 loaded and one at 100, the pool that goes first
 * alternating from pair to pair: a machine whose load drifts, and the window's first Load more
 * (code still cold), then weigh on both sides alike. Blocks of 5 and 5 gave ratios of 1.21–1.82×
 * from run to run. Each page is 50: the pools hold enough for every pair's page.
 */
const LOAD_MORE_PAIRS = 9;
const BIG = { name: 'load-pool-0-0-00', sessions: 10_000 + 50 * (LOAD_MORE_PAIRS + 2), at: 10_000 };
const SMALL = { name: 'load-pool-0-0-01', sessions: 100 + 50 * (LOAD_MORE_PAIRS + 2), at: 100 };
/** Details pages opened per extension: 9, not 5, since the moments are exact (openPage) and a rare stall of seconds is seen on both. */
const SAMPLES = 9;
/**
 * Activation windows. 24, not 8: one window's ratio ranged from 0.2× to 4.5× on this machine (the
 * wait for the workbench's round trip dominates both extensions' times), and the geometric mean of 8
 * read 1.42×, 1.56× and 1.62× for the same code in three runs; of 24, 1.38× and 1.60× (2026-12-01).
 */
const ACTIVATION_WINDOWS = 24;
/** One user per session, so that a session's row is found by its label. */
const label = (pool: number, i: number) => `user${i}.p${pool}@load.example`;

const TITLES = { ours: 'WorkSpaces Pools', empty: 'Bench Empty' } as const;
const FIRST_ROW = { ours: PROFILE, empty: 'bench-row-1' } as const;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/**
 * The ratio of paired samples whose order alternates: the geometric mean of the per-window ratios.
 * The first extension a window activates pays for the host's own first-activation work, so each
 * window's ratio leans one way or the other; alternating the order and taking the geometric mean
 * cancels that lean.
 */
const pairedRatio = (xs: number[], ys: number[]) => Math.exp(xs.reduce((sum, x, i) => sum + Math.log(x / ys[i]), 0) / xs.length);
const spread = (xs: number[]) => `median of ${xs.length}, ${fmt.ms(Math.min(...xs))}–${fmt.ms(Math.max(...xs))}`;

/** Both measured extensions as users get them: packaged, then installed from the .vsix. */
function build(): string[] {
  const empty = path.join(OUT, 'bench-empty-extension.vsix');
  const r = spawnSync(
    path.join(REPO, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', empty],
    { cwd: EMPTY_EXTENSION, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`packaging the empty extension failed: ${r.stderr || r.stdout}`);
  esbuild.buildSync({
    entryPoints: [path.join(__dirname, 'vscode', 'host.ts')],
    outfile: HOST_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'silent',
  });
  return [packageExtension(), empty];
}

interface Window {
  results: Record<string, unknown>[];
}

/** Everything a window does, driven from here; one at a time on the session's page. */
class Driver {
  private onLine: (line: string) => void = () => undefined;
  private onExit: (code: number) => void = () => undefined;

  constructor(
    private readonly session: Session,
    private readonly page: Page,
  ) {}

  static async create(session: Session): Promise<Driver> {
    const driver = new Driver(session, session.browser!.page);
    await driver.page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      for (const arg of args ?? []) for (const line of String(arg).split('\n')) driver.onLine(line);
    });
    await driver.page.exposeFunction('codeAutomationExit', (code: number) => driver.onExit(code));
    return driver;
  }

  /** Loads a new window with the plan; `steps` answers host.ts's steps. */
  async window(plan: Plan, steps: (step: string, data: Record<string, unknown>) => Promise<unknown>): Promise<Window> {
    fs.rmSync(plan.stepsDir, { recursive: true, force: true });
    fs.mkdirSync(plan.stepsDir, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'plan.json'), JSON.stringify(plan));
    const results: Record<string, unknown>[] = [];
    const failures: string[] = [];
    this.onLine = (line) => {
      const m = /^WSP_BENCH (.*)$/.exec(line.trim());
      if (!m) return;
      const data = JSON.parse(m[1]) as Record<string, unknown>;
      if (typeof data.step !== 'string') {
        results.push(data);
        return;
      }
      const name = data.step;
      // Written beside, then renamed: the host reads the file as soon as its name appears.
      const answer = (value: unknown) => {
        const file = path.join(plan.stepsDir, `${name}.done`);
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(value ?? {}));
        fs.renameSync(`${file}.tmp`, file);
      };
      steps(name, data).then(answer, (error: unknown) => {
        failures.push(`step ${name}: ${error instanceof Error ? error.message : String(error)}`);
        // The host must not wait for an answer that will not come.
        answer({ failed: true });
      });
    };
    const exited = new Promise<number>((resolve) => (this.onExit = resolve));
    const payload = developmentPayload(this.session.server, RUNNER_EXTENSION, HOST_BUNDLE);
    await this.page.goto(this.session.server.workbenchUrl(payload), { timeout: 120_000, waitUntil: 'domcontentloaded' });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 300_000)))]);
    clearTimeout(timer);
    const hostError = results.find((r) => typeof r.error === 'string');
    if (hostError) failures.push(`extension host: ${String(hostError.error)}`);
    if (code === 'timeout') failures.push('the window did not finish within 300 s');
    else if (code !== 0 && !hostError) failures.push(`the window exited with code ${code}`);
    if (failures.length) throw new Error(failures.join('; '));
    return { results };
  }

  /** A row's label that is exactly `text`. */
  private labelled(text: string) {
    return this.page.locator('.label-name', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  }

  private row(text: string) {
    return this.page.locator('.part.sidebar .pane-body [role=treeitem]').filter({ has: this.labelled(text) }).first();
  }

  /** Click on a view container's tab → its first row shown. */
  async firstPaint(which: 'ours' | 'empty'): Promise<number> {
    const tab = this.page.getByRole('tab', { name: TITLES[which] });
    await tab.waitFor({ timeout: 60_000 });
    const t0 = performance.now();
    await tab.click();
    await this.row(FIRST_ROW[which]).waitFor({ timeout: 60_000 });
    return performance.now() - t0;
  }

  /** Enter on the focused "Load more…" row → the first newly loaded session's row shown. */
  async loadMore(expect: string, sample: number): Promise<number> {
    const focused = this.page.locator('.part.sidebar .pane-body [role=treeitem].focused');
    await focused
      .filter({ hasText: 'Load more…' })
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        throw new Error(`sample ${sample}: the focused "Load more…" row not shown within 60 s (${await this.treeState(`load-more-${sample}`)}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      });
    const t0 = performance.now();
    await this.page.keyboard.press('Enter');
    await this.row(expect).waitFor({ timeout: 60_000 });
    const ms = performance.now() - t0;
    // The command goes on after the rows show: it moves the keyboard focus to the first new session
    // (src/commands/loadMoreFocus.ts), a reveal that reaches the workbench a moment later. The step
    // ends once it has: else the host's reveal of the next "Load more…" can land first and the
    // command's then takes the focus from it (seen on a busy machine: the next sample found the
    // first new session focused and waited in vain).
    await focused
      .filter({ has: this.labelled(expect) })
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        throw new Error(`sample ${sample}: the focus did not move to the first new session ${expect} within 60 s (${await this.treeState(`first-new-${sample}`)}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      });
    return ms;
  }

  /** What the tree shows when a wait failed: its focused row, the rows rendered, its scroll; and a screenshot. */
  private async treeState(name: string): Promise<string> {
    const file = path.join(OUT, `FAILED-${name}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    const state = await this.page
      .evaluate(() => {
        interface El {
          className: string;
          scrollTop: number;
          getAttribute(name: string): string | null;
        }
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El>; querySelector(s: string): El | null } }).document;
        const rows = Array.from(doc.querySelectorAll('.part.sidebar .pane-body [role=treeitem]'))
          .map((r) => ({ index: Number(r.getAttribute('data-index')), label: r.getAttribute('aria-label') ?? '', focused: /\bfocused\b/.test(r.className), selected: /\bselected\b/.test(r.className) }))
          .sort((a, b) => a.index - b.index);
        const scrollable = doc.querySelector('.part.sidebar .pane-body .monaco-list .monaco-scrollable-element > .monaco-list-rows');
        return {
          rendered: rows.length ? `${rows[0].index}–${rows[rows.length - 1].index}` : 'none',
          focused: rows.filter((r) => r.focused).map((r) => `${r.index}: ${r.label}`),
          selected: rows.filter((r) => r.selected).map((r) => `${r.index}: ${r.label}`),
          loadMore: rows.filter((r) => r.label.startsWith('Load more')).map((r) => `${r.index}: ${r.label}`),
          activeDescendant: doc.querySelector('.part.sidebar .pane-body .monaco-list[role=tree]')?.getAttribute('aria-activedescendant') ?? null,
          top: scrollable?.getAttribute('style') ?? '',
        };
      })
      .catch((error: unknown) => ({ error: String(error) }));
    return `tree: ${JSON.stringify(state)}; screenshot ${path.relative(REPO, file)}`;
  }

  private async closeEditors(): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>View: Close All Editors');
    const item = this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: /^View: Close All Editors/ }).first();
    await item.click();
    // The next sample finds its page by the last ready webview frame: one left open would be timed
    // instead. A failed wait fails the window, and the bench reports the figures as a FAILED row.
    await this.page
      .locator('iframe.webview')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 })
      .catch((error: unknown) => {
        throw new Error(`View: Close All Editors left a webview open: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      });
  }

  /**
   * A click on a row → the page in the webview filled: total, and from the editor's tab shown. Each
   * moment is read from the browser's own clocks, not from when this driver noticed it (its checks
   * ran 0–120 ms late, and differently for the two pages: bench/README.md, details page): the click
   * is the row's pointerdown event, the tab the first animation frame that has it, and the page
   * filled the User Timing mark 'filled' that each page sets when it first shows its data (Element
   * Timing, the paint itself, records nothing in a webview's frame here). All as epoch milliseconds
   * (performance.timeOrigin + …), one clock across the frames.
   */
  async openPage(which: 'ours' | 'empty', rowLabel: string, filled: string): Promise<{ click: number; page: number }> {
    await this.closeEditors();
    const tab = this.page.getByRole('tab', { name: TITLES[which] });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    const target = this.row(rowLabel);
    await target.waitFor({ timeout: 30_000 });
    // Source text, not functions: run in the browser as written (no build helpers, no DOM types here).
    await this.page.evaluate(`(() => {
      const label = ${JSON.stringify(rowLabel)};
      const times = (window.wspBenchClick = {});
      document.addEventListener('pointerdown', (e) => (times.click ??= performance.timeOrigin + e.timeStamp), { capture: true, once: true });
      const until = performance.now() + 30000;
      requestAnimationFrame(function frame(t) {
        if (Array.from(document.querySelectorAll('.tab.active .label-name')).some((el) => el.textContent === label)) times.tab = performance.timeOrigin + t;
        else if (t < until) requestAnimationFrame(frame);
      });
    })()`);
    await target.click();
    await this.page.locator('.tab.active .label-name', { hasText: rowLabel }).first().waitFor({ timeout: 30_000 });
    const frame = this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator(filled).first().waitFor({ timeout: 30_000 });
    const filledAt = (await frame.locator('body').evaluate("performance.timeOrigin + (performance.getEntriesByName('filled', 'mark')[0]?.startTime ?? NaN)")) as number;
    const times = (await this.page.evaluate('window.wspBenchClick')) as { click?: number; tab?: number };
    if (Number.isNaN(filledAt) || times.click === undefined || times.tab === undefined) {
      throw new Error(`${which} page: a moment was not recorded (pointerdown ${times.click}, tab ${times.tab}, filled mark ${filledAt})`);
    }
    return { click: filledAt - times.click, page: filledAt - times.tab };
  }
}

export interface VscodeOptions {
  /** Activation windows (each a new workbench and extension host); the default is ACTIVATION_WINDOWS. */
  activationWindows?: number;
  /** Only the activation windows (no first paint, Load more, details): `npx tsx bench/vscode.ts --activation`. */
  activationOnly?: boolean;
  /**
   * Only the window that goes on to Load more and the details page (its first paint is timed too but
   * not reported): `npx tsx bench/vscode.ts --load-more [--repeat N]` runs that part alone.
   */
  loadMoreOnly?: boolean;
}

export async function benchVscode(options: VscodeOptions = {}): Promise<Row[]> {
  ensureHarness();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const vsix = build();
  const scenarioFile = path.join(OUT, 'scenario.json');
  const scenario = buildScenario({
    profiles: 1,
    profilePrefix: 'bench',
    regions: ['us-east-1'],
    poolsPerRegion: 2,
    sessions: (_a, _r, p) => (p === 0 ? BIG.sessions : SMALL.sessions),
    usersPerPool: 100_000,
  });
  fs.writeFileSync(scenarioFile, JSON.stringify(scenario));
  // Read by code-server's extension host (the run's environment is copied from this process's).
  process.env.WSP_BENCH_PLAN = path.join(OUT, 'plan.json');
  process.env.WSP_BENCH_EMPTY_ROWS = FIRST_ROW.empty;
  const stepsDir = path.join(OUT, 'steps');

  const session = await startSession({ kind: 'bench', scenario: scenarioFile, vsix, browser: true, log: () => undefined });
  const activation = { ours: [] as number[], empty: [] as number[], requests: 0, parts: [] as Record<'ours' | 'empty', ActivationParts>[], roundTrips: [] as number[], settleTrips: [] as number[], cpu: { ours: [] as number[], empty: [] as number[] } };
  const paint = { ours: [] as number[], empty: [] as number[] };
  const loadMore = { small: [] as number[], big: [] as number[] };
  const pages = { ours: [] as { click: number; page: number }[], empty: [] as { click: number; page: number }[] };
  try {
    const driver = await Driver.create(session);
    for (let w = 0; w < (options.loadMoreOnly ? 0 : (options.activationWindows ?? ACTIVATION_WINDOWS)); w++) {
      const order: Plan['order'] = w % 2 ? ['empty', 'ours'] : ['ours', 'empty'];
      const before = await requestCount(session.emulator.url);
      const { results } = await driver.window({ kind: 'activation', order, stepsDir }, () => Promise.resolve());
      const r = results.find((x) => x.activation) as
        | { activation: Record<'ours' | 'empty', number>; cpu?: Record<'ours' | 'empty', number>; parts?: Record<'ours' | 'empty', ActivationParts>; roundTrips?: number[]; settleTrips?: number[] }
        | undefined;
      if (!r) throw new Error('the activation window reported nothing');
      // Every window's timings and parts, for reading one window against another.
      fs.appendFileSync(path.join(OUT, 'activation.jsonl'), `${JSON.stringify({ order, ...r })}\n`);
      activation.ours.push(r.activation.ours);
      activation.empty.push(r.activation.empty);
      if (r.parts) activation.parts.push(r.parts);
      activation.roundTrips.push(...(r.roundTrips ?? []));
      activation.settleTrips.push(...(r.settleTrips ?? []));
      if (r.cpu) {
        activation.cpu.ours.push(r.cpu.ours);
        activation.cpu.empty.push(r.cpu.empty);
      }
      activation.requests = Math.max(activation.requests, (await requestCount(session.emulator.url)) - before);
    }
    let paintRequests = 0;
    for (let w = options.loadMoreOnly ? 2 : 0; w < (options.activationOnly ? 0 : 3); w++) {
      const order: Plan['order'] = w % 2 ? ['empty', 'ours'] : ['ours', 'empty'];
      const last = w === 2;
      const loadMoreSamples = last ? Array.from({ length: LOAD_MORE_PAIRS }, (_, i) => (i % 2 ? [BIG.name, SMALL.name] : [SMALL.name, BIG.name])).flat() : undefined;
      await driver.window(
        {
          kind: 'paint',
          order,
          stepsDir,
          pools: last ? [{ name: BIG.name, load: BIG.at }, { name: SMALL.name, load: SMALL.at }] : undefined,
          loadMore: loadMoreSamples,
        },
        async (step, data) => {
          if (step === 'paint') {
            const base = session.emulator.url;
            const before = await requestCount(base);
            for (const which of order) paint[which].push(await driver.firstPaint(which));
            paintRequests = Math.max(paintRequests, (await requestCount(base)) - before);
            return {};
          }
          if (step.startsWith('loadMore-')) {
            const pool = data.pool === BIG.name ? 0 : 1;
            const ms = await driver.loadMore(label(pool, Number(data.loaded)), Number(step.slice('loadMore-'.length)));
            (pool === 0 ? loadMore.big : loadMore.small).push(ms);
            return { ms };
          }
          if (step === 'final') {
            for (let i = 0; i < SAMPLES; i++) {
              // Sessions near the top of the small pool's rows, each opened once.
              const user = label(1, 10 + i);
              const ours = await driver.openPage('ours', user, `[data-field="title"]:text("${user}")`);
              const empty = await driver.openPage('empty', FIRST_ROW.empty, '#app[data-filled]');
              pages.ours.push(ours);
              pages.empty.push(empty);
            }
            return {};
          }
          throw new Error(`unknown step ${step}`);
        },
      );
    }
    activation.requests = Math.max(activation.requests, paintRequests);
  } finally {
    await session.end();
  }

  // The Load more window's rows (computed only when that window ran).
  const later = (): Row[] => {
    const l = { small: median(loadMore.small), big: median(loadMore.big) };
    const click = { ours: median(pages.ours.map((x) => x.click)), empty: median(pages.empty.map((x) => x.click)) };
    const own = { ours: median(pages.ours.map((x) => x.page)), empty: median(pages.empty.map((x) => x.page)) };
    return [
      {
        section: SECTION,
        figure: `Load more at ${BIG.at.toLocaleString('en')} loaded`,
        value: fmt.ms(l.big),
        baseline: `at ${SMALL.at} loaded ${fmt.ms(l.small)}`,
        ratio: `${pairedRatio(loadMore.big, loadMore.small).toFixed(2)}×`,
        note: `Enter → first new row shown; ${spread(loadMore.big)}; ratio: geometric mean of ${loadMore.big.length} pairs, order alternating (ratio of medians ${fmt.ratio(l.big, l.small)}); target <= 1.5`,
      },
      { section: SECTION, figure: 'details: click on a session → filled page', value: fmt.ms(click.ours), baseline: `bare webview ${fmt.ms(click.empty)}`, ratio: fmt.ratio(click.ours, click.empty), note: spread(pages.ours.map((x) => x.click)) },
      { section: SECTION, figure: "details page's own time: tab shown → filled page", value: fmt.ms(own.ours), baseline: `bare webview ${fmt.ms(own.empty)}`, ratio: fmt.ratio(own.ours, own.empty), note: spread(pages.ours.map((x) => x.page)) },
    ];
  };
  if (options.loadMoreOnly) return later();
  const a = { ours: median(activation.ours), empty: median(activation.empty) };
  const activationRow: Row = {
    section: SECTION,
    figure: 'extension.activate(), installed from the .vsix',
    value: fmt.ms(a.ours),
    baseline: `empty extension ${fmt.ms(a.empty)}`,
    ratio: `${pairedRatio(activation.ours, activation.empty).toFixed(2)}×`,
    note: `${spread(activation.ours)}; ratio: geometric mean of ${activation.ours.length} windows, order alternating (per-window ratios ${rangeOf(activation.ours.map((x, i) => x / activation.empty[i]))}); target <= 1.5${partsNote(activation.parts, activation.roundTrips, activation.settleTrips)}`,
  };
  const cpuRow: Row | undefined = activation.cpu.ours.length
    ? {
        section: SECTION,
        figure: "extension.activate(): the extension host's CPU time",
        value: fmt.ms(median(activation.cpu.ours)),
        baseline: `empty extension ${fmt.ms(median(activation.cpu.empty))}`,
        ratio: `${pairedRatio(activation.cpu.ours, activation.cpu.empty).toFixed(2)}×`,
        note: `the same timings as the row above, in CPU time of the host process (process.cpuUsage: all its threads); ${spread(activation.cpu.ours)}; ratio: geometric mean of ${activation.cpu.ours.length} windows. A busy machine stretches the wall time (a process waiting for a core), far less the CPU time: read the row above with the load average`,
      }
    : undefined;
  if (options.activationOnly) return [activationRow, ...(cpuRow ? [cpuRow] : []), { section: SECTION, figure: 'requests sent by activation', value: `${activation.requests} requests` }];
  const p = { ours: median(paint.ours), empty: median(paint.empty) };
  return [
    activationRow,
    ...(cpuRow ? [cpuRow] : []),
    {
      section: SECTION,
      figure: "view's first paint: tab click → profiles listed",
      value: fmt.ms(p.ours),
      baseline: `empty extension's tree ${fmt.ms(p.empty)}`,
      ratio: `${pairedRatio(paint.ours, paint.empty).toFixed(2)}×`,
      note: `${spread(paint.ours)}; includes activation; ratio: geometric mean of ${paint.ours.length} windows, order alternating`,
    },
    { section: SECTION, figure: 'requests sent by activation and first paint', value: `${activation.requests} requests` },
    ...later(),
  ];
}

/**
 * Both timings run the same path in the extension host (load the main file, wait for the context's
 * storage, call activate()); the host's own marks split them (medians, whole ms: see host.ts). The
 * context's wait is mostly one round trip to the workbench, which the host sends only once the code
 * is loaded (bench/README.md): the bare round trip measured between activations is given with it.
 */
function partsNote(parts: Record<'ours' | 'empty', ActivationParts>[], roundTrips: number[], settleTrips: number[]): string {
  if (parts.length === 0) return '';
  const m = (which: 'ours' | 'empty', part: keyof ActivationParts) => fmt.ms(median(parts.map((p) => p[which][part])));
  const both = (part: keyof ActivationParts) => `${m('ours', part)} (empty ${m('empty', part)})`;
  const settled = settleTrips.length ? `, once settled (round trips until 3 prompt ones: median ${median(settleTrips)}, at most ${Math.max(...settleTrips)})` : '';
  const trip = roundTrips.length ? `; a bare round trip to the workbench ${fmt.ms(median(roundTrips))} (median of ${roundTrips.length})${settled}` : '';
  return `; of which loading the code ${both('load')}, waiting for the context ${both('context')}, activate() ${both('activate')}, the rest ${both('other')}${trip}`;
}

const rangeOf = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}×`;

async function requestCount(base: string): Promise<number> {
  const r = await fetch(`${base}/_emulator/log/next`);
  return ((await r.json()) as { next: number }).next;
}

/**
 * `npx tsx bench/vscode.ts [--activation] [--windows N]`: this module alone (the real-VS Code rows of
 * `npm run bench`), printed as the same table; `--activation` runs only the activation windows.
 * `npx tsx bench/vscode.ts --load-more [--repeat N]`: the Load more window alone (a new session each
 * run), N times; prints each run's rows or its failure, then how many passed.
 */
if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--load-more')) {
    const repeat = Number(args[args.indexOf('--repeat') + 1]) || 1;
    void (async () => {
      let passed = 0;
      for (let i = 1; i <= repeat; i++) {
        const t0 = performance.now();
        try {
          const rows = await benchVscode({ loadMoreOnly: true });
          passed++;
          console.log(`run ${i}/${repeat} passed in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${rows.map((r) => `${r.figure}: ${r.value}${r.ratio ? ` (${r.ratio})` : ''}${r.note ? `; ${r.note}` : ''}`).join(' | ')}`);
        } catch (error) {
          console.log(`run ${i}/${repeat} FAILED in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      console.log(`${passed} of ${repeat} runs passed`);
      process.exit(passed === repeat ? 0 : 1);
    })();
  } else {
    const windows = args.includes('--windows') ? Number(args[args.indexOf('--windows') + 1]) : undefined;
    const t0 = performance.now();
    benchVscode({ activationOnly: args.includes('--activation'), activationWindows: windows }).then(
      (rows) => {
        process.stdout.write(`${markdownTable(rows)}\n`);
        process.stderr.write(`[bench] real VS Code: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  }
}
