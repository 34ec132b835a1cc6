/**
 * What a CSV file can hold. The server keeps one spec per kind (server/services/csv/); the browser
 * and the live events only need the names. In the order onboarding usually takes them.
 */
export const CSV_KINDS = [
  'items',
  'locations',
  'stock',
  'suppliers',
  'supplier_prices',
  'assets',
  'plans',
  'users',
] as const;
export type CsvKind = (typeof CSV_KINDS)[number];
