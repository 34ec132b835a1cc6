export const PO_STATUSES = ['open', 'partially_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PO_STATUSES)[number];

/** Purchase orders that still expect goods: what counts as "on order". */
export const OPEN_PO_STATUSES = [
  'open',
  'partially_received',
] as const satisfies readonly PurchaseOrderStatus[];
