import { type SearchDoc, TextSearchIndex } from './text-search.ts';

export type SearchableItem = {
  id: number;
  sku: string;
  name: string;
  aliases: readonly string[];
  barcode: string | null;
  category: string;
};

const itemDoc = (i: SearchableItem): SearchDoc => ({
  id: i.id,
  code: i.sku,
  barcode: i.barcode,
  name: i.name,
  aliases: i.aliases,
  kinds: [i.category],
  archived: false,
});

/** The catalogue by name, alias, SKU or barcode; ranked as `TextSearchIndex` ranks. */
export class ItemSearchIndex extends TextSearchIndex<SearchableItem> {
  constructor(items: readonly SearchableItem[] = []) {
    super(itemDoc, items);
  }
}
