// Tree ids: one segment per level (profile, region, pool, session), joined with `/`. VS Code throws
// on two rows with the same id and then shows none of the second one's subtree, and the names come
// from outside (a profile may be called `a/us-east-1`, the service's ids are whatever it sends), so
// each name is percent-encoded: an encoded segment holds no `/` and no `!`, the id splits back into
// exactly the names it was made of, and two different paths never meet. Rows that are not AWS
// objects (Load more, placeholders, errors) end in a segment that starts with `!`, which no encoded
// name can. Plain names (letters, digits, `-_.~`) stay as they are, so their ids did not change.
// No `vscode` import.

const PLAIN = /^[A-Za-z0-9\-_.~]*$/;

/** One name as an id segment: every character outside `A-Za-z0-9-_.~` becomes `%XX` (UTF-8). */
export function idSegment(name: string): string {
  if (PLAIN.test(name)) return name;
  let out = '';
  // for…of walks code points; a lone surrogate (possible in the service's JSON) comes alone, and
  // encodeURIComponent would throw on it: it gets `%uXXXX`, which no UTF-8 escape looks like.
  for (const ch of name) {
    if (PLAIN.test(ch)) out += ch;
    else if (ch.length === 1 && ch.charCodeAt(0) < 0x80) out += `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    else if (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff') out += `%u${ch.charCodeAt(0).toString(16).toUpperCase()}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** The id of a child named `name` (an AWS name or id) under `parent` (undefined: the root). */
export function childId(parent: { id: string } | undefined, name: string): string {
  return joinId(parent, idSegment(name));
}

/**
 * The id of a row that is not an AWS object: `!` + a fixed word, with an optional name after `:`
 * (`!missing:<profile>`), under `parent` (undefined: the root).
 */
export function syntheticId(parent: { id: string } | undefined, word: string, name?: string): string {
  return joinId(parent, `!${word}${name === undefined ? '' : `:${idSegment(name)}`}`);
}

function joinId(parent: { id: string } | undefined, segment: string): string {
  return parent ? `${parent.id}/${segment}` : segment;
}

/**
 * A pool's id before ids were encoded (names joined with `/` as they are): the key its user filter
 * was saved under then, read once more so that a saved filter survives the upgrade.
 */
export function legacyPoolKey(profile: string, region: string, poolId: string): string {
  return `${profile}/${region}/${poolId}`;
}
