// Export Sessions…: the VS Code part (format pick, save dialog, progress with Cancel, the offer to
// open the file). What is exported is an ExportSource (src/export/source.ts): a pool's every page,
// or sessions already known (search results); the file is written by src/export/writer.ts.
import * as os from 'os';
import * as path from 'path';
import vscode = require('vscode');
import { DescribedError } from '../aws/errors';
import { describeError } from '../aws/describeError';
import { isRecord } from '../core/guards';
import { noticeText, oneLine } from '../core/text';
import type { ExportFormat } from '../export/formats';
import { exportWriter } from '../export/lazyWriter';
import type { ExportSource } from '../export/source';
import { Cancelled, notify, UserError } from './wrapper';
import type { Log } from '../core/log';

/**
 * The command's second argument, an API for tests and automation: `{ target: vscode.Uri, format?:
 * 'csv' | 'json' }` writes to `target` without the format pick and the save dialog (the format
 * defaults to the target's extension, else CSV). Only a real `vscode.Uri` is taken, never a string:
 * a `command:` link's JSON arguments cannot name a file to write.
 */
export interface ExportOptions {
  target?: vscode.Uri;
  format?: ExportFormat;
}

export interface ExportOutcome {
  sessions: number;
  /** The file written (absolute path). */
  file: string;
  format: ExportFormat;
}

export function exportOptionsOf(arg: unknown): ExportOptions {
  // From a tree row's context menu VS Code passes the selected rows (an array) second: not options.
  if (!isRecord(arg) || Array.isArray(arg)) return {};
  const format = arg.format === 'csv' || arg.format === 'json' ? arg.format : undefined;
  return { target: arg.target instanceof vscode.Uri ? arg.target : undefined, format };
}

const FORMATS: { label: string; format: ExportFormat; detail: string }[] = [
  { label: 'CSV', format: 'csv', detail: 'One row per session, for spreadsheets (RFC 4180; cells that would run as formulas start with \')' },
  { label: 'JSON', format: 'json', detail: 'An array of the sessions as the API names them, times in ISO 8601' },
];

function formatOfPath(file: string): ExportFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : undefined;
}

function defaultFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath ?? os.homedir();
}

async function chooseFile(source: ExportSource, options: ExportOptions): Promise<{ file: string; format: ExportFormat }> {
  if (options.target) {
    if (options.target.scheme !== 'file') throw new UserError(`Export writes to files on this machine only, not to ${options.target.scheme}: locations.`);
    return { file: options.target.fsPath, format: options.format ?? formatOfPath(options.target.fsPath) ?? 'csv' };
  }
  const picked =
    options.format ??
    (await vscode.window.showQuickPick(FORMATS, { title: 'Export Sessions: format', placeHolder: 'Choose a file format', ignoreFocusOut: true }))?.format;
  if (!picked) throw new Cancelled();
  const chosen = await vscode.window.showSaveDialog({
    title: `Export sessions of ${oneLine(source.label)}`,
    saveLabel: 'Export',
    defaultUri: vscode.Uri.file(path.join(defaultFolder(), `${source.suggestedFileName}.${picked}`)),
    filters: picked === 'csv' ? { 'CSV (comma-separated values)': ['csv'], 'All files': ['*'] } : { JSON: ['json'], 'All files': ['*'] },
  });
  if (!chosen) throw new Cancelled();
  if (chosen.scheme !== 'file') throw new UserError(`Export writes to files on this machine only, not to ${chosen.scheme}: locations.`);
  // A name typed with the other extension means the other format.
  return { file: chosen.fsPath, format: formatOfPath(chosen.fsPath) ?? picked };
}

/** Asks where (unless options say), writes the file with progress and Cancel, offers to open it. */
export async function exportSessions(source: ExportSource, log: Log, options: ExportOptions = {}): Promise<ExportOutcome> {
  const { file, format } = await chooseFile(source, options);
  const { writeExport, ExportFileError } = exportWriter();
  log.info(`export: ${oneLine(source.label)} as ${format} to ${oneLine(file)}`);
  let written = 0;
  try {
    const result = await vscode.window.withProgress(
      // A progress notification renders links like any other: its outside text goes through noticeText().
      { location: vscode.ProgressLocation.Notification, title: noticeText(`Exporting sessions of ${oneLine(source.label)}`), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        let shown = 0;
        try {
          return await writeExport(source, {
            format,
            target: file,
            signal: controller.signal,
            onProgress: (n) => {
              written = n;
              // At most about ten updates a second: a 100,000-session pool reads 2,000 pages.
              const now = Date.now();
              if (now - shown < 100) return;
              shown = now;
              progress.report({ message: source.total !== undefined ? `${n.toLocaleString()} of ${source.total.toLocaleString()} sessions` : `${n.toLocaleString()} sessions` });
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
    log.info(`export: ${result.sessions} sessions written to ${oneLine(result.file)}`);
    void notify('info', `Exported ${result.sessions.toLocaleString()} sessions of ${source.label} to ${result.file}.`, 'Open', 'Reveal').then((choice) => {
      if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(result.file));
      // The OS's file manager only where the extension runs on this machine; remote: VS Code's Explorer.
      else if (choice === 'Reveal') void vscode.commands.executeCommand(vscode.env.remoteName ? 'revealInExplorer' : 'revealFileInOS', vscode.Uri.file(result.file));
    });
    return { ...result, format };
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      log.info(`export: cancelled after ${written} sessions; nothing written to ${oneLine(file)}`);
      throw new Cancelled();
    }
    if (error instanceof ExportFileError) throw new UserError(error.message);
    // The source's error (throttling, credentials...), described for the profile it was for.
    const info = describeError(error, source.profile);
    throw new DescribedError({ ...info, message: `${info.message} Nothing was saved to ${file}.` }, source.profile);
  }
}
