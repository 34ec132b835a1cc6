/**
 * What the voice parser knows about the facility. Built from the live database by the server
 * (voice vocabulary procedure) and read from JSON by scripts/voice-eval.ts; the shape matches
 * ../shared/voice/dev-vocab.json.
 */
export type VocabularyItem = { id: string; name: string; aliases: string[]; sku: string };
export type VocabularyLocation = { code: string; aisle: string };
export type VocabularyAsset = { id: string; name: string; aliases: string[]; tag: string };

export type Vocabulary = {
  items: VocabularyItem[];
  locations: VocabularyLocation[];
  aisles: string[];
  assets: VocabularyAsset[];
};

export type Priority = 'low' | 'medium' | 'high' | 'urgent';

/** Exactly the intents and slots the product and its evaluation use. */
export type Command =
  | { intent: 'find_item'; slots: { item: string } }
  | { intent: 'stock_level'; slots: { item: string; location?: string } }
  | { intent: 'navigate'; slots: { item: string } | { location: string } | { asset: string } }
  | { intent: 'pick'; slots: { item: string; qty: number; location?: string } }
  | { intent: 'put_away'; slots: { item: string; qty: number; location?: string } }
  | { intent: 'count'; slots: { item?: string; qty: number; location: string } }
  | { intent: 'low_stock'; slots: Record<string, never> }
  | { intent: 'create_work_order'; slots: { asset: string; priority?: Priority } }
  | { intent: 'work_order_status'; slots: { work_order?: number } }
  | { intent: 'complete_work_order'; slots: { work_order: number } }
  | { intent: 'start_audit'; slots: { aisle?: string } }
  | { intent: 'cancel'; slots: Record<string, never> }
  | { intent: 'confirm'; slots: Record<string, never> }
  | { intent: 'help'; slots: Record<string, never> }
  | { intent: 'none'; slots: Record<string, never> };

export type Intent = Command['intent'];

/** A parse: the command, how sure the parser is (0..1), and close alternatives for "did you mean". */
export type ParseResult = Command & {
  confidence: number;
  /** When an item/asset phrase matched several entries about equally, their ids, best first. */
  alternatives?: { slot: 'item' | 'asset'; ids: string[] };
  /** When the phrase named something not in the vocabulary, the words heard (for "nearest names"). */
  unknown?: { slot: 'item' | 'asset'; heard: string };
  /**
   * On `none` only: the sentence sounded like this intent but lacked these slots ("pick some bolts"
   * has no quantity), so a dialogue can ask for them instead of saying it did not understand.
   */
  partial?: { intent: Intent; missing: string[] };
};
