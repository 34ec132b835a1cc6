import { stringify } from 'csv-stringify/sync';
import { invalid } from '../../common/errors.ts';
import { isManualKind, kindLabel } from '../../common/masters/location.ts';
import { appendAudit } from '../db/audit.repository.ts';
import {
  allItems,
  allLocations,
  insertItem,
  skusByBarcode,
  stockOnHandBySku,
  updateItem,
  upsertLocation,
} from '../db/catalog.repository.ts';
import { listCategories, listUnits } from '../db/catalog-masters.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import { locationCodesWithStock } from '../db/locations.repository.ts';
import { listSuppliers } from '../db/suppliers.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import { COLUMNS, type CsvKind, type ParsedCsv, parseCsv, type RowError } from '../domain/csv-rows.ts';
import type { Clock } from './clock.ts';
import { postStockOperations } from './stock-ledger.service.ts';

export type ImportResult = { dryRun: boolean; rows: number; errors: RowError[]; applied: number };

class ImportRefused extends Error {
  constructor(readonly errors: RowError[]) {
    super('import refused');
  }
}

/**
 * CSV in and out for items, locations and stock. An import is checked whole first (row shapes, then
 * references and duplicates against the database) and applied in one transaction only when no row
 * has an error: a file with one bad line writes nothing. A dry run reports every row error by line;
 * a real import with errors is refused with the first few of them. Stock rows become `count` movements, so
 * on-hand still equals the ledger sum after an import.
 */
