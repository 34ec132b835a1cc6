import { deletionsOf, type EntityIndex, type EntityKind, FUZZY_MIN_LENGTH } from './entity-index.ts';
import { type Token, tokenKey } from './tokens.ts';

/** Where an entity was heard: tokens [start, end) of the transcript, and how well they fit (0..1]. */
export type EntityMatch = { entity: number; score: number; start: number; end: number };

/** Credit for a word heard one letter off ("contacter" for "contactor"). */
const FUZZY_CREDIT = 0.75;
/** Cost of a transcript word inside a name's span that the name does not have. */
const EXTRA_WORD = 0.22;
const EXTRA_FUNCTION_WORD = 0.06;
const EXTRA_NUMBER = 0.35;

/** Credit for a word heard before a word that comes earlier in the name ("gloves large"). */
const REORDERED_CREDIT = 0.9;

/** Phrase positions used by the window being grown; reused across calls (parse is synchronous). */
let used = new Uint8Array(64);

/**
 * Every item and asset the transcript may name, best first per kind, one span each.
 *
 * For each candidate phrase, every window of the transcript that starts on a word of the phrase is
 * grown to the right: a heard word that is in the phrase earns that word's weight (each phrase word
 * once), a heard word that is not costs a little, and a phrase word not heard is simply missing from
 * the score. Words may come in any order ("gloves large", "zinc M8 bolt"), but numbers must keep the
 * phrase's order, so "pick 30 M8 bolts" does not read as "M8 x 30". The best window's score is the
 * share of the phrase heard minus the noise inside it; it must hold a content word, so "five" alone
 * never names "Pump 5". Blocked tokens (bin codes, work-order numbers) end a window.
 */
export function matchEntities(
  index: EntityIndex,
  tokens: readonly Token[],
  blocked: readonly boolean[],
): Record<EntityKind, EntityMatch[]> {
  const keys = tokens.map(tokenKey);
  const content = tokens.map((t, i) => t.num === null && !blocked[i] && !index.reserved.has(t.text));
  const penalty = tokens.map((t, i) =>
    blocked[i]
      ? Number.POSITIVE_INFINITY
      : t.num !== null
        ? EXTRA_NUMBER
        : index.reserved.has(t.text)
          ? EXTRA_FUNCTION_WORD
          : EXTRA_WORD,
  );

  // Indexed words each heard word may stand for (itself, or one letter off).
  const near: (ReadonlySet<string> | null)[] = keys.map((k, i) => {
    if (!content[i] || k.length < FUZZY_MIN_LENGTH - 1) return null;
    const out = new Set<string>();
    for (const variant of [k, ...deletionsOf(k)])
      for (const w of index.deletions.get(variant) ?? []) if (w !== k) out.add(w);
    return out.size > 0 ? out : null;
  });

  // Long numbers may name a model-number phrase ("6204"), never anything else on their own.
  const modelNumber = tokens.map(
    (t, i) => !blocked[i] && t.num !== null && Number.isInteger(t.num) && t.num >= 100,
  );
  const candidates = new Set<number>();
  keys.forEach((k, i) => {
    if (modelNumber[i]) for (const p of index.byKey.get(k) ?? []) candidates.add(p);
    if (!content[i]) return;
    for (const p of index.byKey.get(k) ?? []) candidates.add(p);
    for (const w of near[i] ?? []) for (const p of index.byKey.get(w) ?? []) candidates.add(p);
  });

  const best = new Map<number, EntityMatch>();
  for (const p of candidates) {
    const phrase = index.phrases[p];
    if (phrase === undefined) continue;
    const m = phrase.keys.length;
    if (used.length < m) used = new Uint8Array(m * 2);
    let top: EntityMatch | null = null;
    for (let s = 0; s < keys.length; s++) {
      if (blocked[s]) continue;
      used.fill(0, 0, m);
      let score = 0;
      let hasContent = false;
      let lastWord = -1;
      let lastNumber = -1;
      for (let i = s; i < keys.length; i++) {
        if (blocked[i]) break;
        const heard = keys[i] ?? '';
        const isNumber = tokens[i]?.num !== null;
        let hit = -1;
        let sim = 0;
        for (let j = isNumber ? lastNumber + 1 : 0; j < m; j++) {
          if (used[j] === 1) continue;
          const want = phrase.keys[j] ?? '';
          const credit = want === heard ? 1 : (near[i]?.has(want) ?? false) ? FUZZY_CREDIT : 0;
          if (credit > sim) {
            hit = j;
            sim = credit;
            if (credit === 1) break;
          }
        }
        if (hit < 0) {
          // A window never starts on a word the phrase lacks.
          if (i === s) break;
          score -= penalty[i] ?? EXTRA_WORD;
          continue;
        }
        used[hit] = 1;
        if (isNumber) lastNumber = hit;
        else {
          if (hit < lastWord) sim *= REORDERED_CREDIT;
          lastWord = hit;
        }
        score += (phrase.weights[hit] ?? 0) * sim;
        if (content[i] || (phrase.numeric && modelNumber[i])) hasContent = true;
        if (hasContent && (top === null || score > top.score + 1e-9))
          top = { entity: phrase.entity, score, start: s, end: i + 1 };
      }
    }
    if (top === null) continue;
    const had = best.get(phrase.entity);
    if (had === undefined || top.score > had.score + 1e-9) best.set(phrase.entity, top);
  }

  const out: Record<EntityKind, EntityMatch[]> = { item: [], asset: [] };
  for (const match of best.values()) {
    const entity = index.entities[match.entity];
    if (entity !== undefined) out[entity.kind].push(match);
  }
  const order = (a: EntityMatch, b: EntityMatch) => b.score - a.score || a.entity - b.entity;
  out.item.sort(order);
  out.asset.sort(order);
  return out;
}
