// Checks on what the user types. No `vscode` import. (Nothing here quotes for a shell: no command
// line is ever built from outside text; see ssoLogin.ts.)

/** User ids as the service accepts them (WorkspacesPoolUserId: 2-128 characters). Empty clears the filter. */
export function validateUserId(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (v.length < 2) return 'A user ID has at least 2 characters (the service rejects shorter ones).';
  if (v.length > 128) return `A user ID has at most 128 characters; this one has ${v.length}.`;
  return undefined;
}
