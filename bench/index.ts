// `npm run bench`: every figure the project tracks, in one table, on stdout and in
// test-results/bench/latest.md. See bench/README.md for what each figure means and where it comes from.
//
//   npm run bench                 everything measurable in plain Node, plus the real-VS Code figures
//                                 (activation; webview open, from the UI tests) read from
//                                 test-results/bench/*.json as the last `npm test` / `npm run test:vscode`
//                                 / `npm run test:e2e` wrote them, with their age
//   npm run bench -- --vscode     runs the extension-host suite first (a few minutes), so those are fresh
//   npm run bench -- --quick      skips the slow plain-Node parts other modules mark as such (passes quick)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchBundles } from './bundle';
import { fmt, markdownTable, rowsFrom, type Row } from './report';
import { benchFirstPage, benchMemory, benchRequests, staleSuiteFile, type SuiteRun } from './requests';

const REPO = path.resolve(__dirname, '..');
const RESULTS = path.join(REPO, 'test-results', 'bench');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');

/**
 * Bench modules owned by other parts of the project, loaded only if their file exists (a missing one
 * is a row saying so, and a failed run). Each export is called with `{ quick }` and may return rows
 * (see Row in report.ts) or a record of figures.
 */
const MODULES: { file: string; export: string; section: string }[] = [
  { file: 'pager.ts', export: 'benchPager', section: 'Pager vs bare SDK loop' },
  { file: 'emulator.ts', export: 'benchEmulator', section: 'Emulator' },
  { file: 'load.ts', export: 'benchLoad', section: 'Load' },
  { file: 'search.ts', export: 'benchSearch', section: "Find User's Sessions" },
];

/** Figures from the real VS Code, written by the extension-host suite and the UI tests. */
const RESULT_FILES: { file: string; section: string; bySuite?: boolean; rows(data: Record<string, unknown>): Row[] }[] = [
  {
    file: 'activation.json',
    bySuite: true, // test/suite/activation.test.ts: written by `npm run test:vscode`
    section: 'Activation (real VS Code)',
    rows: (d) => [
      {
        section: 'Activation (real VS Code)',
        figure: 'activate()',
        value: fmt.ms(Number(d.activationMs)),
        baseline: d.baselineMs !== undefined ? `${String(d.baselineName ?? 'baseline')} ${fmt.ms(Number(d.baselineMs))}` : undefined,
        ratio: d.baselineMs !== undefined ? fmt.ratio(Number(d.activationMs), Number(d.baselineMs)) : undefined,
        note: `requests sent by activation: ${String(d.requestsAtActivation ?? '?')}`,
      },
    ],
  },
  {
    file: 'webview-open.json',
    section: 'Webview (real VS Code)',
    rows: (d) => {
      const s = (key: string) => (d[key] ?? {}) as { median?: number; min?: number; max?: number };
      const spread = (key: string) => `median of ${String(d.runs)}, ${fmt.ms(Number(s(key).min))}–${fmt.ms(Number(s(key).max))}`;
      return [
        {
          section: 'Webview (real VS Code)',
          figure: 'click in the tree → filled page (Chromium)',
          value: fmt.ms(Number(s('click').median)),
          baseline: `the page's tab shown ${fmt.ms(Number(s('clickTab').median))}`,
          ratio: fmt.ratio(Number(s('click').median), Number(s('clickTab').median)),
          note: spread('click'),
        },
        {
          section: 'Webview (real VS Code)',
          figure: 'Refresh → updated page (Chromium)',
          value: fmt.ms(Number(s('refresh').median)),
          baseline: `the emulator's time for the requests ${fmt.ms(Number(s('refreshService').median))}`,
          ratio: fmt.ratio(Number(s('refresh').median), Number(s('refreshService').median)),
          note: spread('refresh'),
        },
      ];
    },
  },
  {
    file: 'webview-click.json',
    section: 'Webview (real VS Code)',
    rows: (d) => [
      {
        section: 'Webview (real VS Code)',
        figure: 'click in the tree → filled page (Chromium)',
        value: fmt.ms(Number(d.clickToFilledMs)),
        note: 'one UI-test sample, no baseline (includes the workbench opening the editor)',
      },
    ],
  },
];

