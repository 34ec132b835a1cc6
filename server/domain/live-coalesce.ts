import { exhaustive } from '../../common/errors.ts';
import type { LiveEvent } from '../../common/live-events.ts';

/** An event with its change-feed id and its JSON. */
export type Coalescable = { id: number; event: LiveEvent; json: string };

/**
 * Folds a burst of events into what a screen needs to hear: one event per record, at the position
 * (and with the id) of its newest change. A screen refetches what an event names, so hearing "item 7
 * changed" once after fifty picks of it is the same as hearing it fifty times, at a fiftieth of the
 * cost for every open screen. Stock events keep every bin they mention, each with its newest
 * numbers. Events that are not about one record (a resync, the servers' own account events) stay
 * where they are. Only merged events are serialised again; the rest keep their text.
 */
export function coalesce(entries: readonly Coalescable[]): Coalescable[] {
  const out: ({ entry: Coalescable; merged: boolean } | null)[] = [];
  const at = new Map<string, number>();
  for (const entry of entries) {
    const key = recordKey(entry.event);
    const index = key === null ? undefined : at.get(key);
    const previous = index === undefined ? null : out[index];
    if (key !== null) at.set(key, out.length);
    if (index === undefined || !previous) {
      out.push({ entry, merged: false });
      continue;
    }
    out[index] = null;
    const event = merge(previous.entry.event, entry.event);
    out.push({ entry: { id: entry.id, event, json: entry.json }, merged: event !== entry.event });
  }
  return out.flatMap((slot) => {
    if (slot === null) return [];
    return [slot.merged ? { ...slot.entry, json: JSON.stringify(slot.entry.event) } : slot.entry];
  });
}

/** The record an event is about, or null when it is not about one record. */
function recordKey(event: LiveEvent): string | null {
  switch (event.type) {
    case 'stock':
      return `stock:${event.itemId}`;
    case 'work_order':
      return `work_order:${event.workOrderId}`;
    case 'purchase_order':
      return `purchase_order:${event.purchaseOrderId}`;
    case 'catalog':
      return `catalog:${event.itemId}`;
    case 'import':
      return `import:${event.kind}`;
    case 'asset':
      return `asset:${event.assetId}`;
    case 'twin':
      return 'twin';
    case 'settings':
      return 'settings';
    case 'supplier':
      return `supplier:${event.supplierId}`;
    case 'category':
      return `category:${event.categoryId}`;
    case 'unit':
      return `unit:${event.unitId}`;
    case 'location':
      return `location:${event.locationId}`;
    case 'account':
    case 'logout':
    case 'resync':
      return null;
    default:
      return exhaustive(event);
  }
}

/** The newer event, and for stock the union of both events' bins with the newer numbers. */
function merge(older: LiveEvent, newer: LiveEvent): LiveEvent {
  if (older.type !== 'stock' || newer.type !== 'stock') return newer;
  const byBin = new Map<string, (typeof newer.locations)[number]>();
  for (const l of [...older.locations, ...newer.locations]) byBin.set(`${l.locationId}\u0000${l.lot}`, l);
  return { ...newer, locations: [...byBin.values()] };
}
