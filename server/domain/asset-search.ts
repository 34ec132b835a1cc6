import { type SearchDoc, TextSearchIndex } from './text-search.ts';

export type SearchableAsset = {
  id: number;
  tag: string;
  name: string;
  aliases: readonly string[];
  type: string;
  category: string;
  archived: boolean;
};

const assetDoc = (a: SearchableAsset): SearchDoc => ({
  id: a.id,
  code: a.tag,
  barcode: null,
  name: a.name,
  aliases: a.aliases,
  kinds: [a.category, a.type],
  archived: a.archived,
});

/**
 * The equipment register by tag, name, alias, category or type; ranked as `TextSearchIndex` ranks.
 * Archived assets stay indexed (a restore needs no rebuild) and are found only when asked for.
 */
export class AssetSearchIndex extends TextSearchIndex<SearchableAsset> {
  constructor(assets: readonly SearchableAsset[] = []) {
    super(assetDoc, assets);
  }
}
