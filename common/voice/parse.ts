import { compileCues, compilePattern, findPattern, scoreCues } from './cues.ts';
import { buildEntityIndex, type EntityIndex, type EntityKind } from './entity-index.ts';
import { type EntityMatch, matchEntities } from './entity-match.ts';
import type { CuedIntent, Locale } from './locale.ts';
import { en } from './locales/en.ts';
import { type Found, findAisles, findBins, findWorkOrders, type Places } from './spans.ts';
import { phraseWords, type Token, tokenize, tokenKey } from './tokens.ts';
import type { Command, Intent, ParseResult, Priority, Vocabulary } from './vocabulary.ts';

/** A phrase must cover at least this much of a name (0..1) to count as naming it. */
const ENTITY_MIN = 0.5;
/** Actions that write need a surer name than questions do. */
const ACTION_ENTITY_MIN = 0.6;
/** Least cue weight that makes an intent; a single weak word ("left") is not enough. */
const CUE_MIN = 1.5;
/** Least cue weight for an intent that changes data. */
const ACTION_CUE_MIN = 2;
/**
 * Names within this score of the best are read back as "did you mean X or Y"; the looser the best
 * match, the wider the margin ("cable ties 370" fits four packs about equally badly).
 */
const AMBIGUITY_MARGIN = 0.04;
const LOOSE_MARGIN_SHARE = 0.6;
const ambiguityMargin = (best: number) => Math.max(AMBIGUITY_MARGIN, (1 - best) * LOOSE_MARGIN_SHARE);
/** Longer transcripts are talk, not commands (the longest dev command is 14 words). */
const MAX_COMMAND_TOKENS = 40;
/** Cue weight a spoken priority adds to creating a work order. */
const PRIORITY_CUE = 1;
/** Intents that take no item or asset lose this much when the sentence clearly names one. */
const ENTITY_CONFLICT = 2;

const ACTIONS: ReadonlySet<Intent> = new Set([
  'pick',
  'put_away',
  'count',
  'create_work_order',
  'complete_work_order',
]);
const SLOTLESS: ReadonlySet<Intent> = new Set(['low_stock', 'cancel', 'confirm', 'help']);

/** A vocabulary compiled for one locale (see `compileVocabulary`). */
export type CompiledVocabulary = {
  locale: Locale;
  index: EntityIndex;
  places: Places;
  cues: ReturnType<typeof compileCues>;
  fillers: string[][];
  priorities: { elements: ReturnType<typeof compilePattern>; priority: Priority }[];
  empty: ReturnType<typeof compilePattern>[];
  personal: ReturnType<typeof compilePattern>[];
  unitWords: ReadonlySet<string>;
  one: ReadonlySet<string>;
  stopWords: ReadonlySet<string>;
};

const compiledByVocabulary = new WeakMap<Vocabulary, Map<Locale, CompiledVocabulary>>();

/**
 * The vocabulary compiled for matching (token index of every name, alias, SKU and tag; bin and aisle
 * sets). Cached per vocabulary object, so a caller that keeps its vocabulary pays this once.
 */
export function compileVocabulary(vocabulary: Vocabulary, locale: Locale = en): CompiledVocabulary {
  let byLocale = compiledByVocabulary.get(vocabulary);
  const hit = byLocale?.get(locale);
  if (hit !== undefined) return hit;
  const compiled: CompiledVocabulary = {
    locale,
    index: buildEntityIndex(vocabulary, locale),
    places: {
      locations: new Set(vocabulary.locations.map((l) => l.code.toUpperCase())),
      aisles: new Set(vocabulary.aisles.map((a) => a.toUpperCase())),
    },
    cues: compileCues(locale),
    fillers: locale.fillers.map((f) => phraseWords(f, locale)).sort((a, b) => b.length - a.length),
    priorities: locale.priorities.map((p) => ({
      elements: compilePattern(p.pattern, locale),
      priority: p.priority,
    })),
    empty: locale.emptyCues.map((e) => compilePattern(e, locale)),
    personal: locale.personal.map((p) => compilePattern(p, locale)),
    unitWords: new Set(locale.unitWords.flatMap((w) => phraseWords(w, locale))),
    one: new Set(locale.numbers.one),
    stopWords: new Set(locale.stopWords.flatMap((w) => phraseWords(w, locale))),
  };
  if (byLocale === undefined) {
    byLocale = new Map();
    compiledByVocabulary.set(vocabulary, byLocale);
  }
  byLocale.set(locale, compiled);
  return compiled;
}

