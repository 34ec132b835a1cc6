import type { CsvKind } from './csv/kinds.ts';
import { exhaustive } from './errors.ts';
import { ANY_USER, type Role } from './roles.ts';

/**
 * What other users' screens (and every server instance's caches) need to hear about without
 * reloading. Emitted inside a write transaction, written to the change feed (the `outbox` table) in
 * that transaction, and published by every instance as it reads the feed (server/services/change-feed.ts).
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
   * A user's account changed (role, name, status, password). For the servers only: every instance's
   * session cache forgets the user, and when `signOut` is set their live streams (except the one
   * session kept) end with a `signed_out` message. It is never sent to a screen as it is.
   */
  | {
      type: 'account';
      userId: number;
      signOut: { reason: SignOutReason; keepSessionHash: string | null } | null;
    }
  /**
   * One session was logged out. For the servers only: every instance forgets it and ends its live
   * streams (other tabs on the same cookie) with a `signed_out` message.
   */
  | { type: 'logout'; userId: number; sessionHash: string }
  /**
   * Never emitted by a write: the change feed says events were missed (they were trimmed from the
   * feed before this instance or this screen read them), so whatever follows the data starts over.
   */
  | { type: 'resync' };

/** Why a user's sessions were ended while they had the app open. */
export type SignOutReason =
  | 'disabled'
  | 'signed_out_everywhere'
  | 'password_changed'
  | 'password_reset'
  | 'logged_out';

/**
 * What a screen's live stream carries: the shared events, and for its own user only, a last
 * `signed_out` message before the stream ends.
 */
export type LiveMessage =
  | Exclude<LiveEvent, { type: 'account' } | { type: 'logout' }>
  | { type: 'signed_out'; reason: SignOutReason };

/**
 * What a screen can choose to hear (`GET /events?topics=stock,work_orders`); without a choice it
 * hears them all. `resync` and `signed_out` reach every stream whatever it chose.
 */
export const LIVE_TOPICS = [
  'stock',
  'work_orders',
  'purchasing',
  'catalog',
  'assets',
  'twin',
  'site',
] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];

/** The topic a screen hears an event under; null for the servers' own events (never sent as they are). */
export function liveTopicOf(event: LiveEvent): LiveTopic | 'all' | null {
  switch (event.type) {
    case 'stock':
      return 'stock';
    case 'work_order':
      return 'work_orders';
    case 'purchase_order':
    case 'supplier':
      return 'purchasing';
    case 'catalog':
    case 'category':
    case 'unit':
    case 'location':
      return 'catalog';
    case 'asset':
      return 'assets';
    case 'twin':
      return 'twin';
    case 'settings':
      return 'site';
    case 'import':
      return IMPORT_TOPIC[event.kind];
    case 'resync':
      return 'all';
    case 'account':
    case 'logout':
      return null;
    default:
      return exhaustive(event);
  }
}

/** Where a CSV import's changes show. */
const IMPORT_TOPIC: Record<CsvKind, LiveTopic> = {
  items: 'catalog',
  locations: 'catalog',
  stock: 'stock',
  suppliers: 'purchasing',
  supplier_prices: 'purchasing',
  assets: 'assets',
  plans: 'assets',
  users: 'site',
};

/**
 * Who may hear an event: the roles that may read what it describes. Every shared event today names
 * records any signed-in user may read; an event about something only planners see (scenarios, say)
 * would name PLANNERS here, and the event stream leaves it out of other roles' streams.
 */
export function liveAudienceOf(event: LiveEvent): readonly Role[] {
  return liveTopicOf(event) === null ? [] : ANY_USER;
}
