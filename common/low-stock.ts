/** How the low-stock list can be ordered (server sorts, screens offer the choice). */
export const LOW_STOCK_SORTS = ['urgency', 'name', 'supplier', 'value'] as const;
export type LowStockSort = (typeof LOW_STOCK_SORTS)[number];
