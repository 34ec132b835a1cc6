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
  /** A supplier, its contacts or its prices changed. */
  | { type: 'supplier'; supplierId: number }
  /** A category changed; a rename also renamed it on every item filed under it. */
  | { type: 'category'; categoryId: number }
  /** A unit changed; a new code also changed it wherever items count or pack in it. */
  | { type: 'unit'; unitId: number }
  /** A hand-kept location (cabinet, room, van, other area) was added, changed, archived or restored. */
  | { type: 'location'; locationId: number };