/** What was found in the transcript, before deciding what it means. */
type Reading = {
  tokens: readonly Token[];
  item: EntityMatch | null;
  asset: EntityMatch | null;
  items: readonly EntityMatch[];
  assets: readonly EntityMatch[];
  bins: readonly Found<string>[];
  workOrders: readonly Found<number>[];
  aisles: readonly Found<string>[];
};

/** The transcript as the cue matcher sees it, with each stream word's first token index. */
type Built = { tokens: readonly Token[]; stream: string[]; at: number[]; priority: Priority | null };

function buildStream(c: CompiledVocabulary, r: Reading): Built {
  const built = streamOf(r, true);
  // A priority is read from words outside any asset ("low priority"), even when an item name
  // happened to cover them ("emergency" is also in "Emergency light battery pack").
  const words = streamOf(r, false);
  let priority: Priority | null = null;
  for (const p of c.priorities) {
    const found = findPattern(p.elements, words.stream);
    if (found === null) continue;
    priority = p.priority;
    const first = words.at[found[0]] ?? 0;
    const last = words.at[found[1] - 1] ?? first;
    // Hide the priority words from the cue scorer ("low" would otherwise read as "low stock").
    for (let k = built.stream.length - 1; k >= 0; k--) {
      const at = built.at[k] ?? -1;
      if (at >= first && at <= last && !(built.stream[k] ?? '<').startsWith('<')) {
        built.stream.splice(k, 1);
        built.at.splice(k, 1);
      }
    }
    break;
  }
  return { ...built, priority };
}

function streamOf(r: Reading, withItem: boolean): Built {
  const stream: string[] = [];
  const at: number[] = [];
  const spans: { start: number; end: number; tag: string }[] = [
    ...r.bins.map((b) => ({ start: b.start, end: b.end, tag: '<bin>' })),
    ...r.workOrders.map((w) => ({ start: w.start, end: w.end, tag: '<wo>' })),
    ...r.aisles.map((a) => ({ start: a.start, end: a.end, tag: '<aisle>' })),
  ];
  if (r.item !== null && withItem) spans.push({ start: r.item.start, end: r.item.end, tag: '<item>' });
  if (r.asset !== null) spans.push({ start: r.asset.start, end: r.asset.end, tag: '<asset>' });
  for (let i = 0; i < r.tokens.length; ) {
    const span = spans.find((s) => s.start === i);
    if (span !== undefined) {
      stream.push(span.tag);
      at.push(i);
      i = Math.max(span.end, i + 1);
      continue;
    }
    const t = r.tokens[i];
    if (t !== undefined) {
      stream.push(t.num === null ? t.text : '<num>');
      at.push(i);
    }
    i++;
  }
  return { tokens: r.tokens, stream, at, priority: null };
}

function withoutFillers(c: CompiledVocabulary, stream: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < stream.length; ) {
    const filler = c.fillers.find((f) => f.length > 0 && f.every((w, k) => stream[i + k] === w));
    if (filler !== undefined) {
      i += filler.length;
      continue;
    }
    out.push(stream[i] ?? '');
    i++;
  }
  return out;
}

function scoreReading(
  c: CompiledVocabulary,
  built: Built,
): { scores: Map<CuedIntent, number>; covered: boolean[] } {
  const full = scoreCues(c.cues, built.stream);
  const bare = scoreCues(c.cues, withoutFillers(c, built.stream));
  for (const [intent, s] of bare.scores) if (s > (full.scores.get(intent) ?? 0)) full.scores.set(intent, s);
  return full;
}

