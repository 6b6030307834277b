// Ids that hide what they are. A user id may hold characters that render as nothing (zero-width
// space, soft hyphen, word joiner…) or that reorder what follows (bidi overrides and isolates):
// `ad\u200Bmin@x` looks exactly like `admin@x`, and `\u202Egnp.exe@x` reads "x@exe.png". Wherever an
// id is shown, such characters are written out as a marked escape (`⟨U+200B⟩`) and the id is flagged.
// No `vscode` import: the tree, the palette, the details host and the page bundle share it.

/**
 * Characters shown as an escape: every control (Cc: C0, DEL, C1) and format character (Cf: bidi
 * marks, embeddings, overrides and isolates, zero-width space/joiners, word joiner, BOM, soft
 * hyphen, Arabic letter mark, tags…), line and paragraph separators, spaces other than U+0020 (they
 * look like a space but do not match one), and the letters and marks that render as blank (Hangul
 * fillers, Khmer inherent vowels, combining grapheme joiner).
 */
// The combining marks (U+034F, U+17B4, U+17B5) stand outside the class: inside one, a mark would
// combine with the character before it (eslint: no-misleading-character-class).
const HIDDEN_SOURCE = '[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Zs}\\u115f\\u1160\\u3164\\uffa0]|\\u034f|\\u17b4|\\u17b5';
const HIDDEN = new RegExp(`^(?:${HIDDEN_SOURCE})$`, 'u');
const HIDDEN_ALL = new RegExp(HIDDEN_SOURCE, 'gu');
/** The escape's own opening bracket is written out too, so that no id can show a forged escape. */
const SHOWN_AS_ESCAPE = new RegExp(`${HIDDEN_SOURCE}|\u27e8`, 'gu');

/** Said wherever such an id is flagged: the tree's tooltip, the details page. */
export const HIDDEN_CHARACTERS_NOTE = 'This user id holds invisible or direction-control characters, written here as ⟨U+…⟩.';

function escapeOf(ch: string): string {
  return `⟨U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** True when `text` holds a character that is invisible or changes the direction of what follows. */
export function hasHiddenCharacters(text: string): boolean {
  for (const ch of text) if (ch !== ' ' && HIDDEN.test(ch)) return true;
  return false;
}

/**
 * `text` with every hidden character written as `⟨U+XXXX⟩` (an ASCII space stays a space). The
 * result holds no control, format or separator character, so it is also one line and cannot
 * reverse what is shown after it.
 */
export function showHidden(text: string): string {
  return text.replace(SHOWN_AS_ESCAPE, (ch) => (ch === ' ' ? ch : escapeOf(ch)));
}

/** The skeleton two ids are compared by: hidden characters removed, case folded. */
function skeleton(text: string): string {
  return stripHidden(text).toLowerCase();
}

function stripHidden(text: string): string {
  return text.replace(HIDDEN_ALL, (ch) => (ch === ' ' ? ch : ''));
}

/** How `id` differs from `wanted` when only hidden characters and case tell them apart; undefined otherwise. */
export function lookalikeDifference(wanted: string, id: string): 'hidden characters' | 'case' | 'hidden characters and case' | undefined {
  if (id === wanted || skeleton(id) !== skeleton(wanted)) return undefined;
  if (id.toLowerCase() === wanted.toLowerCase()) return 'case';
  return stripHidden(id) === stripHidden(wanted) ? 'hidden characters' : 'hidden characters and case';
}

/**
 * The one text of a filter that found nothing although a known id differs from it only by hidden
 * characters or case; undefined when no known id does.
 */
export function lookalikeNote(wanted: string, ids: Iterable<string>): string | undefined {
  for (const id of ids) {
    const difference = lookalikeDifference(wanted, id);
    if (!difference) continue;
    const what = difference === 'case' ? 'case' : difference === 'hidden characters' ? 'invisible characters' : 'invisible characters and case';
    return `a loaded user id differs only by ${what}: ${showHidden(id)}`;
  }
  return undefined;
}
