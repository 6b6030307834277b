// Outside strings (AWS files, settings, the service) shown as text. Every one of them may hold
// markdown, HTML, `$(icon)` syntax, bidi overrides or control characters, and must be shown literally.

/** Control characters (newlines included) would break the one-line layout of rows. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** Backslash-escapes every ASCII punctuation character (CommonMark allows it for all of them). */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|<>&~"'=:;,/?@$%^]/g, '\\$&');
}

/** Quick pick labels, status bar texts and the like render `$(name)` as an icon: break that syntax. */
export function escapeIcons(text: string): string {
  return oneLine(text).replace(/\$\(/g, '$\u200b(');
}

/**
 * Text for a notification (showErrorMessage, showWarningMessage, showInformationMessage). VS Code
 * turns `[label](command:…)`, `[label](https://…)` and `[label](file:…)` in a notification into a
 * link that runs the command or opens the target when clicked (its parser needs `](` with nothing in
 * between, and backslash escapes are not read): a zero-width space after every `]` directly followed
 * by `(` keeps the text as it was written and makes no link. `$(` is broken as in escapeIcons.
 */
export function noticeText(text: string): string {
  return escapeIcons(text).replace(/\]\(/g, ']\u200b(');
}

/** Markdown lines `**Label:** value`, values escaped, empty values left out. */
export function markdownFields(fields: [string, string | number | undefined][]): string {
  return fields
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([label, value]) => `**${label}:** ${escapeMarkdown(String(value))}`)
    .join('  \n');
}

/**
 * The characters that end the bidi embeddings, overrides and isolates `text` leaves open. A user id
 * holding U+202E (right-to-left override) is shown as it is, but VS Code renders a row's label and
 * description in one paragraph: without these in front of the description, the override would
 * reverse the description too ("CONNECTED · 2h ago" read backwards).
 */
export function bidiClosers(text: string): string {
  let embeddings = 0;
  let isolates = 0;
  for (const ch of text) {
    if (ch >= '\u202a' && ch <= '\u202e' && ch !== '\u202c') embeddings++;
    else if (ch === '\u202c') embeddings = Math.max(0, embeddings - 1);
    else if (ch >= '\u2066' && ch <= '\u2068') isolates++;
    else if (ch === '\u2069') isolates = Math.max(0, isolates - 1);
  }
  return '\u2069'.repeat(isolates) + '\u202c'.repeat(embeddings);
}

/** Shortens a string to `max` characters (code points, so no surrogate pair is cut) with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
