import type { Locale } from './locale.ts';
import { phraseWords, type Token, tokenize, tokenKey } from './tokens.ts';
import type { Vocabulary } from './vocabulary.ts';

export type EntityKind = 'item' | 'asset';
/** Phrases holding a key, the key's weight in each, and how much of that weight is a size/rating. */
export type Posting = { phrases: Int32Array; weights: Float64Array; specWeights: Float64Array };
export type Entity = { kind: EntityKind; id: string; name: string };

/** One way of naming an entity (name, the name before its first comma, alias, SKU, tag) as tokens. */
export type Phrase = {
  entity: number;
  keys: readonly string[];
  /** Per-token share of the phrase, summing to 1: rare words and numbers carry the name. */
  weights: Float64Array;
  /**
   * A model number on its own ("6204"): its numbers of four or more digits may make a match,
   * where a number elsewhere never does without a word ("five" must not name "Pump 5").
   */
  numeric: boolean;
  /**
   * Per token, 1 for a size or rating ("15", "mm" in "Stop valve 15mm"): people leave those out, so a
   * missing one costs only part of its weight (see entity-match.ts); a spoken one counts in full.
   */
  spec: Uint8Array;
  specWeight: number;
  /**
   * Position of the phrase's first content word. A window may start on a number only before it
   * ("20 by 25 filter"), so in "restock 5 sharps bins" the 5 stays a quantity, not "Sharps bin 5L".
   */
  firstWord: number;
};

/**
 * Everything `matchEntities` needs, built once per vocabulary: phrases, an inverted index from a
 * content word to the phrases containing it, and a one-deletion index for misheard words.
 */
export type EntityIndex = {
  entities: readonly Entity[];
  phrases: readonly Phrase[];
  /**
   * Key -> the phrases holding it and its weight there (numbers included, function words not).
   * Content words and long model numbers make candidates; numbers only add to a candidate's bound.
   */
  postings: ReadonlyMap<string, Posting>;
  /** Per phrase: weight of its function words, added to every bound since they are not posted. */
  reservedWeight: Float64Array;
  /** Word, and each word with one letter deleted -> the indexed words it can stand for. */
  deletions: ReadonlyMap<string, readonly string[]>;
  /** Words that never make a match on their own (function words, fillers, cue words). */
  reserved: ReadonlySet<string>;
};

/** A short word right after a number in a name is its unit ("mm", "kg", "kw", "ah"). */
const UNIT_MAX_LENGTH = 3;

/** Words shorter than this must be heard exactly; a one-letter slip in "nut" is another word. */
export const FUZZY_MIN_LENGTH = 5;

export function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * A name as written and, when it has an upper-case acronym ("AHU-1", "LED tube", "HVAC filter"),
 * also spelled out letter by letter, since recognisers write "a h u one" as often as "ahu one".
 */
function withSpelledAcronyms(text: string): string[] {
  const spelled = text.replace(/\b[A-Z]{2,4}\b/g, (acronym) => acronym.split('').join(' '));
  return spelled === text ? [text] : [text, spelled];
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
  // Container and place words ("bag", "box", "bin") stay content: items are called "Bin bags".
  for (const w of [...locale.stopWords, ...locale.fillers, ...locale.workOrderWords]) add(w);
  return out;
}

export function buildEntityIndex(vocabulary: Vocabulary, locale: Locale): EntityIndex {
  const entities: Entity[] = [];
  const raw: { entity: number; tokens: Token[] }[] = [];
  const addEntity = (kind: EntityKind, id: string, name: string, spoken: readonly string[]) => {
    const entity = entities.push({ kind, id, name }) - 1;
    const seen = new Set<string>();
    for (const text of spoken.flatMap(withSpelledAcronyms)) {
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
  const posted = new Map<string, { phrases: number[]; weights: number[]; specWeights: number[] }>();
  const reservedWeight: number[] = [];
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
    const numeric = p.tokens.every((t) => t.num !== null);
    const spec = new Uint8Array(keys.length);
    let specWeight = 0;
    p.tokens.forEach((t, i) => {
      const unitAfterNumber =
        t.num === null && t.text.length <= UNIT_MAX_LENGTH && (p.tokens[i - 1]?.num ?? null) !== null;
      if (!numeric && (t.num !== null || unitAfterNumber)) {
        spec[i] = 1;
        specWeight += weights[i] ?? 0;
      }
    });
    const firstContent = p.tokens.findIndex((t) => t.num === null && !reserved.has(t.text));
    const firstWord = firstContent < 0 ? keys.length : firstContent;
    const id = phrases.push({ entity: p.entity, keys, weights, numeric, spec, specWeight, firstWord }) - 1;
    const perKey = new Map<string, { weight: number; spec: number }>();
    let function_ = 0;
    keys.forEach((k, i) => {
      const w = weights[i] ?? 0;
      if (reserved.has(k)) function_ += w;
      else {
        const had = perKey.get(k) ?? { weight: 0, spec: 0 };
        perKey.set(k, { weight: had.weight + w, spec: had.spec + (spec[i] === 1 ? w : 0) });
      }
    });
    reservedWeight.push(function_);
    for (const [k, w] of perKey) {
      const list = posted.get(k) ?? { phrases: [], weights: [], specWeights: [] };
      list.phrases.push(id);
      list.weights.push(w.weight);
      list.specWeights.push(w.spec);
      posted.set(k, list);
      if (!k.startsWith('#') && k.length >= FUZZY_MIN_LENGTH) {
        indexDeletion(k, k);
        for (const d of deletionsOf(k)) indexDeletion(d, k);
      }
    }
  }
  const postings = new Map<string, Posting>();
  for (const [k, list] of posted)
    postings.set(k, {
      phrases: Int32Array.from(list.phrases),
      weights: Float64Array.from(list.weights),
      specWeights: Float64Array.from(list.specWeights),
    });
  return {
    entities,
    phrases,
    postings,
    reservedWeight: Float64Array.from(reservedWeight),
    deletions,
    reserved,
  };
}
