// Finding a program on the PATH, for running it as a process with an argument array (no shell, so
// no quoting of the arguments is needed or done). No `vscode` import.
import * as fs from 'fs';
import * as path from 'path';

/**
 * The absolute path of `name` on the PATH of `env`, or undefined.
 *
 * - Only absolute PATH entries are searched: an empty or relative entry ("", ".", "bin") would find
 *   a program in whatever folder is current, e.g. an `aws` planted in an untrusted workspace.
 * - On Windows only `.exe` and `.com` are taken, never `.cmd`/`.bat`: those run through cmd.exe,
 *   which parses the arguments again (`&`, `|`, `%VAR%`), the very injection this avoids. The AWS
 *   CLI v2 installs `aws.exe`.
 */
export function findExecutable(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  /** Whether a path is a file this platform can run (the tests give Windows' answer on Linux). */
  canRun: (file: string) => boolean = (file) => isExecutableFile(file, platform === 'win32'),
): string | undefined {
  const win = platform === 'win32';
  const p = win ? path.win32 : path.posix;
  const pathValue = (win ? Object.entries(env).find(([k]) => k.toUpperCase() === 'PATH')?.[1] : env.PATH) ?? '';
  const names = win ? ['.exe', '.com'].map((ext) => name + ext) : [name];
  for (const dir of pathValue.split(win ? ';' : ':')) {
    const entry = win ? dir.replace(/^"(.*)"$/, '$1') : dir;
    if (!entry || !p.isAbsolute(entry)) continue;
    for (const candidate of names) {
      const full = p.join(entry, candidate);
      if (canRun(full)) return full;
    }
  }
  return undefined;
}

function isExecutableFile(file: string, win: boolean): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (!win) fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
