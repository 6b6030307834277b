// Checks and quoting for what the user types or what goes to a shell. No `vscode` import.

/** User ids as the service accepts them (WorkspacesPoolUserId: 2-128 characters). Empty clears the filter. */
export function validateUserId(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (v.length < 2) return 'A user ID has at least 2 characters (the service rejects shorter ones).';
  if (v.length > 128) return `A user ID has at most 128 characters; this one has ${v.length}.`;
  return undefined;
}

/** Quotes a profile name for the integrated terminal's shell (POSIX shells, or PowerShell on Windows). */
export function shellQuote(value: string, platform: NodeJS.Platform = process.platform): string {
  if (/^[A-Za-z0-9_.@+-]+$/.test(value)) return value;
  return platform === 'win32' ? `'${value.replace(/'/g, "''")}'` : `'${value.replace(/'/g, `'\\''`)}'`;
}