/** The quantity: a number just before the item ("25 M8 bolts", "3 pairs of glasses"), else the only one left. */
function quantity(c: CompiledVocabulary, built: Built, intent: Intent): number | null {
  const { stream } = built;
  const itemAt = stream.indexOf('<item>');
  const nums: number[] = [];
  stream.forEach((w, i) => {
    if (w === '<num>') nums.push(i);
  });
  const valueAt = (i: number): number | null => {
    const t = built.tokens[built.at[i] ?? -1];
    return t?.num ?? null;
  };
  if (itemAt >= 0) {
    let k = itemAt - 1;
    while (k >= 0 && c.unitWords.has(stream[k] ?? '') && !c.one.has(stream[k] ?? '')) k--;
    if (stream[k] === '<num>') return valueAt(k);
  }
  const whole = nums.filter((i) => Number.isInteger(valueAt(i) ?? Number.NaN));
  if (whole.length > 0) return valueAt(whole[0] ?? -1);
  if (intent === 'count' && c.empty.some((e) => findPattern(e, stream) !== null)) return 0;
  if (itemAt >= 0) {
    let k = itemAt - 1;
    while (k >= 0 && c.unitWords.has(stream[k] ?? '') && !c.one.has(stream[k] ?? '')) k--;
    if (c.one.has(stream[k] ?? '')) return 1;
  }
  return null;
}

type Slots = {
  item?: string;
  asset?: string;
  location?: string;
  qty?: number;
  work_order?: number;
  aisle?: string;
  priority?: Priority;
};

/** The command for an intent if its required slots are there, else which slots are missing. */
function assemble(intent: CuedIntent, s: Slots): Command | string[] {
  const { item, asset, location, qty, work_order, aisle, priority } = s;
  switch (intent) {
    case 'find_item':
      return item !== undefined ? { intent, slots: { item } } : ['item'];
    case 'stock_level':
      return item !== undefined
        ? { intent, slots: location !== undefined ? { item, location } : { item } }
        : ['item'];
    case 'navigate':
      if (location !== undefined) return { intent, slots: { location } };
      if (item !== undefined) return { intent, slots: { item } };
      if (asset !== undefined) return { intent, slots: { asset } };
      return ['item'];
    case 'pick':
    case 'put_away': {
      if (item === undefined || qty === undefined || qty <= 0)
        return [...(item === undefined ? ['item'] : []), ...(qty === undefined || qty <= 0 ? ['qty'] : [])];
      return { intent, slots: location !== undefined ? { item, qty, location } : { item, qty } };
    }
    case 'count': {
      if (qty === undefined || location === undefined)
        return [...(qty === undefined ? ['qty'] : []), ...(location === undefined ? ['location'] : [])];
      return { intent, slots: item !== undefined ? { item, qty, location } : { qty, location } };
    }
    case 'create_work_order':
      if (asset === undefined) return ['asset'];
      return { intent, slots: priority !== undefined ? { asset, priority } : { asset } };
    case 'work_order_status':
      return { intent, slots: work_order !== undefined ? { work_order } : {} };
    case 'complete_work_order':
      return work_order !== undefined ? { intent, slots: { work_order } } : ['work_order'];
    case 'start_audit':
      return { intent, slots: aisle !== undefined ? { aisle } : {} };
    case 'low_stock':
    case 'cancel':
    case 'confirm':
    case 'help':
      return { intent, slots: {} };
  }
}

/** Which name a sentence's item/asset slot refers to, and the near-ties to offer back. */
function entitySlot(c: CompiledVocabulary, matches: readonly EntityMatch[], chosen: EntityMatch | null) {
  if (chosen === null) return { id: undefined, alternatives: [] as string[] };
  const margin = ambiguityMargin(chosen.score);
  const near = matches.filter((m) => m.score >= chosen.score - margin && m.score >= ENTITY_MIN);
  const ids = near.map((m) => c.index.entities[m.entity]?.id ?? '');
  return { id: c.index.entities[chosen.entity]?.id, alternatives: ids.length > 1 ? ids : [] };
}

