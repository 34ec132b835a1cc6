import type { Locale } from './locale.ts';
import { phraseWords, type Token, tokenize, tokenKey } from './tokens.ts';
import type { Vocabulary } from './vocabulary.ts';

export type EntityKind = 'item' | 'asset';
export type Entity = { kind: EntityKind; id: string; name: string };

/** One way of naming an entity (name, the name before its first comma, alias, SKU, tag) as tokens. */
export type Phrase = {
  entity: number;
  keys: readonly string[];
  /** Per-token share of the phrase, summing to 1: rare words and numbers carry the name. */
  weights: Float64Array;
  /**
   * A model number on its own ("6204"): its numbers of three or more digits may make a match,
   * where a number elsewhere never does without a word ("five" must not name "Pump 5").
   */
  numeric: boolean;
};

/**
 * Everything `matchEntities` needs, built once per vocabulary: phrases, an inverted index from a
 * content word to the phrases containing it, and a one-deletion index for misheard words.
 */
export type EntityIndex = {
  entities: readonly Entity[];
  phrases: readonly Phrase[];
  byKey: ReadonlyMap<string, readonly number[]>;
  /** Word, and each word with one letter deleted -> the indexed words it can stand for. */
  deletions: ReadonlyMap<string, readonly string[]>;
  /** Words that never make a match on their own (function words, fillers, cue words). */
  reserved: ReadonlySet<string>;
};

/** Words shorter than this must be heard exactly; a one-letter slip in "nut" is another word. */
export const FUZZY_MIN_LENGTH = 5;

export function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function namesOf(name: string): string[] {
  const head = name.split(',')[0]?.trim() ?? '';
  return head !== '' && head !== name.trim() ? [name, head] : [name];
}

/** Words the locale uses to carry intent; an entity phrase made only of these is no match. */
function reservedWords(locale: Locale): Set<string> {
  const out = new Set<string>();
  const add = (phrase: string) => {
    for (const w of phraseWords(phrase, locale)) out.add(w);
  };
  for (const w of [...locale.stopWords, ...locale.fillers, ...locale.unitWords]) add(w);
  for (const w of [...locale.binWords, ...locale.binFillers, ...locale.aisleWords]) add(w);
  for (const w of locale.workOrderWords) add(w);
  return out;
}

export function buildEntityIndex(vocabulary: Vocabulary, locale: Locale): EntityIndex {
  const entities: Entity[] = [];
  const raw: { entity: number; tokens: Token[] }[] = [];
  const addEntity = (kind: EntityKind, id: string, name: string, spoken: readonly string[]) => {
    const entity = entities.push({ kind, id, name }) - 1;
    const seen = new Set<string>();
    for (const text of spoken) {
      const tokens = tokenize(text, locale);
      const sig = tokens.map(tokenKey).join(' ');
      if (tokens.length === 0 || seen.has(sig)) continue;
      seen.add(sig);
      raw.push({ entity, tokens });
    }
  };
  for (const item of vocabulary.items)
    addEntity('item', item.id, item.name, [...namesOf(item.name), ...item.aliases, item.sku]);
  for (const asset of vocabulary.assets)
    addEntity('asset', asset.id, asset.name, [...namesOf(asset.name), ...asset.aliases, asset.tag]);

  // Document frequency per entity, so a word every bolt shares ("bolt") counts less than "m8"'s size.
  const keysOfEntity = new Map<number, Set<string>>();
  for (const p of raw) {
    const keys = keysOfEntity.get(p.entity) ?? new Set<string>();
    for (const t of p.tokens) keys.add(tokenKey(t));
    keysOfEntity.set(p.entity, keys);
  }
  const df = new Map<string, number>();
  for (const keys of keysOfEntity.values()) for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
  const n = Math.max(entities.length, 1);
  const reserved = reservedWords(locale);

  const phrases: Phrase[] = [];
  const byKey = new Map<string, number[]>();
  const deletions = new Map<string, string[]>();
  const indexDeletion = (variant: string, word: string) => {
    const list = deletions.get(variant);
    if (list === undefined) deletions.set(variant, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const p of raw) {
    const keys = p.tokens.map(tokenKey);
    const weights = new Float64Array(keys.length);
    let total = 0;
    keys.forEach((k, i) => {
      const idf = Math.log(1 + n / (df.get(k) ?? 1));
      // Function words inside a name ("of", "for") say little about which thing was meant.
      const w = reserved.has(k) ? idf * 0.25 : idf;
      weights[i] = w;
      total += w;
    });
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / total;
    const numeric = p.tokens.every((t) => t.num !== null || reserved.has(t.text));
    const id = phrases.push({ entity: p.entity, keys, weights, numeric }) - 1;
    for (const k of new Set(keys)) {
      if ((k.startsWith('#') && !numeric) || reserved.has(k)) continue;
      const list = byKey.get(k);
      if (list === undefined) byKey.set(k, [id]);
      else list.push(id);
      if (!k.startsWith('#') && k.length >= FUZZY_MIN_LENGTH) {
        indexDeletion(k, k);
        for (const d of deletionsOf(k)) indexDeletion(d, k);
      }
    }
  }
  return { entities, phrases, byKey, deletions, reserved };
}
