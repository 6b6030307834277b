// The levels of the extension's log (those of VS Code's LogOutputChannel), for the parts without
// `vscode`: they pass a level with each line, and src/log.ts sends it to the channel at that level,
// so that the Output view's level filter shows errors as errors. No `vscode` import.

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** One line at a level; no level: info. Never a credential, a token or a secret. */
export type LogLine = (line: string, level?: LogLevel) => void;

/** The extension's log as commands and pages write it: a line at its level (a LogOutputChannel is one). */
export interface Log {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}
