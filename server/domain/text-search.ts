import MiniSearch from 'minisearch';

/** One record as search sees it: an item, an asset. */
export type SearchDoc = {
  id: number;
  /** The record's own code (an item's SKU, an asset's tag): found whole, or word by word. */
  code: string;
  /** A scanned code: found only whole, since thousands of barcodes share their leading digits. */
  barcode: string | null;
  name: string;
  /** What people call it besides its name ("M8 bolts", "genny 1"). */
  aliases: readonly string[];
  /** What kind of thing it is: an item's category; an asset's category and type. */
  kinds: readonly string[];
  /** Left out of results unless asked for (an archived asset). */
  archived: boolean;
};

type Indexed = { id: number; code: string; name: string; aliases: string; kinds: string };

/** Keep sizes like "M8" and "6204-2RS" as searchable terms. */
const tokenize = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[\s,;/()]+/)
    .filter(Boolean);

/** "M8  Bolts" and "m8 bolts" say the same name. */
const phraseKey = (text: string): string => tokenize(text).join(' ');

const EMPTY: ReadonlySet<number> = new Set();

/**
 * Search by name, alias, code or barcode that forgives typos ("berings" finds bearings, "generatr" the
 * generator) and partial words as someone types. Kept in memory: a store's catalogue is thousands of
 * records, and a lookup here costs microseconds where a LIKE scan over the table costs milliseconds.
 *
 * Ranking, best first: an exact code or barcode (a scan), then an exact name or alias ("m8 bolts" is
 * what the store calls one bolt, however many other bolts mention M8), then the fuzzy matches by score.
 */
export class TextSearchIndex<T> {
  readonly #toDoc: (record: T) => SearchDoc;
  readonly #index = new MiniSearch<Indexed>({
    fields: ['name', 'aliases', 'code', 'kinds'],
    storeFields: [],
    searchOptions: {
      boost: { name: 3, aliases: 2, code: 2 },
      prefix: true,
      fuzzy: (term) => (term.length >= 4 ? 0.25 : false),
      combineWith: 'AND',
    },
    tokenize,
  });
  /** Lower-cased code or barcode -> records. */
  readonly #codes = new Map<string, Set<number>>();
  /** Name or alias as words -> records (several parts may share an alias). */
  readonly #names = new Map<string, Set<number>>();
  readonly #docs = new Map<number, SearchDoc>();

  constructor(toDoc: (record: T) => SearchDoc, records: readonly T[]) {
    this.#toDoc = toDoc;
    this.#index.addAll(records.map((r) => this.#remember(toDoc(r))));
  }

  /** Adds a record, or replaces everything known about it. */
  upsert(record: T): void {
    const doc = this.#toDoc(record);
    const previous = this.#docs.get(doc.id);
    if (previous) {
      this.#index.discard(doc.id);
      for (const key of codeKeys(previous)) this.#codes.get(key)?.delete(doc.id);
      for (const key of nameKeys(previous)) this.#names.get(key)?.delete(doc.id);
    }
    this.#index.add(this.#remember(doc));
  }

  /** Ids best first; archived records only with `includeArchived`. */
  search(
    query: string,
    limit: number,
    { includeArchived = false }: { includeArchived?: boolean } = {},
  ): number[] {
    const q = query.trim();
    if (q === '') return [];
    const all = this.#index.search(q).map((r) => Number(r.id));
    const loose =
      all.length > 0 ? all : this.#index.search(q, { combineWith: 'OR' }).map((r) => Number(r.id));
    const scoreOrder = new Map(loose.map((id, i) => [id, i]));
    const byScore = (ids: ReadonlySet<number>) =>
      [...ids].sort(
        (a, b) =>
          (scoreOrder.get(a) ?? Number.POSITIVE_INFINITY) - (scoreOrder.get(b) ?? Number.POSITIVE_INFINITY) ||
          a - b,
      );
    const ranked = new Set([
      ...byScore(this.#codes.get(q.toLowerCase()) ?? EMPTY),
      ...byScore(this.#names.get(phraseKey(q)) ?? EMPTY),
      ...loose,
    ]);
    const shown = includeArchived
      ? [...ranked]
      : [...ranked].filter((id) => this.#docs.get(id)?.archived !== true);
    return shown.slice(0, limit);
  }

  #remember(doc: SearchDoc): Indexed {
    this.#docs.set(doc.id, doc);
    for (const key of codeKeys(doc)) addTo(this.#codes, key, doc.id);
    for (const key of nameKeys(doc)) addTo(this.#names, key, doc.id);
    return {
      id: doc.id,
      code: doc.code,
      name: doc.name,
      aliases: doc.aliases.join(' ; '),
      kinds: doc.kinds.join(' ; '),
    };
  }
}

function codeKeys(doc: SearchDoc): string[] {
  return [doc.code, doc.barcode ?? ''].map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
}

function nameKeys(doc: SearchDoc): string[] {
  return [doc.name, ...doc.aliases].map(phraseKey).filter((k) => k !== '');
}

function addTo(map: Map<string, Set<number>>, key: string, id: number): void {
  const ids = map.get(key);
  if (ids) ids.add(id);
  else map.set(key, new Set([id]));
}
