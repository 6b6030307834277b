// The shared AWS `config` and `credentials` files: where they are, whether they can be read, and
// their parsed content. Parsing is @smithy/shared-ini-file-loader's, the same code the SDK uses,
// so what we show is what the SDK will do. That loader swallows every problem (an unreadable file,
// a garbage line, a section it cannot name) and carries on with less, so a profile silently
// vanishes; we check for the obvious problems first and say which file and line are wrong.
import { promises as fs, statSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { AwsConfigError } from './errors';

export type IniSection = Record<string, string | undefined>;
export type IniData = Record<string, IniSection>;

export interface SharedFiles {
  configPath: string;
  credentialsPath: string;
  /** Which of the two exist. Neither: the user has no AWS setup yet. */
  configExists: boolean;
  credentialsExists: boolean;
  /** As the SDK sees them: config keys are `default`, `NAME`, `sso-session.NAME`, `services.NAME`. */
  configFile: IniData;
  credentialsFile: IniData;
}

export interface FileLocations {
  configPath: string;
  credentialsPath: string;
}

/** The home folder as the SDK finds it (the SSO token cache is under it). */
export function homeDir(env: NodeJS.ProcessEnv): string {
  // Same order as the SDK's getHomeDir().
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}`;
  return homedir();
}

function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  return path.startsWith('~/') ? join(homeDir(env), path.slice(2)) : path;
}

/** Where the SDK looks: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
export function sharedFileLocations(env: NodeJS.ProcessEnv = process.env): FileLocations {
  return {
    configPath: expandHome(env.AWS_CONFIG_FILE || join(homeDir(env), '.aws', 'config'), env),
    credentialsPath: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir(env), '.aws', 'credentials'), env),
  };
}

/** Reads, checks and parses both files. Missing files are empty; anything else wrong throws AwsConfigError. */
export async function readSharedFiles(env: NodeJS.ProcessEnv = process.env): Promise<SharedFiles> {
  const { configPath, credentialsPath } = sharedFileLocations(env);
  const [configText, credentialsText] = await Promise.all([readOrAbsent(configPath), readOrAbsent(credentialsPath)]);
  if (configText !== undefined) checkIni(configPath, configText, 'config');
  if (credentialsText !== undefined) checkIni(credentialsPath, credentialsText, 'credentials');
  const parsed =
    configText === undefined && credentialsText === undefined
      ? { configFile: {}, credentialsFile: {} }
      : // ignoreCache: the loader keeps every file it read in a process-wide cache, which the SDK's
        // own readers share; re-reading here also refreshes what fromIni() sees after an edit.
        await loadSharedConfigFiles({ filepath: credentialsPath, configFilepath: configPath, ignoreCache: true });
  return {
    configPath,
    credentialsPath,
    configExists: configText !== undefined,
    credentialsExists: credentialsText !== undefined,
    configFile: parsed.configFile as IniData,
    credentialsFile: parsed.credentialsFile as IniData,
  };
}

/**
 * A file's identity and version now (through links): device, inode, size, mtime, or `absent`.
 * Another stamp means the file was written, replaced or removed. Synchronous on purpose: the
 * gateway stamps both files on every call, and two statSync cost about 10 us where two awaited
 * fs.promises.stat cost about 160 us of CPU (measured: 2,000 calls), which the export's 2,000
 * requests for 100,000 sessions would pay.
 */
export function statStamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

/** Both files' stamps now: what a read made after this call may have seen. */
export function sharedFilesStamp(env: NodeJS.ProcessEnv = process.env): string {
  const { configPath, credentialsPath } = sharedFileLocations(env);
  return `${statStamp(configPath)} ${statStamp(credentialsPath)}`;
}

/**
 * The largest file read. Parsing runs on the extension host's only thread (the loader is
 * synchronous): a 10 MB file of ordinary profiles took about 4 s to check and parse, during which
 * every extension stalls. 1 MiB is some 9,000 SSO profiles, far beyond real files, and parses in
 * about 0.4 s.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

function tooBig(path: string, bytes: number): AwsConfigError {
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return new AwsConfigError(path, `is ${mb} MB; files over 1 MB are not read (AWS config files are normally a few kilobytes).`);
}

async function readOrAbsent(path: string): Promise<string | undefined> {
  try {
    // Size first, so that a huge file is never read into memory.
    const stat = await fs.stat(path);
    if (stat.isFile() && stat.size > MAX_FILE_BYTES) throw tooBig(path, stat.size);
    const text = await fs.readFile(path, 'utf8');
    // It may have grown since, or not be a regular file at all.
    if (text.length > MAX_FILE_BYTES) throw tooBig(path, Buffer.byteLength(text));
    return text;
  } catch (e) {
    if (e instanceof AwsConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'EACCES' || code === 'EPERM') throw new AwsConfigError(path, 'cannot be read: permission denied.');
    if (code === 'EISDIR') throw new AwsConfigError(path, 'is a directory, not a file.');
    throw new AwsConfigError(path, `cannot be read (${code ?? (e as Error).message}).`);
  }
}

// The loader's own grammar (see parseIni in @smithy/core/config): a comment starts a line or follows
// whitespace; `[prefix name]` names a section in the config file when name matches this pattern.
const COMMENT = /(^|\s)[;#]/;
const SECTION_NAME = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const CONFIG_PREFIXES = ['profile', 'sso-session', 'services'];

// The loader stores a section as `map[name] = map[name] || {}` and later copies `[profile NAME]`
// to `result[NAME] = ...`: a name every object already has (`__proto__`, `constructor`, `toString`,
// ...) finds the built-in instead of a new object, so the profile silently vanishes (`__proto__`
// even replaces the result's prototype) and its settings are written onto a built-in shared by the
// whole extension host (`[constructor]` sets `Object.aws_access_key_id`).
const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The profile name of a section header (without brackets) if it is one of OBJECT_MEMBERS. */
function objectMemberName(header: string): string | undefined {
  const match = SECTION_NAME.exec(header);
  // `[profile "NAME"]` (quotes optional) names NAME; `[sso-session NAME]` and `[services NAME]` are
  // stored under "sso-session.NAME" / "services.NAME", which no object has.
  const name = match ? (match[1] === 'profile' ? match[3] : undefined) : header;
  return name !== undefined && OBJECT_MEMBERS.has(name) ? name : undefined;
}

/**
 * Rejects what the loader would silently drop: lines that are neither a [section], a `key = value`
 * setting, a comment nor an indented continuation; settings before the first section; sections
 * without a closing bracket; config sections like `[profile my profile]` whose name the SDK cannot
 * read. Messages give the line number but never the line: in a credentials file it may hold a secret.
 */
export function checkIni(path: string, text: string, kind: 'config' | 'credentials'): void {
  if (text.includes('\u0000')) throw new AwsConfigError(path, 'is not a text file.');
  const lines = text.split(/\r?\n/);
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    // What the loader's `raw.split(COMMENT)[0]` keeps, without splitting a line of many ` ;` into pieces.
    const comment = raw.search(COMMENT);
    const line = (comment < 0 ? raw : raw.slice(0, comment)).trim();
    if (line === '') continue;
    const n = i + 1;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw new AwsConfigError(path, "this section header has no closing ']'.", n);
      const name = line.slice(1, -1).trim();
      if (name === '') throw new AwsConfigError(path, 'this section header has no name.', n);
      const member = objectMemberName(line.slice(1, -1));
      if (member !== undefined) {
        throw new AwsConfigError(
          path,
          `"${member}" cannot be a profile name: every JavaScript object already has a property of that name, so the AWS SDK's file parser cannot store the profile (it would vanish). Rename the profile.`,
          n,
        );
      }
      if (kind === 'config') {
        const prefix = name.split(/\s/)[0];
        if (CONFIG_PREFIXES.includes(prefix) && !SECTION_NAME.test(name)) {
          throw new AwsConfigError(
            path,
            `the name in this [${prefix} ...] header is missing or has characters the AWS SDK does not accept (use letters, digits and - _ . @ + % : /).`,
            n,
          );
        }
      }
      inSection = true;
      continue;
    }
    const continuation = /^\s/.test(raw);
    const eq = line.indexOf('=');
    if (eq === 0) throw new AwsConfigError(path, "this setting has no name before '='.", n);
    if (eq > 0) {
      if (!inSection) throw new AwsConfigError(path, 'this setting comes before the first [section] header.', n);
      // Assigning `__proto__` changes the section's prototype instead of adding a setting.
      if (line.slice(0, eq).trim() === '__proto__') throw new AwsConfigError(path, 'a setting cannot be named "__proto__".', n);
      continue;
    }
    if (continuation && inSection) continue; // the rest of a multi-line value
    if (/^[\w.-]+\s*:/.test(line)) {
      // Python's configparser (the AWS CLI) also reads `name: value`; the JavaScript SDK ignores it.
      throw new AwsConfigError(path, "this setting uses ':'; the AWS SDK reads only 'name = value'.", n);
    }
    throw new AwsConfigError(
      path,
      "this line is neither a [section] header, a 'name = value' setting, a comment nor an indented continuation.",
      n,
    );
  }
}
