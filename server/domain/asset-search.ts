import { type SearchDoc, TextSearchIndex } from './text-search.ts';

export type SearchableAsset = {
  id: number;
  tag: string;
  name: string;
  aliases: readonly string[];
  category: string;
};

const assetDoc = (a: SearchableAsset): SearchDoc => ({
  id: a.id,
  code: a.tag,
  barcode: null,
  name: a.name,
  aliases: a.aliases,
  category: a.category,
});

/** The equipment register by tag, name, alias or category; ranked as `TextSearchIndex` ranks. */
export class AssetSearchIndex extends TextSearchIndex<SearchableAsset> {
  constructor(assets: readonly SearchableAsset[] = []) {
    super(assetDoc, assets);
  }
}
