/**
 * What other users' screens (and this server's own caches) need to hear about without reloading.
 * Emitted inside a write transaction and published only once it commits (server/db/writer.ts).
 */
export type LiveEvent =
  | {
      type: 'stock';
      itemId: number;
      locations: { locationId: number; code: string; lot: string; onHand: number; reserved: number }[];
    }
  | { type: 'work_order'; workOrderId: number; status: string }
  | { type: 'purchase_order'; purchaseOrderId: number; status: string }
  | { type: 'catalog'; itemId: number }
  /** A CSV import changed many records of one kind at once. */
  | { type: 'import'; kind: 'items' | 'locations' | 'stock' }
  | { type: 'asset'; assetId: number }
  | { type: 'twin'; revisionId: number }
  /** The site's name, currency, locale, time zone or units changed: every screen reformats. */
  | { type: 'settings' };