export class IoService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;

  constructor(deps: { db: Database; writer: Writer; clock: Clock }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  async export(kind: CsvKind): Promise<{ filename: string; csv: string }> {
    const day = new Date(this.#clock.now()).toISOString().slice(0, 10);
    return {
      filename: `twinventory-${kind}-${day}.csv`,
      csv: stringify(await this.#rows(kind), { header: true, columns: [...COLUMNS[kind]] }),
    };
  }

  async import(kind: CsvKind, text: string, dryRun: boolean, actorId: number): Promise<ImportResult> {
    const parsed = parseCsv(kind, text);
    const rows = parsed.rows.length + parsed.errors.length;
    // Rows that parsed are still checked against the database, so one pass lists every problem.
    const allErrors = async (ex: Executor) =>
      [...parsed.errors, ...(await this.#check(ex, kind, parsed))].sort((a, b) => a.line - b.line);
    if (dryRun) return { dryRun, rows, errors: await allErrors(this.#db.reader), applied: 0 };
    if (parsed.errors.length > 0) throw refusal(await allErrors(this.#db.reader));
    try {
      await this.#writer.run(async (tx) => {
        const errors = await this.#check(tx, kind, parsed);
        if (errors.length > 0) throw new ImportRefused(errors);
        await this.#apply(tx, kind, parsed, actorId);
        tx.emit({ type: 'import', kind });
      });
    } catch (error) {
      if (error instanceof ImportRefused) throw refusal(error.errors);
      throw error;
    }
    return { dryRun, rows, errors: [], applied: parsed.rows.length };
  }

  async #rows(kind: CsvKind): Promise<Record<string, unknown>[]> {
    const ex = this.#db.reader;
    switch (kind) {
      case 'items': {
        const suppliers = await supplierNames(ex);
        return (await allItems(ex)).map((i) => ({
          sku: i.sku,
          name: i.name,
          aliases: i.aliases.join('|'),
          unit: i.unit,
          barcode: i.barcode ?? '',
          category: i.category,
          unit_cost: (i.unitCostCents / 100).toFixed(2),
          reorder_point: i.reorderPoint,
          reorder_qty: i.reorderQty,
          tracking: i.tracking,
          supplier: i.supplierId === null ? '' : (suppliers.byId.get(i.supplierId) ?? ''),
        }));
      }
      case 'locations':
        return (await allLocations(ex)).map((l) => {
          // Hand-kept locations are not drawn: no size, and a van has no place either.
          const manual = isManualKind(l.kind);
          return {
            ...l,
            aisle: l.aisle ?? '',
            bay: l.bay ?? '',
            level: l.level ?? '',
            x: l.x ?? '',
            y: l.y ?? '',
            z: l.z ?? '',
            width: manual ? '' : l.width,
            height: manual ? '' : l.height,
            depth: manual ? '' : l.depth,
            active: l.active,
          };
        });
      case 'stock': {
        return (await stockOnHandBySku(ex)).map((r) => ({
          sku: r.sku,
          location: r.location,
          lot: r.lot,
          on_hand: r.onHand,
        }));
      }
    }
  }

  async #check(ex: Executor, kind: CsvKind, parsed: ParsedCsv<CsvKind>): Promise<RowError[]> {
    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    const once = (key: string, line: number, what: string) => {
      const first = seen.get(key);
      if (first !== undefined) errors.push({ line, message: `${what} repeats line ${first}` });
      else seen.set(key, line);
    };
    if (kind === 'items') {
      const rows = (parsed as ParsedCsv<'items'>).rows;
      const suppliers = await supplierNames(ex);
      const masters = await activeMasters(ex);
      const existing = new Map((await allItems(ex)).map((i) => [i.sku.toLowerCase(), i]));
      const barcodes = await skusByBarcode(
        ex,
        rows.flatMap((r) => (r.row.barcode ? [r.row.barcode] : [])),
      );
      for (const { line, row } of rows) {
        once(`sku:${row.sku}`, line, `SKU ${row.sku}`);
        if (row.barcode) once(`barcode:${row.barcode}`, line, `Barcode ${row.barcode}`);
        const supplierId = row.supplier ? suppliers.byName.get(row.supplier.toLowerCase()) : undefined;
        if (row.supplier && supplierId === undefined) {
          errors.push({ line, message: `Supplier "${row.supplier}" does not exist` });
        } else if (
          supplierId !== undefined &&
          suppliers.archived.has(supplierId) &&
          existing.get(row.sku.toLowerCase())?.supplierId !== supplierId
        ) {
          errors.push({ line, message: `Supplier ${row.supplier} is archived and cannot be preferred` });
        }
        if (!masters.categories.has(row.category.toLowerCase()))
          errors.push({ line, message: `There is no active category "${row.category}"` });
        if (!masters.units.has(row.unit.toLowerCase()))
          errors.push({ line, message: `There is no active unit "${row.unit}"` });
        const owner = row.barcode ? barcodes.get(row.barcode) : undefined;
        if (owner !== undefined && owner !== row.sku) {
          errors.push({ line, message: `Barcode ${row.barcode} already belongs to ${owner}` });
        }
      }
    } else if (kind === 'locations') {
      const rows = (parsed as ParsedCsv<'locations'>).rows;
      const held = await locationCodesWithStock(ex);
      const kinds = new Map((await allLocations(ex)).map((l) => [l.code.toUpperCase(), l.kind]));
      for (const { line, row } of rows) {
        once(`code:${row.code.toUpperCase()}`, line, `Location ${row.code}`);
        // The layout owns bins and docks; the setup screen owns cabinets, rooms, vans and areas.
        const was = kinds.get(row.code.toUpperCase());
        if (was !== undefined && isManualKind(was) !== isManualKind(row.kind)) {
          errors.push({
            line,
            message: `Location ${row.code} is a ${kindLabel(was).toLowerCase()}; it cannot become a ${kindLabel(row.kind).toLowerCase()}`,
          });
        }
        if (!row.active && held.has(row.code.toUpperCase())) {
          errors.push({
            line,
            message: `Location ${row.code} still holds stock and cannot be made inactive`,
          });
        }
      }
    } else {
      const rows = (parsed as ParsedCsv<'stock'>).rows;
      const items = new Map((await allItems(ex)).map((i) => [i.sku.toLowerCase(), i]));
      const locations = new Map((await allLocations(ex)).map((l) => [l.code.toUpperCase(), l]));
      for (const { line, row } of rows) {
        once(
          `${row.sku.toLowerCase()}|${row.location.toUpperCase()}|${row.lot}`,
          line,
          'This item, location and lot',
        );
        const item = items.get(row.sku.toLowerCase());
        if (!item) errors.push({ line, message: `No item has SKU ${row.sku}` });
        else if (item.tracking === 'none' && row.lot !== '')
          errors.push({ line, message: `${item.name} is not lot-tracked; leave lot empty` });
        else if (item.tracking !== 'none' && row.lot === '')
          errors.push({ line, message: `${item.name} needs a lot` });
        if (!locations.has(row.location.toUpperCase()))
          errors.push({ line, message: `No location has the code ${row.location}` });
      }
    }
    return errors.sort((a, b) => a.line - b.line);
  }

  async #apply(tx: WriteTx, kind: CsvKind, parsed: ParsedCsv<CsvKind>, actorId: number): Promise<void> {
    const now = this.#clock.now();
    if (kind === 'items') {
      const suppliers = await supplierNames(tx);
      const masters = await activeMasters(tx);
      const existing = new Map((await allItems(tx)).map((i) => [i.sku.toLowerCase(), i]));
      for (const { row } of (parsed as ParsedCsv<'items'>).rows) {
        const input = {
          sku: row.sku,
          name: row.name,
          aliases: row.aliases,
          unit: masters.units.get(row.unit.toLowerCase()) ?? row.unit,
          barcode: row.barcode,
          category: masters.categories.get(row.category.toLowerCase()) ?? row.category,
          unitCostCents: row.unit_cost,
          reorderPoint: row.reorder_point,
          reorderQty: row.reorder_qty,
          tracking: row.tracking,
          supplierId: row.supplier ? (suppliers.byName.get(row.supplier.toLowerCase()) ?? null) : null,
        };
        const current = existing.get(row.sku.toLowerCase());
        if (current) await updateItem(tx, current.id, input);
        else await insertItem(tx, input, now);
      }
    } else if (kind === 'locations') {
      for (const { row } of (parsed as ParsedCsv<'locations'>).rows) {
        await upsertLocation(tx, { ...row, code: row.code.toUpperCase() });
      }
    } else {
      const items = new Map((await allItems(tx)).map((i) => [i.sku.toLowerCase(), i.id]));
      const locations = new Map((await allLocations(tx)).map((l) => [l.code.toUpperCase(), l.id]));
      const outcomes = await postStockOperations(
        tx,
        (parsed as ParsedCsv<'stock'>).rows.map(({ row }) => ({
          op: {
            kind: 'count' as const,
            itemId: items.get(row.sku.toLowerCase()) ?? 0,
            locationId: locations.get(row.location.toUpperCase()) ?? 0,
            countedQty: row.on_hand,
            lot: row.lot,
            reason: 'CSV import',
          },
          actorId,
        })),
        now,
        { announce: false },
      );
      const refused = outcomes.flatMap((o, i) =>
        o.ok ? [] : [{ line: (parsed as ParsedCsv<'stock'>).rows[i]?.line ?? 0, message: o.error.message }],
      );
      if (refused.length > 0) throw new ImportRefused(refused);
      await appendAudit(tx, [
        {
          actorId,
          action: 'import.stock',
          entity: 'import',
          entityId: kind,
          data: JSON.stringify({ rows: outcomes.length }),
          createdAt: now,
        },
      ]);
      return;
    }
    await appendAudit(tx, [
      {
        actorId,
        action: `import.${kind}`,
        entity: 'import',
        entityId: kind,
        data: JSON.stringify({ rows: parsed.rows.length }),
        createdAt: now,
      },
    ]);
  }
}

/** A real import with bad rows is refused whole; the message leads with the first few lines to fix. */
function refusal(errors: RowError[]) {
  const shown = errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`);
  const more = errors.length > 5 ? `; and ${errors.length - 5} more (run a dry run to see them all)` : '';
  return invalid(`Nothing was imported: ${errors.length} row(s) need fixing. ${shown.join('; ')}${more}`, {
    errors,
  });
}

async function supplierNames(ex: Executor) {
  const suppliers = await listSuppliers(ex);
  return {
    byId: new Map(suppliers.map((s) => [s.id, s.name])),
    byName: new Map(suppliers.map((s) => [s.name.toLowerCase(), s.id])),
    archived: new Set(suppliers.filter((s) => s.archived).map((s) => s.id)),
  };
}

/** Active categories and units by lower-case name or code, spelled as stored. */
async function activeMasters(ex: Executor) {
  const [categories, units] = await Promise.all([listCategories(ex), listUnits(ex)]);
  return {
    categories: new Map(categories.filter((c) => !c.archived).map((c) => [c.name.toLowerCase(), c.name])),
    units: new Map(units.filter((u) => !u.archived).map((u) => [u.code.toLowerCase(), u.code])),
  };
}