async function step(section: string, run: () => Promise<Row[]>): Promise<Row[]> {
  const t0 = performance.now();
  process.stderr.write(`[bench] ${section}…\n`);
  try {
    const rows = await run();
    process.stderr.write(`[bench] ${section}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    return rows;
  } catch (error) {
    return [{ section, figure: '(could not run)', value: error instanceof Error ? error.message : String(error), failed: true }];
  }
}

async function external(module: (typeof MODULES)[number]): Promise<Row[]> {
  const file = path.join(__dirname, module.file);
  if (!fs.existsSync(file)) {
    return [{ section: module.section, figure: `bench/${module.file}`, value: 'module missing', failed: true }];
  }
  return step(module.section, async () => {
    const loaded = (await import(file)) as Record<string, unknown>;
    const fn = loaded[module.export];
    if (typeof fn !== 'function') throw new Error(`bench/${module.file} does not export ${module.export}()`);
    const result: unknown = await (fn as (o: { quick: boolean }) => unknown)({ quick });
    return rowsFrom(module.section, result, `bench/${module.file}`);
  });
}

function resultFileRows(suite: SuiteRun | undefined): Row[] {
  const rows: Row[] = [];
  for (const spec of RESULT_FILES) {
    const file = path.join(RESULTS, spec.file);
    const stale = spec.bySuite ? staleSuiteFile(file, suite) : undefined;
    if (stale) {
      rows.push({ section: spec.section, figure: spec.file, value: stale, note: 'a file from an earlier run is not shown', failed: true });
      continue;
    }
    if (!fs.existsSync(file)) {
      rows.push({ section: spec.section, figure: spec.file, value: 'not written yet: run `npm run test:vscode` / `npm test`, or `npm run bench -- --vscode`', failed: true });
      continue;
    }
    const age = fmt.age(Date.now() - fs.statSync(file).mtimeMs);
    try {
      for (const row of spec.rows(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)) {
        rows.push({ ...row, note: [row.note, `test-results/bench/${spec.file}, ${age}`].filter(Boolean).join('; ') });
      }
    } catch (error) {
      rows.push({ section: spec.section, figure: spec.file, value: `unreadable: ${String(error)}`, failed: true });
    }
  }
  return rows;
}

function runExtensionHostSuite(): SuiteRun {
  process.stderr.write('[bench] running the extension-host suite (npm run test:vscode) for the real-VS Code figures…\n');
  // A suite file older than this was not written by this run.
  const startedMs = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'test:vscode'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  const status = r.error ? String(r.error) : r.signal ? `signal ${r.signal}` : `exit ${String(r.status)}`;
  if (r.status !== 0) process.stderr.write(`[bench] the extension-host suite failed (${status}): its figures are marked FAILED\n`);
  return { ok: r.status === 0, status, startedMs };
}

async function main(): Promise<number> {
  const started = new Date();
  const suite = args.has('--vscode') ? runExtensionHostSuite() : undefined;
  const rows: Row[] = [];
  rows.push(...(await step('Bundles', benchBundles)));
  rows.push(...resultFileRows(suite));
  rows.push(...(await step('Requests per action', () => benchRequests(suite))));
  rows.push(...(await external(MODULES[0])));
  rows.push(...(await step('Time to first page', () => benchFirstPage())));
  rows.push(...(await step('Memory', benchMemory)));
  for (const module of MODULES.slice(1)) rows.push(...(await external(module)));

  const header = `# Benchmarks\n\n\`npm run bench${[...args].length ? ` -- ${[...args].join(' ')}` : ''}\` on ${started.toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs.\n`;
  const text = `${header}\n${markdownTable(rows)}\n`;
  process.stdout.write(`\n${text}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'latest.md'), text);
  process.stderr.write(`[bench] written to ${path.relative(REPO, path.join(RESULTS, 'latest.md'))}\n`);
  const failed = rows.filter((r) => r.failed);
  if (failed.length) process.stderr.write(`[bench] ${failed.length} figure(s) could not be produced\n`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
