import type { CsvKind } from './csv/kinds.ts';

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
  | { type: 'import'; kind: CsvKind }
  | { type: 'asset'; assetId: number }
  | { type: 'twin'; revisionId: number }
  /** The site's name, currency, locale, time zone or units changed: every screen reformats. */
  | { type: 'settings' }
  /** A supplier, its contacts or its prices changed. */
  | { type: 'supplier'; supplierId: number }
  /** A category changed; a rename also renamed it on every item filed under it. */
  | { type: 'category'; categoryId: number }
  /** A unit changed; a new code also changed it wherever items count or pack in it. */
  | { type: 'unit'; unitId: number }
  /** A hand-kept location (cabinet, room, van, other area) was added, changed, archived or restored. */
  | { type: 'location'; locationId: number }
  /**
   * A user's account changed (role, name, status, password). For this server only: the session
   * cache forgets the user, and when `signOut` is set their live streams (except the one session
   * kept) end with a `signed_out` message. It is never sent to a screen as it is.
   */
  | {
      type: 'account';
      userId: number;
      signOut: { reason: SignOutReason; keepSessionHash: string | null } | null;
    };

/** Why a user's sessions were ended while they had the app open. */
export type SignOutReason = 'disabled' | 'signed_out_everywhere' | 'password_changed' | 'password_reset';

/**
 * What a screen's live stream carries: the shared events, and for its own user only, a last
 * `signed_out` message before the stream ends.
 */
export type LiveMessage =
  | Exclude<LiveEvent, { type: 'account' }>
  | { type: 'signed_out'; reason: SignOutReason };