function overlaps(a: EntityMatch, b: EntityMatch): boolean {
  return a.start < b.end && b.start < a.end;
}

type HalfHeard = Pick<ParseResult, 'partial' | 'unknown'>;

function none(confidence: number, extra: HalfHeard = {}): ParseResult {
  return { intent: 'none', slots: {}, confidence, ...extra };
}

/**
 * Transcript -> command. Pure and synchronous; the vocabulary is compiled on first use and cached.
 *
 * Order matters: bin codes, work-order numbers and aisles are found first (they are the most
 * regular), then item and asset names among the remaining words, then quantities among the numbers
 * no name took; only then are the leftover words scored against the locale's cue phrases, so a name
 * like "Return air damper" never reads as "return".
 */
export function parse(transcript: string, vocabulary: Vocabulary, locale: Locale = en): ParseResult {
  const c = compileVocabulary(vocabulary, locale);
  const tokens = tokenize(transcript, locale);
  // A command is a sentence; a minute of overheard talk is not one, whatever verbs it contains.
  if (tokens.length === 0 || tokens.length > MAX_COMMAND_TOKENS) return none(1);

  const blocked = tokens.map(() => false);
  const block = (f: Found<unknown>) => {
    for (let k = f.start; k < f.end; k++) blocked[k] = true;
  };
  const bins = findBins(tokens, locale, c.places);
  bins.forEach(block);
  const workOrders = findWorkOrders(tokens, locale).filter((w) => !blocked[w.start]);
  workOrders.forEach(block);
  const aisles = findAisles(tokens, locale, c.places).filter(
    (a) => !blocked[a.start] && !blocked[a.start + 1],
  );
  aisles.forEach(block);
  const matched = matchEntities(c.index, tokens, blocked, { min: ENTITY_MIN, margin: ambiguityMargin });
  const topItem = matched.item[0];
  const topAsset = matched.asset[0];
  const item = topItem !== undefined && topItem.score >= ENTITY_MIN ? topItem : null;
  const asset = topAsset !== undefined && topAsset.score >= ENTITY_MIN ? topAsset : null;

  const base = { tokens, items: matched.item, assets: matched.asset, bins, workOrders, aisles };
  const readings: Reading[] =
    item !== null && asset !== null && overlaps(item, asset)
      ? [
          { ...base, item, asset: null },
          { ...base, item: null, asset },
        ]
      : [{ ...base, item, asset }];

  // Equally sure readings: the one whose name explains more words ("tyre changer", not "tyre").
  let best: { result: ParseResult; rank: number; words: number } | null = null;
  for (const reading of readings) {
    const result = decide(c, reading);
    const rank = result.intent === 'none' ? -1 : result.confidence;
    const used = reading.item ?? reading.asset;
    const words = used === null ? 0 : used.end - used.start;
    if (
      best === null ||
      rank > best.rank + 1e-9 ||
      (Math.abs(rank - best.rank) <= 1e-9 && words > best.words)
    )
      best = { result, rank, words };
  }
  const result = best?.result ?? none(1);
  return result.intent === 'none' ? (byPartialName(c, base, blocked, result) ?? result) : result;
}

/**
 * How surely a shortened name ("the generator") names the one thing whose name holds those words:
 * enough for an action, which still reads the name back before it writes.
 */
const PARTIAL_NAME_SCORE = ACTION_ENTITY_MIN;

/**
 * A sentence that was understood except for its name ("take me to the generator") names the one
 * asset or item whose name or alias holds every unknown word: people shorten names nothing else
 * shares. Where two things share the words, nothing is guessed. Going somewhere looks at assets
 * first, since a walk is more often to a machine than to a shelf.
 */
