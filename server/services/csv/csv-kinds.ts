import type { CsvKind } from '../../../common/csv/kinds.ts';
import { assetsCsv } from './assets.csv-kind.ts';
import type { CsvKindEngine } from './csv-kind.ts';
import { itemsCsv } from './items.csv-kind.ts';
import { locationsCsv } from './locations.csv-kind.ts';
import { plansCsv } from './plans.csv-kind.ts';
import { stockCsv } from './stock.csv-kind.ts';
import { supplierPricesCsv } from './supplier-prices.csv-kind.ts';
import { suppliersCsv } from './suppliers.csv-kind.ts';
import { usersCsv } from './users.csv-kind.ts';

/** Every kind of CSV file the system reads and writes; a new kind is one spec file and one line here. */
export const CSV_ENGINES: Record<CsvKind, CsvKindEngine> = {
  items: itemsCsv,
  locations: locationsCsv,
  stock: stockCsv,
  suppliers: suppliersCsv,
  supplier_prices: supplierPricesCsv,
  assets: assetsCsv,
  plans: plansCsv,
  users: usersCsv,
};
