// The extension's one log: an output channel with levels (`{ log: true }`), one line per event.
// Never pass it a credential, a token or a secret: callers log operation names, ids and outcomes.
import vscode = require('vscode');
import type { Log, LogLevel, LogLine } from './core/log';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('WorkSpaces Pools', { log: true });
  return channel;
}

export function showLog(): void {
  log().show(true);
}

/**
 * The log whose channel is made on its first line (or Show Log): creating a channel is a message to
 * the workbench that activation need not wait for, and most sessions write no line before the first
 * request. Disposing it disposes the channel, if made.
 */
export function lazyLog(): Log & vscode.Disposable & { line: LogLine } {
  return {
    info: (line) => log().info(line),
    warn: (line) => log().warn(line),
    error: (line) => log().error(line),
    // For the parts without `vscode` (model, AWS layer): each line at its level.
    line: (line, level: LogLevel = 'info') => log()[level](line),
    dispose: () => channel?.dispose(),
  };
}
