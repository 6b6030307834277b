// Shared by the security tests (extension-host suite, UI tests): the hostile strings added on top of
// the emulator's own corpus, and the scan of a run folder for secrets. No `vscode` import.
import * as fs from 'fs';
import * as path from 'path';

/** Set by any of the payloads below if it ever runs, in whatever window or frame it runs. */
export const INJECTED_FLAG = '__wspInjected';

/**
 * Hostile user ids that prove more than the emulator's HOSTILE_USER_IDS (whose scripts call alert,
 * which a test cannot observe): payloads that set INJECTED_FLAG, icon and markdown syntax, a
 * stylesheet that would hide everything, and a newline that would forge a log line. All are valid
 * UserIds for the model (2-128 characters, no pattern).
 */
export const FLAG_USER_IDS: readonly string[] = [
  `<img src=x onerror="globalThis.${INJECTED_FLAG}=1">`,
  `<script>globalThis.${INJECTED_FLAG}=1</script>`,
  `"><svg onload="globalThis.${INJECTED_FLAG}=1"><b>`,
  `<iframe srcdoc="<script>parent.${INJECTED_FLAG}=1</script>">`,
  '$(bug) $(alert) spoofed icons',
  '[docs](command:workbench.action.quit) **bold** _em_ `code`',
  '<style>*{display:none!important}</style>',
  'forged\n2026-01-01 00:00:00.000 [error] FORGED LOG LINE',
];

/**
 * Links as VS Code's notifications render them (`[label](command:…)`, `https:`, `file:`, with a
 * title): put into any outside string that can reach a message.
 */
export const LINK_PAYLOADS: readonly string[] = [
  '[Sign in again](command:workbench.extensions.installExtension?%22evil.publisher-ext%22)',
  '[docs](https://evil.example/phish "AWS documentation")',
  '[log](file:///etc/passwd)',
  'x](command:workbench.action.quit) [y',
];

/**
 * Hostile profile names: the AWS files allow any bytes but NUL in a section name. Control characters
 * (Ctrl-U erases a shell's line, CR ends it), newlines, quotes of every shell, markdown links,
 * `$(icon)` syntax, `/` (the tree joins ids with it) and `%` (format directives, URL escapes).
 */
export const HOSTILE_PROFILE_NAMES: readonly string[] = [
  'evil\x15touch PWNED\r',
  "q'uo\"te`s $(whoami) ‘pw’ ‚sh‛",
  'two\nlines',
  'tab\tand\x1b[31mred',
  LINK_PAYLOADS[0],
  '$(bug) $(alert) icons',
  'a/us-east-1',
  '100%s%d%25%0a',
];

/**
 * Hostile regions (the setting workspacesPools.regions, a profile's `region`, remembered choices):
 * not one is a region code.
 */
export const HOSTILE_REGIONS: readonly string[] = [
  LINK_PAYLOADS[0],
  'us-east-1\n[x](command:workbench.action.quit)',
  'us-east-1\r',
  'us-\x15east-1',
  '$(bug)-1',
  'us-east-1/../../x',
  'us-east-1%0a',
  'US-EAST-1',
  '',
];

/** What a one-line display (tree row, log line) may show for a user id: control characters as spaces. */
export function oneLineForm(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

export interface Secret {
  /** Safe to print: says which secret, never what it is. */
  label: string;
  value: string;
}

export interface SecretHit {
  file: string;
  secret: string;
  encoding: string;
}

/**
 * Every file under `root` (recursively, symlinks not followed) that contains a secret, whole or its
 * first 16 characters (a truncated log line would still leak), as UTF-8 or UTF-16LE (Chromium's
 * storage and V8 serialisation keep strings as either). `exclude` are paths (files or folders)
 * written on purpose with the secrets in them: the AWS files the harness made, the emulator's own log.
 */
export function scanForSecrets(root: string, secrets: Secret[], exclude: string[] = []): { hits: SecretHit[]; filesScanned: number; bytesScanned: number } {
  const needles: { secret: string; encoding: string; bytes: Buffer }[] = [];
  for (const s of secrets) {
    for (const text of new Set([s.value, s.value.slice(0, 16)])) {
      needles.push({ secret: s.label, encoding: 'utf8', bytes: Buffer.from(text, 'utf8') });
      needles.push({ secret: s.label, encoding: 'utf16le', bytes: Buffer.from(text, 'utf16le') });
    }
  }
  const excluded = exclude.map((p) => path.resolve(p));
  const isExcluded = (p: string) => excluded.some((e) => p === e || p.startsWith(e + path.sep));
  const hits: SecretHit[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // removed while we walked (a temp file of the workbench)
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (isExcluded(full)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        let data: Buffer;
        try {
          data = fs.readFileSync(full);
        } catch {
          continue;
        }
        filesScanned++;
        bytesScanned += data.length;
        const found = new Set<string>();
        for (const n of needles) {
          const key = `${n.secret}/${n.encoding}`;
          if (!found.has(key) && data.includes(n.bytes)) {
            found.add(key);
            hits.push({ file: path.relative(root, full), secret: n.secret, encoding: n.encoding });
          }
        }
      }
    }
  };
  walk(root);
  return { hits, filesScanned, bytesScanned };
}

/** Files under `root` whose name matches, for finding the extension's log file in a user-data folder. */
export function findFiles(root: string, name: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && name.test(e.name)) out.push(full);
    }
  };
  walk(root);
  return out;
}