function byPartialName(
  c: CompiledVocabulary,
  base: Omit<Reading, 'item' | 'asset'>,
  blocked: readonly boolean[],
  half: ParseResult,
): ParseResult | null {
  const { unknown, partial } = half;
  if (unknown === undefined) return null;
  const kinds: EntityKind[] =
    unknown.slot === 'asset' ? ['asset'] : partial?.intent === 'navigate' ? ['asset', 'item'] : ['item'];
  const heard = new Set(unknown.heard.split(' ').filter((w) => w !== ''));
  for (const kind of kinds) {
    const match = onlyNameWith(c, base.tokens, blocked, heard, kind);
    if (match === null) continue;
    const reading: Reading = {
      ...base,
      items: [],
      assets: [],
      item: kind === 'item' ? match : null,
      asset: kind === 'asset' ? match : null,
    };
    const result = decide(c, reading);
    if (result.intent !== 'none') return result;
  }
  return null;
}

/** The one entity of `kind` with a name holding every heard word, where the sentence says them. */
function onlyNameWith(
  c: CompiledVocabulary,
  tokens: readonly Token[],
  blocked: readonly boolean[],
  heard: ReadonlySet<string>,
  kind: EntityKind,
): EntityMatch | null {
  const [first] = heard;
  if (first === undefined) return null;
  const found = new Set<number>();
  for (const p of c.index.postings.get(first)?.phrases ?? []) {
    const phrase = c.index.phrases[p];
    if (phrase === undefined || c.index.entities[phrase.entity]?.kind !== kind) continue;
    if ([...heard].every((k) => phrase.keys.includes(k))) found.add(phrase.entity);
    if (found.size > 1) return null;
  }
  const [entity] = found;
  const at = tokens.flatMap((t, i) => (!blocked[i] && heard.has(tokenKey(t)) ? [i] : []));
  if (entity === undefined || at.length === 0) return null;
  return { entity, score: PARTIAL_NAME_SCORE, start: Math.min(...at), end: Math.max(...at) + 1 };
}

