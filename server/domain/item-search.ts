import MiniSearch from 'minisearch';

export type SearchableItem = {
  id: number;
  sku: string;
  name: string;
  aliases: readonly string[];
  barcode: string | null;
  category: string;
};

type Doc = { id: number; sku: string; name: string; aliases: string; barcode: string; category: string };

/**
 * Item search by name, alias, SKU or barcode that forgives typos ("berings" finds bearings) and
 * partial words as someone types. Kept in memory: a store's catalogue is thousands of items, and a
 * lookup here costs microseconds where a LIKE scan over the table costs milliseconds.
 */
export class ItemSearchIndex {
  readonly #index = new MiniSearch<Doc>({
    fields: ['name', 'aliases', 'sku', 'category'],
    storeFields: [],
    searchOptions: {
      boost: { name: 3, aliases: 2, sku: 2 },
      prefix: true,
      fuzzy: (term) => (term.length >= 4 ? 0.25 : false),
      combineWith: 'AND',
    },
    // Keep sizes like "M8" and "6204-2RS" as searchable terms.
    tokenize: (text) =>
      text
        .toLowerCase()
        .split(/[\s,;/()]+/)
        .filter(Boolean),
  });
  readonly #exact = new Map<string, number>();
  readonly #docs = new Map<number, Doc>();

  constructor(items: readonly SearchableItem[] = []) {
    this.#index.addAll(items.map((i) => this.#remember(i)));
  }

  upsert(item: SearchableItem): void {
    const previous = this.#docs.get(item.id);
    if (previous) {
      this.#index.discard(item.id);
      this.#exact.delete(previous.sku.toLowerCase());
      if (previous.barcode) this.#exact.delete(previous.barcode.toLowerCase());
    }
    this.#index.add(this.#remember(item));
  }

  /** Ids best first. An exact SKU or barcode (a scan) wins outright. */
  search(query: string, limit: number): number[] {
    const q = query.trim();
    if (q === '') return [];
    const exact = this.#exact.get(q.toLowerCase());
    const results = this.#index.search(q).map((r) => Number(r.id));
    const loose =
      results.length > 0 ? results : this.#index.search(q, { combineWith: 'OR' }).map((r) => Number(r.id));
    const ids = exact === undefined ? loose : [exact, ...loose.filter((id) => id !== exact)];
    return ids.slice(0, limit);
  }

  #remember(i: SearchableItem): Doc {
    const doc: Doc = {
      id: i.id,
      sku: i.sku,
      name: i.name,
      aliases: i.aliases.join(' ; '),
      barcode: i.barcode ?? '',
      category: i.category,
    };
    this.#docs.set(i.id, doc);
    this.#exact.set(i.sku.toLowerCase(), i.id);
    if (i.barcode) this.#exact.set(i.barcode.toLowerCase(), i.id);
    return doc;
  }
}
