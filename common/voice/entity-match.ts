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

/** A name heard only through near-misses ("chairs" for "chain") keeps this share of its fit. */
const FUZZY_ONLY_SHARE = 0.8;
/** Share of a size/rating's weight that still counts against a name when it was not said. */
const UNSAID_SPEC_SHARE = 0.3;
/** Credit for a word heard before a word that comes earlier in the name ("gloves large"). */
const REORDERED_CREDIT = 0.9;

/** Per-index scratch for candidate bounds, reused across calls (parse is synchronous). */
type Scratch = {
  mark: Uint8Array;
  bound: Float64Array;
  /** Weight of the sizes/ratings among the heard words, so a bound discounts only the unsaid ones. */
  specHeard: Float64Array;
  /** Phrases touched by this sentence's words, then those kept, best bound first. */
  touched: Int32Array;
  near: Map<string, ReadonlySet<string> | null>;
};
const NEAR_CACHE_SIZE = 5000;
const scratchByIndex = new WeakMap<EntityIndex, Scratch>();
function scratchFor(index: EntityIndex): Scratch {
  let s = scratchByIndex.get(index);
  if (s === undefined) {
    s = {
      mark: new Uint8Array(index.phrases.length),
      bound: new Float64Array(index.phrases.length),
      specHeard: new Float64Array(index.phrases.length),
      touched: new Int32Array(index.phrases.length),
      near: new Map(),
    };
    scratchByIndex.set(index, s);
  }
  return s;
}

const commonPostings = (index: EntityIndex) => Math.max(200, index.phrases.length / 8);

