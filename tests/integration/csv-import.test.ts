import { describe, expect, test } from 'vitest';
import { CSV_KINDS } from '../../common/csv/kinds.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { dbFingerprint, ledgerHolds } from '../support/db-state.ts';

const ITEMS_HEADER =
  'sku,name,aliases,unit,barcode,category,unit_cost,reorder_point,reorder_qty,tracking,supplier';
const FORMULA = 'formulas are not accepted (start the cell with an apostrophe to keep it as text)';

type Refusal = { message?: string; data?: { code?: string; details?: { errors?: unknown[] } } };
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(() => null as Refusal | null).catch((e: Refusal) => e);

describe.each(BACKENDS)('CSV import and export on $name', (backend) => {
  const fx = useFixture(backend);

  test.skipIf(!backend.available)(
    'a dry run says create, update or unchanged for every row; changing a stored item needs "update existing"',
    async () => {
      const planner = fx().as.planner;
      const csv = [
        ITEMS_HEADER,
        // Exactly as stored.
        'BRG-6204,6204-2RS deep groove ball bearing,6204 bearing,ea,,test,1.00,10,50,none,',
        // Stored, with a new name and cost.
        'FST-M8-030,M8 x 30 hex bolt (zinc),M8 bolts,ea,,test,1.25,10,50,none,',
        // New.
        'FST-M6-020,M6 x 20 hex bolt,,ea,,Fasteners,0.08,100,500,none,',
      ].join('\n');
      const before = await dbFingerprint(fx().app.services.db);

      const strict = await planner.io.importCsv.mutate({ kind: 'items', csv, dryRun: true });
      expect(strict.rows).toEqual([
        { line: 2, key: 'SKU BRG-6204', action: 'unchanged', changed: [] },
        { line: 3, key: 'SKU FST-M8-030', action: 'error', changed: ['name', 'unit_cost'] },
        { line: 4, key: 'SKU FST-M6-020', action: 'create', changed: [] },
      ]);
      expect(strict.errors).toEqual([
        {
          line: 3,
          column: 'sku',
          message:
            "SKU FST-M8-030 already exists; tick 'Update existing' to change it (changes: name, unit_cost)",
        },
      ]);
      expect(strict.totals).toEqual({ rows: 3, create: 1, update: 0, unchanged: 1, error: 1 });

      const lenient = await planner.io.importCsv.mutate({ kind: 'items', csv, dryRun: true, update: true });
      expect(lenient.rows.map((r) => [r.action, r.changed])).toEqual([
        ['unchanged', []],
        ['update', ['name', 'unit_cost']],
        ['create', []],
      ]);
      expect(lenient.errors).toEqual([]);

      // Without "update existing" the real import is refused whole and nothing is written.
      const refused = await refusalOf(planner.io.importCsv.mutate({ kind: 'items', csv, dryRun: false }));
      expect(refused?.data?.code).toBe('BAD_REQUEST');
      expect(refused?.message).toMatch(
        /^Nothing was imported: 1 problem to fix\. line 3 \(sku\): SKU FST-M8-030/,
      );
      expect(refused?.data?.details?.errors).toEqual(strict.errors);
      expect(await dbFingerprint(fx().app.services.db)).toBe(before);

      const done = await planner.io.importCsv.mutate({ kind: 'items', csv, dryRun: false, update: true });
      expect(done.totals).toEqual({ rows: 3, create: 1, update: 1, unchanged: 1, error: 0 });
      const bolt = await fx().as.technician.items.get.query({ id: fx().items.bolt });
      expect(bolt).toMatchObject({
        name: 'M8 x 30 hex bolt (zinc)',
        unitCostCents: 125,
        aliases: ['M8 bolts'],
      });
      expect((await fx().as.technician.items.search.query({ q: 'M6 x 20' }))[0]?.sku).toBe('FST-M6-020');
      // One audit entry for the import, saying what it did.
      const [entry] = await fx().as.admin.audit.recent.query({ limit: 1 });
      expect(entry).toMatchObject({ action: 'import.items', actorId: fx().users.planner });
      expect(JSON.parse(entry?.data ?? '{}')).toEqual({
        source: 'web',
        rows: 3,
        create: 1,
        update: 1,
        unchanged: 1,
        error: 0,
      });
    },
  );

  test.skipIf(!backend.available)(
    'columns missing from the file keep their stored values on update',
    async () => {
      const csv = 'sku,name\nBRG-6204,Deep groove ball bearing 6204-2RS\n';
      // Unknown to the file: unit, category, cost, reorder levels, tracking, aliases.
      const missing = await fx().as.planner.io.importCsv.mutate({
        kind: 'items',
        csv,
        dryRun: true,
        update: true,
      });
      expect(missing.errors.map((e) => [e.line, e.column])).toEqual([
        [1, 'unit'],
        [1, 'category'],
        [1, 'unit_cost'],
        [1, 'reorder_point'],
        [1, 'reorder_qty'],
      ]);
      const full = [
        'sku,name,unit,category,unit_cost,reorder_point,reorder_qty',
        'BRG-6204,Deep groove ball bearing 6204-2RS,ea,test,1.00,10,50',
      ].join('\n');
      const result = await fx().as.planner.io.importCsv.mutate({
        kind: 'items',
        csv: full,
        dryRun: false,
        update: true,
      });
      expect(result.totals.update).toBe(1);
      expect(await fx().as.technician.items.get.query({ id: fx().items.bearing })).toMatchObject({
        name: 'Deep groove ball bearing 6204-2RS',
        aliases: ['6204 bearing'],
        tracking: 'none',
      });
    },
  );

  test.skipIf(!backend.available)(
    'a malformed row is one error and the rows after it are still checked; one bad row makes the import write nothing',
    async () => {
      const csv = [
        'sku,location,lot,on_hand',
        'FST-M8-030,A-01-1,,90',
        // One cell too many.
        'FST-M8-030,A-01-2,,5,extra',
        // A quote that never closes.
        'BRG-6204,"B-01-1,,4',
        'BRG-6204,Z-99-9,,4',
        'LUB-EP2,A-01-2,,3',
        'BRG-6204,B-01-1,,4',
      ].join('\n');
      const dry = await fx().as.planner.io.importCsv.mutate({
        kind: 'stock',
        csv,
        dryRun: true,
        update: true,
      });
      expect(dry.errors).toEqual([
        {
          line: 3,
          column: '',
          message: 'This row has 5 cells but the header has 4; a value holding "," needs quotes around it',
        },
        { line: 4, column: 'location', message: 'A quote opened in this row is never closed' },
        { line: 5, column: 'location', message: 'No location has the code Z-99-9' },
        { line: 6, column: 'lot', message: 'EP2 lithium grease 400 g is tracked by lot; give one' },
      ]);
      expect(dry.rows.map((r) => [r.line, r.action])).toEqual([
        [2, 'update'],
        [3, 'error'],
        [4, 'error'],
        [5, 'error'],
        [6, 'error'],
        [7, 'update'],
      ]);
      expect(dry.totals).toEqual({ rows: 6, create: 0, update: 2, unchanged: 0, error: 4 });

      const before = await dbFingerprint(fx().app.services.db);
      const refused = await refusalOf(
        fx().as.planner.io.importCsv.mutate({ kind: 'stock', csv, dryRun: false, update: true }),
      );
      expect(refused?.data?.details?.errors).toHaveLength(4);
      expect(await dbFingerprint(fx().app.services.db)).toBe(before);
      const level = await fx().as.technician.stock.level.query({ itemId: fx().items.bolt });
      expect(level.locations.find((l) => l.code === 'A-01-1')?.onHand).toBe(100);
    },
  );

  test.skipIf(!backend.available)(
    'stock rows are counts through the ledger; a stock change also needs "update existing"',
    async () => {
      const csv = 'sku,location,on_hand\nFST-M8-030,A-01-1,96\nFST-M8-030,A-01-2,12\n';
      const strict = await fx().as.planner.io.importCsv.mutate({ kind: 'stock', csv, dryRun: true });
      expect(strict.errors).toEqual([
        {
          line: 2,
          column: 'sku',
          message:
            "FST-M8-030 at A-01-1 already exists; tick 'Update existing' to change it (changes: on_hand)",
        },
      ]);
      const done = await fx().as.planner.io.importCsv.mutate({
        kind: 'stock',
        csv,
        dryRun: false,
        update: true,
      });
      expect(done.totals).toMatchObject({ create: 1, update: 1 });
      const level = await fx().as.technician.stock.level.query({ itemId: fx().items.bolt });
      expect(level.locations.map((l) => [l.code, l.onHand])).toEqual([
        ['A-01-1', 96],
        ['A-01-2', 12],
      ]);
      const history = await fx().as.technician.items.movements.query({ itemId: fx().items.bolt });
      expect(history.slice(0, 2).map((m) => [m.kind, m.code, m.qty, m.reason])).toEqual([
        ['count', 'A-01-2', 12, 'CSV import'],
        ['count', 'A-01-1', -4, 'CSV import'],
      ]);
      expect(await ledgerHolds(fx().app.services.db)).toBe(true);
    },
  );

  test.skipIf(!backend.available)(
    "an export re-imports as all unchanged, with a technician's formula lot neutralised on the way out",
    async () => {
      // A technician types a lot that a spreadsheet would run.
      const lot = '=HYPERLINK("http://evil.example","L-7")';
      await fx().as.technician.stock.receive.mutate({
        itemId: fx().items.grease,
        locationId: fx().bins.b,
        qty: 2,
        lot,
        idempotencyKey: 'csv-formula-lot-1',
      });
      const stock = await fx().as.planner.io.exportCsv.mutate({ kind: 'stock' });
      expect(stock.csv).toContain(`LUB-EP2,A-01-2,"'=HYPERLINK(""http://evil.example"",""L-7"")",2`);
      expect(stock.csv).not.toMatch(/,"?=HYPERLINK/);

      // Every kind, with a record of each made through the masters' services.
      const supplier = await fx().factories.newSupplier({ name: 'Round Trip Supplies' });
      await fx().factories.newPrice(supplier.id, fx().items.bolt);
      const asset = await fx().factories.newAsset({ tag: 'RT-1', meterUnit: 'h', meterValue: 10 });
      await fx().factories.newMaintenancePlan(asset.id, {
        checklist: ['Look'],
        kit: [{ itemId: fx().items.bolt, qty: 2 }],
      });
      for (const kind of CSV_KINDS) {
        const { csv } = await fx().as.admin.io.exportCsv.mutate({ kind });
        const dry = await fx().as.admin.io.importCsv.mutate({ kind, csv, dryRun: true });
        expect({ kind, errors: dry.errors }).toEqual({ kind, errors: [] });
        expect(dry.rows.every((r) => r.action === 'unchanged')).toBe(true);
        expect(dry.totals.unchanged).toBeGreaterThan(0);
      }

      // Typed into a file, the same lot is refused on its cell.
      const typed = `sku,location,lot,on_hand\nLUB-EP2,A-01-2,"${lot.replaceAll('"', '""')}",2\n`;
      const dry = await fx().as.planner.io.importCsv.mutate({ kind: 'stock', csv: typed, dryRun: true });
      expect(dry.errors).toEqual([{ line: 2, column: 'lot', message: `starts with '=': ${FORMULA}` }]);
    },
  );

  test.skipIf(!backend.available)('each kind has a template and its columns described', async () => {
    // Users are for administrators: a planner is not offered them.
    const kinds = await fx().as.admin.io.kinds.query();
    expect(kinds.map((k) => k.kind)).toEqual([...CSV_KINDS]);
    expect((await fx().as.planner.io.kinds.query()).map((k) => k.kind)).toEqual(
      CSV_KINDS.filter((k) => k !== 'users'),
    );
    for (const k of kinds) {
      const template = await fx().as.admin.io.template.query({ kind: k.kind });
      expect(template.filename).toBe(`twinventory-${k.kind}-template.csv`);
      expect(template.csv.split('\n')[0]).toBe(k.columns.map((c) => c.name).join(','));
      expect(k.columns.every((c) => c.description.length > 0)).toBe(true);
    }
    // The items and locations templates import cleanly (the stock one refers to its example items).
    for (const kind of ['items', 'locations'] as const) {
      const { csv } = await fx().as.planner.io.template.query({ kind });
      const dry = await fx().as.planner.io.importCsv.mutate({ kind, csv, dryRun: true });
      expect(dry.errors).toEqual([]);
      expect(dry.rows.every((r) => r.action === 'create' && r.key.includes('X'))).toBe(true);
    }
    await expect(fx().as.technician.io.template.query({ kind: 'items' })).rejects.toThrow(/cannot do this/);
  });

  test.skipIf(!backend.available)(
    'users: administrators only; new users are invited and their links come back once',
    async () => {
      const csv = 'username,display_name,role\nnew.hire,New Hire,technician\nplan,Pat Planner,planner\n';
      for (const call of [
        () => fx().as.planner.io.exportCsv.mutate({ kind: 'users' }),
        () => fx().as.planner.io.template.query({ kind: 'users' }),
        () => fx().as.planner.io.importCsv.mutate({ kind: 'users', csv, dryRun: true }),
      ]) {
        const refused = await refusalOf(call());
        expect(refused?.data?.code).toBe('FORBIDDEN');
        expect(refused?.message).toBe('Only administrators may import or export users');
      }
      const dry = await fx().as.admin.io.importCsv.mutate({ kind: 'users', csv, dryRun: true });
      expect(dry.rows.map((r) => [r.line, r.action])).toEqual([
        [2, 'create'],
        [3, 'unchanged'],
      ]);
      expect(dry.invites).toEqual([]);
      const done = await fx().as.admin.io.importCsv.mutate({ kind: 'users', csv, dryRun: false });
      expect(done.invites).toEqual([
        {
          username: 'new.hire',
          path: expect.stringMatching(/^\/invite\?token=/),
          expiresAt: expect.any(Number),
        },
      ]);
      const [entry] = await fx().as.admin.audit.recent.query({ limit: 1 });
      expect(entry).toMatchObject({ action: 'import.users', actorId: fx().users.admin });
      const [invite] = done.invites;
      // The link works: the new user chooses a password and is logged in.
      const token = new URL(`http://x${invite?.path ?? ''}`).searchParams.get('token') ?? '';
      const user = await fx().as.anonymous.account.redeemToken.mutate({
        token,
        password: 'a long and unusual passphrase 42',
      });
      expect(user).toMatchObject({ username: 'new.hire', role: 'technician' });
    },
  );
});
