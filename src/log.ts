// The extension's one log: an output channel with levels (`{ log: true }`), one line per event.
// Never pass it a credential, a token or a secret: callers log operation names, ids and outcomes.
import vscode = require('vscode');
import type { LogLevel, LogLine } from './core/log';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('WorkSpaces Pools', { log: true });
  return channel;
}

export function showLog(): void {
  log().show(true);
}

/** The channel as a LogLine for the parts without `vscode` (model, AWS layer): each line at its level. */
export function logLine(channel: vscode.LogOutputChannel = log()): LogLine {
  return (line: string, level: LogLevel = 'info') => channel[level](line);
}
