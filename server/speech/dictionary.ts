/**
 * Pronunciations for the words of a speech grammar, in CMU dictionary form (ARPAbet phones). The
 * decoder cannot use a grammar word it has no pronunciation for (the whole grammar fails), so every
 * word either gets one here or is reported as unpronounceable and left out of the grammar.
 */

/** Looks a lower-case word up in a pronunciation dictionary: its variants, or undefined. */
export type Pronouncer = (word: string) => readonly string[] | undefined;

export type DictionaryEntry = { word: string; phones: string };

/** How each letter is said when a word is spelled out ("h v a c", "b three two"). */
const LETTER_PHONES: Readonly<Record<string, string>> = {
  a: 'EY',
  b: 'B IY',
  c: 'S IY',
  d: 'D IY',
  e: 'IY',
  f: 'EH F',
  g: 'JH IY',
  h: 'EY CH',
  i: 'AY',
  j: 'JH EY',
  k: 'K EY',
  l: 'EH L',
  m: 'EH M',
  n: 'EH N',
  o: 'OW',
  p: 'P IY',
  q: 'K Y UW',
  r: 'AA R',
  s: 'EH S',
  t: 'T IY',
  u: 'Y UW',
  v: 'V IY',
  w: 'D AH B AH L Y UW',
  x: 'EH K S',
  y: 'W AY',
  z: 'Z IY',
};

/** Parses the CMU dictionary format: `word PH ONES`, variants as `word(2) ...`, `#` comments. */
export function parseCmuDictionary(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0 || line.startsWith(';;;')) continue;
    const head = line.slice(0, space);
    const paren = head.indexOf('(');
    const word = paren > 0 ? head.slice(0, paren) : head;
    const hash = line.indexOf('#', space);
    const phones = (hash > 0 ? line.slice(space + 1, hash) : line.slice(space + 1)).trim();
    if (!phones) continue;
    const list = out.get(word);
    if (list) list.push(phones);
    else out.set(word, [phones]);
  }
  return out;
}

function spellPhones(word: string): string | null {
  const phones: string[] = [];
  for (const ch of word) {
    const p = LETTER_PHONES[ch];
    if (!p) return null;
    phones.push(p);
  }
  return phones.length > 0 ? phones.join(' ') : null;
}

/**
 * Every pronunciation for `word`, or null when none can be made. `spelled`: the word is written
 * as an acronym (LED, HVAC), so its letter-by-letter reading is added to any dictionary reading.
 * Words the dictionary lacks are tried as a plural of a known word, then as known pieces
 * ("contactor" = contact + or); short letter-only words are spelled; anything else is null.
 */
export function pronounce(word: string, lookup: Pronouncer, spelled = false): string[] | null {
  const found = [...(lookup(word) ?? [])];
  if (word.length === 1) {
    // A single letter in the grammar is a bin's aisle or part of a name ("m eight"): say its name.
    const letter = LETTER_PHONES[word];
    if (letter && !found.includes(letter)) found.push(letter);
  }
  if (spelled) {
    const letters = spellPhones(word);
    if (letters && !found.includes(letters)) found.push(letters);
  }
  if (found.length > 0) return found;
  const plural = pluralOf(word, (w) => lookup(w)?.[0] ?? fromPieces(w, lookup, 0) ?? undefined);
  if (plural) return [plural];
  const pieces = fromPieces(word, lookup, 0);
  if (pieces) return [pieces];
  if (word.length <= 4) return spelled || /^[a-z]+$/.test(word) ? nonNull(spellPhones(word)) : null;
  return null;
}

function nonNull(v: string | null): string[] | null {
  return v ? [v] : null;
}

function pluralOf(word: string, base: (w: string) => string | undefined): string | null {
  if (!word.endsWith('s') || word.length < 3) return null;
  const es = word.endsWith('es') ? base(word.slice(0, -2)) : undefined;
  if (es && /(S|Z|SH|CH|JH|ZH)$/.test(es)) return `${es} IH Z`;
  const singular = base(word.slice(0, -1));
  if (!singular) return null;
  if (/(S|Z|SH|CH|JH|ZH)$/.test(singular)) return `${singular} IH Z`;
  return /(P|T|K|F|TH)$/.test(singular) ? `${singular} S` : `${singular} Z`;
}

/** Longest known prefix first (three letters or more, the rest two or more), at most three pieces. */
function fromPieces(word: string, lookup: Pronouncer, depth: number): string | null {
  if (depth > 2) return null;
  for (let cut = word.length - 1; cut >= 3; cut--) {
    const head = lookup(word.slice(0, cut))?.[0];
    if (!head) continue;
    const rest = word.slice(cut);
    if (rest.length < 2) continue;
    const tail = lookup(rest)?.[0] ?? (rest.length >= 3 ? fromPieces(rest, lookup, depth + 1) : null);
    if (tail) return `${head} ${tail}`;
  }
  return null;
}

/** The decoder's dictionary file: one line per pronunciation, variants numbered `word(2)`. */
export function dictionaryText(entries: readonly DictionaryEntry[]): string {
  const seen = new Map<string, number>();
  const lines: string[] = [];
  for (const e of entries) {
    const n = (seen.get(e.word) ?? 0) + 1;
    seen.set(e.word, n);
    lines.push(`${n === 1 ? e.word : `${e.word}(${n})`} ${e.phones}`);
  }
  return `${lines.join('\n')}\n`;
}
