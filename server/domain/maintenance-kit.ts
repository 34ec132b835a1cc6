/**
 * Which bins a plan's parts kit is reserved from when the plan raises its work order: for each part,
 * the bins with the most free stock first, splitting across bins when one does not hold enough. What
 * no bin can supply is reported rather than refused: the work still has to be done, and the kit can
 * be completed by hand once the parts arrive.
 */

export type KitNeed = { itemId: number; qty: number; name: string; unit: string };

/** Free (on hand, not reserved) stock of one item at one location and lot. */
export type FreeStock = { itemId: number; locationId: number; code: string; lot: string; free: number };

export type KitReservation = { itemId: number; locationId: number; code: string; lot: string; qty: number };
export type KitShortfall = { itemId: number; name: string; unit: string; wanted: number; reserved: number };

/** The reservations that take the kit from the bins with the most free stock; short parts get less. */
export function allocateKit(kit: readonly KitNeed[], stock: readonly FreeStock[]): KitReservation[] {
  const reservations: KitReservation[] = [];
  for (const need of kit) {
    // Most free first; ties by bin code and lot so the same stock always gives the same choice.
    const rows = stock
      .filter((s) => s.itemId === need.itemId && s.free > 0)
      .sort(
        (a, b) =>
          b.free - a.free ||
          a.code.localeCompare(b.code, 'en', { numeric: true }) ||
          a.lot.localeCompare(b.lot),
      );
    let left = need.qty;
    for (const row of rows) {
      if (left === 0) break;
      const qty = Math.min(left, row.free);
      reservations.push({
        itemId: need.itemId,
        locationId: row.locationId,
        code: row.code,
        lot: row.lot,
        qty,
      });
      left -= qty;
    }
  }
  return reservations;
}

/** Kit lines that got less than they need from the reservations actually made. */
export function kitShortfalls(
  kit: readonly KitNeed[],
  reserved: readonly { itemId: number; qty: number }[],
): KitShortfall[] {
  return kit.flatMap((k) => {
    const got = reserved.filter((r) => r.itemId === k.itemId).reduce((n, r) => n + r.qty, 0);
    return got < k.qty
      ? [{ itemId: k.itemId, name: k.name, unit: k.unit, wanted: k.qty, reserved: got }]
      : [];
  });
}

/** "Kit short: 2 of 4 Oil filter; 1 of 1 Drain plug washer", or '' when the whole kit was reserved. */
export function kitShortNote(short: readonly KitShortfall[]): string {
  if (short.length === 0) return '';
  return `Kit short: ${short.map((s) => `${s.wanted - s.reserved} of ${s.wanted} ${s.name}`).join('; ')}`;
}