/** Phrase positions used by the window being grown; reused across calls (parse is synchronous). */
let used = new Uint8Array(64);
/** Per heard word, the phrase positions it can fill and with what credit (flat, n x m). */
let hitAt = new Int32Array(1024);
let hitCredit = new Float64Array(1024);
let hitCount = new Int32Array(64);

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
  keep: { min: number; margin: (best: number) => number } = { min: 0, margin: () => 1 },
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

  // Indexed words each heard word may stand for (one letter off); cached, since words recur.
  const scratch = scratchFor(index);
  const near: (ReadonlySet<string> | null)[] = keys.map((k, i) => {
    if (!content[i] || k.length < FUZZY_MIN_LENGTH - 1) return null;
    const cached = scratch.near.get(k);
    if (cached !== undefined) return cached;
    const out = new Set<string>();
    for (const variant of [k, ...deletionsOf(k)])
      for (const w of index.deletions.get(variant) ?? []) if (w !== k) out.add(w);
    if (scratch.near.size >= NEAR_CACHE_SIZE) scratch.near.clear();
    scratch.near.set(k, out.size > 0 ? out : null);
    return out.size > 0 ? out : null;
  });

  // Long numbers may name a model-number phrase ("6204"), never anything else on their own.
  const modelNumber = tokens.map(
    (t, i) => !blocked[i] && t.num !== null && Number.isInteger(t.num) && t.num >= 1000,
  );

  // Candidates are the phrases sharing a content word (or a model number) with the sentence; each
  // gets an upper bound on its score (all heard words of it matched, nothing extra), so alignment
  // runs only on phrases that could still beat the best so far: "m" and "bolt" reach a thousand
  // fastener names, and few come close.
  let touched = 0;
  const seen = new Set<string>();
  const open = (key: string, asCandidate: (p: number) => boolean) => {
    if (seen.has(key)) return;
    seen.add(key);
    const posting = index.postings.get(key);
    if (posting === undefined) return;
    for (let n = 0; n < posting.phrases.length; n++) {
      const p = posting.phrases[n] ?? 0;
      if (scratch.mark[p] === 0) {
        if (!asCandidate(p)) continue;
        scratch.mark[p] = 1;
        scratch.bound[p] = index.reservedWeight[p] ?? 0;
        scratch.specHeard[p] = 0;
        scratch.touched[touched++] = p;
      }
      scratch.bound[p] = (scratch.bound[p] ?? 0) + (posting.weights[n] ?? 0);
      scratch.specHeard[p] = (scratch.specHeard[p] ?? 0) + (posting.specWeights[n] ?? 0);
    }
  };
  const always = () => true;
  const numericPhrase = (p: number) => index.phrases[p]?.numeric ?? false;
  const never = () => false;
  // A word in a large share of all names ("m" of M8, M10...) adds to bounds but does not make
  // candidates on its own, unless the sentence has no rarer word.
  const common = (k: string) => (index.postings.get(k)?.phrases.length ?? 0) > commonPostings(index);
  const rare = keys.filter((k, i) => content[i] && !common(k));
  // Candidates first, then the words that only raise bounds (a bound must see every heard word).
  keys.forEach((k, i) => {
    if (!content[i]) return;
    if (rare.length === 0 || !common(k)) open(k, always);
    for (const w of near[i] ?? []) open(w, always);
  });
  keys.forEach((k, i) => {
    if (content[i]) open(k, never);
  });
  keys.forEach((k, i) => {
    if (!blocked[i] && tokens[i]?.num !== null) open(k, modelNumber[i] ? numericPhrase : never);
  });
  // Typed scratch rather than an array of objects: a common word can touch thousands of phrases.
  let kept = 0;
  for (let t = 0; t < touched; t++) {
    const p = scratch.touched[t] ?? 0;
    // Sizes that were not heard anywhere can only be unsaid; only they lighten the denominator.
    const unsaid = Math.max(0, (index.phrases[p]?.specWeight ?? 0) - (scratch.specHeard[p] ?? 0));
    const bound = Math.min(1, (scratch.bound[p] ?? 0) / (1 - (1 - UNSAID_SPEC_SHARE) * unsaid));
    scratch.bound[p] = bound;
    scratch.mark[p] = 0;
    if (bound >= keep.min) scratch.touched[kept++] = p;
  }
  const bounded = scratch.touched.subarray(0, kept);
  bounded.sort((a, b) => (scratch.bound[b] ?? 0) - (scratch.bound[a] ?? 0));
  const bestOfKind: Record<EntityKind, number> = { item: 0, asset: 0 };

  const best = new Map<number, EntityMatch>();
  for (const p of bounded) {
    const bound = scratch.bound[p] ?? 0;
    const phrase = index.phrases[p];
    if (phrase === undefined) continue;
    const kind = index.entities[phrase.entity]?.kind ?? 'item';
    const bestSoFar = bestOfKind[kind];
    if (bestSoFar > 0 && bound < bestSoFar - keep.margin(bestSoFar)) continue;
    const m = phrase.keys.length;
    if (used.length < m) used = new Uint8Array(m * 2);
    // Which phrase positions each heard word can fill, computed once per phrase, not per window.
    const n = keys.length;
    if (hitAt.length < n * m) {
      hitAt = new Int32Array(n * m * 2);
      hitCredit = new Float64Array(n * m * 2);
    }
    if (hitCount.length < n) hitCount = new Int32Array(n * 2);
    for (let i = 0; i < n; i++) {
      let count = 0;
      if (!blocked[i]) {
        const heard = keys[i] ?? '';
        const nearHeard = near[i];
        for (let j = 0; j < m; j++) {
          const want = phrase.keys[j] ?? '';
          const credit = want === heard ? 1 : nearHeard?.has(want) ? FUZZY_CREDIT : 0;
          if (credit > 0) {
            hitAt[i * m + count] = j;
            hitCredit[i * m + count] = credit;
            count++;
          }
        }
      }
      hitCount[i] = count;
    }
    // The best window so far as scalars: this loop runs for every candidate, so no objects here.
    let topScore = -1;
    let topStart = 0;
    let topEnd = 0;
    for (let s = 0; s < n; s++) {
      // A window never starts on a word the phrase lacks.
      if (blocked[s] || hitCount[s] === 0) continue;
      used.fill(0, 0, m);
      let score = 0;
      let specHeard = 0;
      let hasContent = false;
      let exactContent = false;
      let lastWord = -1;
      let lastNumber = -1;
      for (let i = s; i < keys.length; i++) {
        if (blocked[i]) break;
        const isNumber = tokens[i]?.num !== null;
        let hit = -1;
        let sim = 0;
        const count = hitCount[i] ?? 0;
        for (let h = 0; h < count; h++) {
          const j = hitAt[i * m + h] ?? 0;
          const credit = hitCredit[i * m + h] ?? 0;
          if (used[j] === 1 || (isNumber && j <= lastNumber) || credit <= sim) continue;
          if (isNumber && i === s && j > phrase.firstWord) continue;
          hit = j;
          sim = credit;
          if (credit === 1) break;
        }
        if (hit < 0) {
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
        if (phrase.spec[hit] === 1) specHeard += phrase.weights[hit] ?? 0;
        if (content[i] || (phrase.numeric && modelNumber[i])) {
          hasContent = true;
          if (sim === 1) exactContent = true;
        }
        // Sizes not said ("stop valve" for "Stop valve 15mm") leave the denominator mostly.
        const unsaid = phrase.specWeight - specHeard;
        const fit =
          Math.min(1, score / (1 - (1 - UNSAID_SPEC_SHARE) * unsaid)) * (exactContent ? 1 : FUZZY_ONLY_SHARE);
        if (hasContent && fit > topScore + 1e-9) {
          topScore = fit;
          topStart = s;
          topEnd = i + 1;
        }
      }
    }
    if (topScore < 0) continue;
    if (topScore > bestOfKind[kind]) bestOfKind[kind] = topScore;
    const had = best.get(phrase.entity);
    if (had === undefined || topScore > had.score + 1e-9)
      best.set(phrase.entity, { entity: phrase.entity, score: topScore, start: topStart, end: topEnd });
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
