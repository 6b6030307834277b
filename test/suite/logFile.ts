// The extension's log as the workbench writes it to disk: the suites read what a user would see in
// the "WorkSpaces Pools" output channel.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { findFiles } from '../support/security';

const LOG_FILE = /^\d*-?WorkSpaces Pools\.log$/;

/** The text of the extension's log file, once it holds `needle` (the logger writes asynchronously). */
export async function logHolding(needle: string, timeoutMs = 15_000): Promise<string> {
  const config = process.env.AWS_CONFIG_FILE;
  assert.ok(config, 'AWS_CONFIG_FILE is not set');
  const root = path.dirname(path.dirname(config));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = findFiles(path.join(root, 'ud'), LOG_FILE)
      .map((f) => fs.readFileSync(f, 'utf8'))
      .find((t) => t.includes(needle));
    if (text !== undefined) return text;
    if (Date.now() > deadline) throw new Error(`no line with ${JSON.stringify(needle)} in the log after ${timeoutMs} ms`);
    // The log file is written by another process of the workbench: nothing to await but the file.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
