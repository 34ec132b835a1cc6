/** What "Picked N" takes: one item, from one bin and lot. */
export type PickTarget = {
  itemId: number;
  itemName: string;
  sku: string;
  barcode: string | null;
  unit: string;
  locationId: number;
  binCode: string;
  lot: string;
  onHand: number;
};

/** Does a scanned code confirm this pick? The bin's label, or the item's barcode or SKU. */
export function scanConfirms(value: string, target: PickTarget): boolean {
  const v = value.trim();
  return v === target.binCode || v === target.sku || (target.barcode !== null && v === target.barcode);
}