function decide(c: CompiledVocabulary, r: Reading): ParseResult {
  const built = buildStream(c, r);
  const { scores, covered } = scoreReading(c, built);
  // A priority ("urgent", "low priority") is only ever said about a work order.
  if (built.priority !== null)
    scores.set('create_work_order', (scores.get('create_work_order') ?? 0) + PRIORITY_CUE);
  const names = r.item !== null || r.asset !== null;
  const ranked = [...scores.entries()]
    .map(([intent, score]) => ({
      intent,
      score: SLOTLESS.has(intent) && names ? score - ENTITY_CONFLICT : score,
    }))
    .filter((s) => s.score >= CUE_MIN)
    .sort((a, b) => b.score - a.score);

  const personal = c.personal.some((p) => findPattern(p, built.stream) !== null);
  const itemSlot = entitySlot(c, r.items, r.item);
  const assetSlot = entitySlot(c, r.assets, r.asset);
  let wanted: { intent: CuedIntent; missing: string[] } | null = null;
  for (const { intent, score } of ranked) {
    const entityScore =
      intent === 'create_work_order'
        ? (r.asset?.score ?? 0)
        : Math.max(r.item?.score ?? 0, r.asset?.score ?? 0);
    if (ACTIONS.has(intent)) {
      // "the boiler at home needs a service" is not a job for this site.
      if (personal) continue;
      const needsName = intent !== 'complete_work_order' && intent !== 'count';
      if (score < ACTION_CUE_MIN || (needsName && entityScore < ACTION_ENTITY_MIN)) {
        wanted ??= { intent, missing: needsName ? [intent === 'create_work_order' ? 'asset' : 'item'] : [] };
        continue;
      }
    }
    const slots: Slots = {};
    if (itemSlot.id !== undefined) slots.item = itemSlot.id;
    if (assetSlot.id !== undefined) slots.asset = assetSlot.id;
    const bin = r.bins[0];
    if (bin !== undefined) slots.location = bin.value;
    const wo = r.workOrders[0];
    if (wo !== undefined) slots.work_order = wo.value;
    const aisle = r.aisles[0];
    if (aisle !== undefined) slots.aisle = aisle.value;
    if (built.priority !== null) slots.priority = built.priority;
    if (intent === 'navigate' && slots.location === undefined && r.item !== null && r.asset !== null) {
      // Both named and apart: keep whichever name was heard better.
      if (r.asset.score > r.item.score) delete slots.item;
    }
    const qty = quantity(c, built, intent);
    if (qty !== null) slots.qty = qty;
    const command = assemble(intent, slots);
    if (Array.isArray(command)) {
      wanted ??= { intent, missing: command };
      continue;
    }
    const cueConfidence = Math.min(1, score / 3);
    const usesItem = 'item' in command.slots;
    const usesAsset = 'asset' in command.slots;
    const nameConfidence = usesItem ? (r.item?.score ?? 1) : usesAsset ? (r.asset?.score ?? 1) : 1;
    const result: ParseResult = {
      ...command,
      confidence: round(cueConfidence * Math.min(1, nameConfidence)),
    };
    const alts = usesItem ? itemSlot.alternatives : usesAsset ? assetSlot.alternatives : [];
    if (alts.length > 1) result.alternatives = { slot: usesItem ? 'item' : 'asset', ids: alts };
    return result;
  }

  // Nothing understood as a whole. A bare name ("M8 bolts") is a question about where it is.
  const leftover = built.stream.filter((w, i) => !covered[i] && !c.stopWords.has(w) && !w.startsWith('<'));
  const bare = ranked.length === 0 && leftover.length === 0 && !built.stream.includes('<num>');
  if (bare && r.item !== null && itemSlot.id !== undefined) {
    const result: ParseResult = { intent: 'find_item', slots: { item: itemSlot.id }, confidence: 0.5 };
    if (itemSlot.alternatives.length > 1) result.alternatives = { slot: 'item', ids: itemSlot.alternatives };
    return result;
  }
  const top = ranked[0]?.score ?? 0;
  if (wanted === null) return none(round(1 - Math.min(1, top / 6)));
  const unknownSlot: EntityKind | null = wanted.missing.includes('item')
    ? 'item'
    : wanted.missing.includes('asset')
      ? 'asset'
      : null;
  const extra: HalfHeard = { partial: { intent: wanted.intent, missing: wanted.missing } };
  if (unknownSlot !== null && leftover.length > 0)
    extra.unknown = { slot: unknownSlot, heard: leftover.join(' ') };
  return none(round(1 - Math.min(1, top / 6)), extra);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The k names closest to what was heard, for "I don't know that item; nearest are ...". Scores every
 * entity of the slot's kind by shared character trigrams with its name and aliases, so a misheard or
 * unknown word still lands near the names it resembles.
 */
export function nearestNames(
  heard: string,
  vocabulary: Vocabulary,
  slot: 'item' | 'asset',
  k = 3,
  locale: Locale = en,
): { id: string; name: string }[] {
  const c = compileVocabulary(vocabulary, locale);
  const target = trigrams(
    tokenize(heard, locale)
      .map((t) => t.text)
      .join(' '),
  );
  if (target.size === 0) return [];
  const best = new Map<number, number>();
  for (const phrase of c.index.phrases) {
    const entity = c.index.entities[phrase.entity];
    if (entity === undefined || entity.kind !== slot) continue;
    const grams = trigrams(phrase.keys.map((key) => (key.startsWith('#') ? key.slice(1) : key)).join(' '));
    let shared = 0;
    for (const g of target) if (grams.has(g)) shared++;
    const score = shared / (target.size + grams.size - shared);
    if (score > (best.get(phrase.entity) ?? 0)) best.set(phrase.entity, score);
  }
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, k)
    .flatMap(([e]) => {
      const entity = c.index.entities[e];
      return entity === undefined ? [] : [{ id: entity.id, name: entity.name }];
    });
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}
