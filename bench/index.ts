// `npm run bench`: every figure the project tracks, measured in this run, in one table, on stdout and in
// test-results/bench/latest.md. See bench/README.md for what each figure means and where it comes from.
// The real-VS Code figures start code-server and Chromium through the test harness (bench/vscode.ts).
//
//   npm run bench                 everything
//   npm run bench -- --quick      skips the slow plain-Node parts other modules mark as such (passes quick)
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchBundles } from './bundle';
import { markdownTable, rowsFrom, type Row } from './report';
import { benchFirstPage, benchMemory, benchRequests } from './requests';
import { benchVscode } from './vscode';

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
  { file: 'autoRefresh.ts', export: 'benchAutoRefresh', section: 'Auto-refresh (plain Node)' },
  { file: 'export.ts', export: 'benchExport', section: 'Export' },
  { file: 'search.ts', export: 'benchSearch', section: "Find User's Sessions" },
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
  return step(module.section, async () => rowsFrom(module.section, await inOwnProcess(file, module.export), `bench/${module.file}`));
}

/** Runs a module's export in a process of its own (bench/runModule.ts says why); its output passes through. */
async function inOwnProcess(file: string, name: string): Promise<unknown> {
  const out = path.join(os.tmpdir(), `wsp-bench-${process.pid}-${path.basename(file, '.ts')}.json`);
  fs.rmSync(out, { force: true });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'runModule.ts'), file, name, out, ...(quick ? ['--quick'] : [])], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`bench/${path.basename(file)} exited ${code}: ${stderr.trim().split('\n').pop() ?? ''}`);
  try {
    return JSON.parse(fs.readFileSync(out, 'utf8')) as unknown;
  } finally {
    fs.rmSync(out, { force: true });
  }
}

async function main(): Promise<number> {
  const started = new Date();
  const rows: Row[] = [];
  rows.push(...(await step('Bundles', benchBundles)));
  rows.push(...(await step('Real VS Code', benchVscode)));
  rows.push(...(await step('Requests per action', benchRequests)));
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
