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

type Scratch = { score: Float64Array; start: Int32Array; content: Uint8Array };
const rows: Scratch[] = [];
function row(k: number, size: number): Scratch {
  let r = rows[k];
  if (r === undefined || r.score.length < size) {
    r = {
      score: new Float64Array(size * 2),
      start: new Int32Array(size * 2),
      content: new Uint8Array(size * 2),
    };
    rows[k] = r;
  }
  return r;
}

/**
 * Every item and asset the transcript may name, best first per kind, one span each.
 *
 * Each phrase is aligned to the transcript by a local alignment (in order, Smith-Waterman style):
 * a heard word that matches a phrase word earns that word's weight, a phrase word not heard costs
 * nothing but is missing from the score, and a heard word inside the span that the phrase lacks
 * costs a little. The score is then the share of the phrase heard minus the noise inside it; a span
 * must contain at least one content word, so "five" alone never names "Pump 5". Blocked tokens (bin
 * codes, work-order numbers) break spans, so a bin's digits never become part of a name.
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
    let prev = row(0, m + 1);
    let cur = row(1, m + 1);
    prev.score.fill(0, 0, m + 1);
    prev.start.fill(-1, 0, m + 1);
    prev.content.fill(0, 0, m + 1);
    let top: EntityMatch | null = null;
    for (let i = 0; i < keys.length; i++) {
      cur.score[0] = 0;
      cur.start[0] = -1;
      cur.content[0] = 0;
      const heard = keys[i] ?? '';
      const nearHeard = near[i] ?? null;
      const cost = penalty[i] ?? EXTRA_WORD;
      for (let j = 1; j <= m; j++) {
        // Skip phrase word j (not heard): free.
        let s = cur.score[j - 1] ?? 0;
        let st = cur.start[j - 1] ?? -1;
        let c = cur.content[j - 1] ?? 0;
        // Heard word i inside the span but not in the phrase.
        const up = (prev.score[j] ?? 0) - cost;
        if ((prev.score[j] ?? 0) > 0 && up > s) {
          s = up;
          st = prev.start[j] ?? -1;
          c = prev.content[j] ?? 0;
        }
        const want = phrase.keys[j - 1] ?? '';
        const sim = blocked[i] ? 0 : want === heard ? 1 : nearHeard?.has(want) ? FUZZY_CREDIT : 0;
        if (sim > 0) {
          const before = prev.score[j - 1] ?? 0;
          const diag = before + (phrase.weights[j - 1] ?? 0) * sim;
          if (diag > s) {
            s = diag;
            st = before > 0 ? (prev.start[j - 1] ?? i) : i;
            c =
              (before > 0 ? (prev.content[j - 1] ?? 0) : 0) |
              (content[i] || (phrase.numeric && modelNumber[i]) ? 1 : 0);
          }
        }
        if (s <= 0) {
          s = 0;
          st = -1;
          c = 0;
        }
        cur.score[j] = s;
        cur.start[j] = st;
        cur.content[j] = c;
        if (c === 1 && (top === null || s > top.score))
          top = { entity: phrase.entity, score: s, start: st, end: i + 1 };
      }
      const t = prev;
      prev = cur;
      cur = t;
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
