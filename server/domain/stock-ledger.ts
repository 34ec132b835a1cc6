import { conflict, DomainError, exhaustive, invalid, notFound } from '../../common/errors.ts';

/**
 * The stock ledger's rules, as pure functions over a snapshot of the rows an operation touches.
 * The repository loads the snapshot, `planStockOperations` decides, the repository writes the plan.
 * Keeping the rules here means the server, the seed, the tests and the benchmarks all apply the
 * same ones, and a whole group of picks is checked in memory before a single write.
 */

export type Tracking = 'none' | 'lot' | 'serial';
export type MovementKind = 'receive' | 'pick' | 'put_away' | 'transfer' | 'adjust' | 'count';

export type ItemInfo = { id: number; name: string; unit: string; tracking: Tracking };
export type LocationInfo = { id: number; code: string; active: boolean };
export type StockRow = {
  itemId: number;
  locationId: number;
  lot: string;
  onHand: number;
  reserved: number;
  lastCountedAt: number | null;
};

type Common = {
  itemId: number;
  lot?: string | undefined;
  reason?: string | undefined;
  refType?: string | undefined;
  refId?: number | undefined;
};

export type StockOperation =
  | (Common & { kind: 'receive'; locationId: number; qty: number })
  /** `fromReservation` consumes that much of what was reserved here (a work order's parts). */
  | (Common & { kind: 'pick'; locationId: number; qty: number; fromReservation?: number | undefined })
  | (Common & { kind: 'put_away' | 'transfer'; fromLocationId: number; toLocationId: number; qty: number })
  | (Common & { kind: 'adjust'; locationId: number; delta: number })
  | (Common & { kind: 'count'; locationId: number; countedQty: number })
  | (Common & { kind: 'reserve' | 'release'; locationId: number; qty: number });

/** One row of the ledger: a signed change at one location. */
export type MovementLine = {
  kind: MovementKind;
  itemId: number;
  locationId: number;
  lot: string;
  qty: number;
  countedQty: number | null;
  reason: string | null;
  refType: string | null;
  refId: number | null;
};

export type StockAfter = { locationId: number; code: string; lot: string; onHand: number; reserved: number };

export type OperationPlan = { lines: MovementLine[]; after: StockAfter[] };
export type PlanOutcome = { ok: true; plan: OperationPlan } | { ok: false; error: DomainError };

export type Snapshot = {
  items: ReadonlyMap<number, ItemInfo>;
  locations: ReadonlyMap<number, LocationInfo>;
  /** Keyed by `stockKey`; rows missing here hold nothing. Updated in place by the planner. */
  stock: Map<string, StockRow>;
};

export const stockKey = (itemId: number, locationId: number, lot: string) => `${itemId}|${locationId}|${lot}`;

/** Every (item, location, lot) an operation reads or writes, so the repository can load just those. */
export function touchedKeys(op: StockOperation): { itemId: number; locationId: number; lot: string }[] {
  const lot = op.lot ?? '';
  switch (op.kind) {
    case 'put_away':
    case 'transfer':
      return [
        { itemId: op.itemId, locationId: op.fromLocationId, lot },
        { itemId: op.itemId, locationId: op.toLocationId, lot },
      ];
    case 'receive':
    case 'pick':
    case 'adjust':
    case 'count':
    case 'reserve':
    case 'release':
      return [{ itemId: op.itemId, locationId: op.locationId, lot }];
    default:
      return exhaustive(op);
  }
}

/**
 * Applies operations in order to the snapshot. A refused operation changes nothing and does not
 * stop the ones after it; `snapshot.stock` ends holding every row as it must be written.
 */
export function planStockOperations(snapshot: Snapshot, ops: readonly StockOperation[]): PlanOutcome[] {
  return ops.map((op) => {
    try {
      return { ok: true as const, plan: planOne(snapshot, op) };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false as const, error };
      throw error;
    }
  });
}

