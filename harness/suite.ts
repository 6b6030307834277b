// Runs the mocha suite (out/test/suite/index.js) inside the real extension host of code-server.
// code-server does not take --extensionDevelopmentPath/--extensionTestsPath on its command line; the
// web workbench reads them from the `payload` query parameter, and reports the suite's output and exit
// code through window.codeAutomationLog / window.codeAutomationExit.
import * as fs from 'fs';
import * as util from 'util';
import type { Browser } from './browser';
import { developmentPayload, type CodeServer } from './codeServer';

export interface SuiteResult {
  exitCode: number;
  passed: number;
  failed: number;
  /** Tests skipped (`this.skip()`, `it.skip`, `xit`). */
  pending: number;
}

/** The line test/suite/index.ts prints when mocha ends; the runner reprints its counts as its last lines. */
export const SUMMARY = /^(\d+) passed, (\d+) failed, (\d+) pending$/;

/** Workbench chatter that the extension host forwards along with the suite's output. */
const NOISE =
  /^(Resolving|Resolved|Creating a socket|Updating additional|\[Service Worker\]|\[lifecycle\]|ChatSessionStore|getaddrinfo ENOTFOUND|Ignoring fetching additional builtin extensions|Creation of workbench contribution|%c)/;

/**
 * Newer web workbenches (VS Code 1.139) take the payload's development options (extensionDevelopmentPath,
 * extensionTestsPath) only when started for automated tests: `developmentOptions.enableSmokeTestDriver`
 * in the workbench's configuration, which the VS Code server sets from --enable-smoke-test-driver, a flag
 * that code-server's command line refuses. code-server embeds the configuration in the page
 * (meta#vscode-workbench-web-configuration, attribute data-settings, read with getAttribute when the
 * workbench starts): the harness adds the option as the workbench reads it. Without it the workbench
 * opens without the extension under development and runs no test.
 */
async function enableDevelopmentPayload(page: Browser['page']): Promise<void> {
  await page.addInitScript(() => {
    // (Runs in the page, before its own scripts.)
    interface Attributed {
      id: string;
      getAttribute(name: string): string | null;
    }
    const proto = (globalThis as unknown as { Element: { prototype: Attributed } }).Element.prototype;
    const original = proto.getAttribute;
    proto.getAttribute = function (this: Attributed, name: string) {
      const value = original.call(this, name);
      if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
      const config = JSON.parse(value) as { developmentOptions?: Record<string, unknown> };
      config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
      return JSON.stringify(config);
    };
  });
}

export async function runSuite(
  server: CodeServer,
  browser: Browser,
  options: {
    extensionPath: string;
    testsPath: string;
    timeoutMs: number;
    verbose?: boolean;
    print?: (line: string) => void;
    /**
     * Every line of the extension host's console (what it writes to stdout/stderr, Node's warnings
     * included), as the workbench forwards it, is appended here: the extension host's log, read by
     * test/suite/node.test.ts.
     */
    consoleLog?: string;
  },
): Promise<SuiteResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const { page } = browser;
  let summary: { passed: number; failed: number; pending: number } | undefined;
  let exit!: (code: number) => void;
  let ended = false;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    // After mocha's summary the workbench only logs its own shutdown errors.
    if (ended && !options.verbose) return;
    // (Logged before the noise filter below: the file keeps every line.)
    const text = util.format(...(args ?? []));
    if (options.consoleLog) fs.appendFileSync(options.consoleLog, `${text}\n`);
    for (const line of text.split('\n')) {
      const m = SUMMARY.exec(line.trim());
      if (m) {
        summary = { passed: Number(m[1]), failed: Number(m[2]), pending: Number(m[3]) };
        ended = true;
        continue;
      }
      if (options.verbose || !NOISE.test(line)) print(line);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    ended = true;
    exit(code);
  });
  if (options.verbose) page.on('console', (m) => print(`[browser ${m.type()}] ${m.text()}`));
  await enableDevelopmentPayload(page);
  // 'commit': the suite's end (codeAutomationExit, below, within timeoutMs) is what we wait for, not the
  // page's load event, which a busy machine can hold back past goto's own 30 s.
  await page.goto(server.workbenchUrl(developmentPayload(server, options.extensionPath, options.testsPath)), { waitUntil: 'commit' });
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    exited,
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (code === 'timeout') {
    print(`the extension-host suite did not finish within ${options.timeoutMs / 1000} s`);
    return { exitCode: 1, passed: summary?.passed ?? 0, failed: (summary?.failed ?? 0) + 1, pending: summary?.pending ?? 0 };
  }
  if (!summary) {
    // The suite never reached mocha's end (the extension or the suite failed to load): one failure.
    print(`the extension-host suite exited with code ${code} without a summary`);
    return { exitCode: code === 0 ? 1 : code, passed: 0, failed: 1, pending: 0 };
  }
  if (summary.passed === 0 && summary.failed === 0) {
    // Exit 0 with nothing run (a grep that matches nothing): a failure, whatever the code says.
    print('no extension-host test passed: the suite ran no test');
    return { exitCode: Math.max(1, code), ...summary, failed: 1 };
  }
  const exitCode = code !== 0 || summary.failed > 0 ? Math.max(1, code) : 0;
  return { exitCode, ...summary };
}
