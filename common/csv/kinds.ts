/**
 * What a CSV file can hold. The server keeps one spec per kind (server/services/csv/); the browser
 * and the live events only need the names.
 */
export const CSV_KINDS = ['items', 'locations', 'stock'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];