function planOne(s: Snapshot, op: StockOperation): OperationPlan {
  const item = s.items.get(op.itemId);
  if (item === undefined) throw notFound(`Item ${op.itemId} does not exist`);
  const lot = normaliseLot(item, op.lot);
  const base = {
    itemId: item.id,
    lot,
    countedQty: null,
    reason: op.reason ?? null,
    refType: op.refType ?? null,
    refId: op.refId ?? null,
  };
  // Work on copies so a refusal halfway through (the second leg of a transfer) leaves nothing behind.
  const changed = new Map<string, StockRow>();
  const row = (locationId: number): StockRow => {
    const key = stockKey(item.id, locationId, lot);
    const existing = changed.get(key) ?? s.stock.get(key);
    const copy = existing
      ? { ...existing }
      : { itemId: item.id, locationId, lot, onHand: 0, reserved: 0, lastCountedAt: null };
    changed.set(key, copy);
    return copy;
  };
  const lines: MovementLine[] = [];

  switch (op.kind) {
    case 'receive': {
      const loc = location(s, op.locationId, true);
      positive(op.qty, 'Quantity received');
      const r = row(loc.id);
      r.onHand += op.qty;
      serialLimit(item, r, loc);
      lines.push({ ...base, kind: 'receive', locationId: loc.id, qty: op.qty });
      break;
    }
    case 'pick': {
      const loc = location(s, op.locationId, false);
      positive(op.qty, 'Quantity picked');
      const fromReservation = op.fromReservation ?? 0;
      if (!Number.isInteger(fromReservation) || fromReservation < 0 || fromReservation > op.qty) {
        throw invalid(
          'The reserved quantity consumed must be a whole number between 0 and the quantity picked',
        );
      }
      const r = row(loc.id);
      if (fromReservation > r.reserved) {
        throw conflict(`Only ${r.reserved} ${item.unit} of ${item.name} are reserved at ${loc.code}`);
      }
      const available = r.onHand - r.reserved + fromReservation;
      if (op.qty > available) throw short(item, loc, r, op.qty, 'pick');
      r.onHand -= op.qty;
      r.reserved -= fromReservation;
      lines.push({ ...base, kind: 'pick', locationId: loc.id, qty: -op.qty });
      break;
    }
    case 'put_away':
    case 'transfer': {
      if (op.fromLocationId === op.toLocationId) throw invalid('The source and destination are the same bin');
      const from = location(s, op.fromLocationId, false);
      const to = location(s, op.toLocationId, true);
      positive(op.qty, 'Quantity moved');
      const src = row(from.id);
      if (op.qty > src.onHand - src.reserved) throw short(item, from, src, op.qty, 'move');
      const dst = row(to.id);
      src.onHand -= op.qty;
      dst.onHand += op.qty;
      serialLimit(item, dst, to);
      lines.push({ ...base, kind: op.kind, locationId: from.id, qty: -op.qty });
      lines.push({ ...base, kind: op.kind, locationId: to.id, qty: op.qty });
      break;
    }
    case 'adjust': {
      const loc = location(s, op.locationId, false);
      if (!Number.isInteger(op.delta) || op.delta === 0)
        throw invalid('An adjustment must change the quantity');
      if (!op.reason?.trim()) throw invalid('An adjustment needs a reason');
      const r = row(loc.id);
      if (r.onHand + op.delta < r.reserved) {
        throw conflict(
          `Bin ${loc.code} holds ${r.onHand} ${item.unit} of ${item.name} with ${r.reserved} reserved; cannot adjust by ${op.delta}`,
        );
      }
      r.onHand += op.delta;
      serialLimit(item, r, loc);
      lines.push({ ...base, kind: 'adjust', locationId: loc.id, qty: op.delta });
      break;
    }
    case 'count': {
      const loc = location(s, op.locationId, false);
      if (!Number.isInteger(op.countedQty) || op.countedQty < 0) {
        throw invalid('A counted quantity must be a whole number, 0 or more');
      }
      const r = row(loc.id);
      if (op.countedQty < r.reserved) {
        throw conflict(
          `Bin ${loc.code} has ${r.reserved} ${item.unit} of ${item.name} reserved for work orders; release them before counting ${op.countedQty}`,
        );
      }
      const delta = op.countedQty - r.onHand;
      r.onHand = op.countedQty;
      serialLimit(item, r, loc);
      // A count is recorded even when it matches: "time since last count" depends on it.
      lines.push({ ...base, kind: 'count', locationId: loc.id, qty: delta, countedQty: op.countedQty });
      break;
    }
    case 'reserve': {
      const loc = location(s, op.locationId, false);
      positive(op.qty, 'Quantity reserved');
      const r = row(loc.id);
      if (op.qty > r.onHand - r.reserved) throw short(item, loc, r, op.qty, 'reserve');
      r.reserved += op.qty;
      break;
    }
    case 'release': {
      const loc = location(s, op.locationId, false);
      positive(op.qty, 'Quantity released');
      const r = row(loc.id);
      if (op.qty > r.reserved) {
        throw conflict(`Only ${r.reserved} ${item.unit} of ${item.name} are reserved at ${loc.code}`);
      }
      r.reserved -= op.qty;
      break;
    }
    default:
      exhaustive(op);
  }

  for (const [key, r] of changed) s.stock.set(key, r);
  return {
    lines,
    after: [...changed.values()].map((r) => ({
      locationId: r.locationId,
      code: s.locations.get(r.locationId)?.code ?? String(r.locationId),
      lot: r.lot,
      onHand: r.onHand,
      reserved: r.reserved,
    })),
  };
}

function normaliseLot(item: ItemInfo, lot: string | undefined): string {
  const trimmed = (lot ?? '').trim();
  if (item.tracking === 'none') {
    if (trimmed !== '') throw invalid(`${item.name} is not lot-tracked; leave the lot empty`);
    return '';
  }
  if (trimmed === '') {
    throw invalid(
      `${item.name} is tracked by ${item.tracking === 'lot' ? 'lot' : 'serial number'}; give one`,
    );
  }
  return trimmed;
}

function location(s: Snapshot, id: number, receiving: boolean): LocationInfo {
  const loc = s.locations.get(id);
  if (loc === undefined) throw notFound(`Location ${id} does not exist`);
  if (receiving && !loc.active) throw conflict(`Bin ${loc.code} is retired and cannot take stock`);
  return loc;
}

function positive(qty: number, what: string): void {
  if (!Number.isInteger(qty) || qty <= 0) throw invalid(`${what} must be a whole number above 0`);
}

function serialLimit(item: ItemInfo, r: StockRow, loc: LocationInfo): void {
  if (item.tracking === 'serial' && r.onHand > 1) {
    throw conflict(`Serial number ${r.lot} of ${item.name} is already in ${loc.code}`);
  }
}

function short(item: ItemInfo, loc: LocationInfo, r: StockRow, qty: number, verb: string): DomainError {
  const held = `Bin ${loc.code} holds ${r.onHand} ${item.unit} of ${item.name}`;
  const reserved = r.reserved > 0 ? ` (${r.reserved} reserved for work orders)` : '';
  return conflict(`${held}${reserved}; cannot ${verb} ${qty}`, {
    locationCode: loc.code,
    onHand: r.onHand,
    reserved: r.reserved,
  });
}
