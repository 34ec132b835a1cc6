import { describe, expect, test } from 'vitest';
import type { CsvKind } from '../../common/csv/kinds.ts';
import type { DomainError } from '../../common/errors.ts';
import type { Role } from '../../common/roles.ts';
import { dbFingerprint } from '../../tests/support/db-state.ts';
import { DAY_MS, type TestServices, useServices } from '../../tests/support/service-harness.ts';
import type { CellError } from '../domain/csv/read-csv.ts';

/**
 * The CSV kinds that go through the masters' services, below HTTP: each kind's dry run (create,
 * update, unchanged), its errors by line and column, and an export that re-imports unchanged.
 */

type Who = { id: number; role: Role } | null;

function io(t: () => TestServices) {
  const options = (update: boolean, actor: Who) => ({ update, actor, source: 'web' as const });
  return {
    check: (kind: CsvKind, csv: string, { update = false, actor = null as Who } = {}) =>
      t().services.io.check(kind, csv, options(update, actor)),
    run: (kind: CsvKind, csv: string, { update = false, actor = null as Who } = {}) =>
      t().services.io.import(kind, csv, options(update, actor)),
    export: async (kind: CsvKind) => (await t().services.io.export(kind, null)).csv,
  };
}

const actions = (report: { rows: { line: number; action: string; changed: readonly string[] }[] }) =>
  report.rows.map((r) => [r.line, r.action, ...r.changed]);
const at = (errors: CellError[]) => errors.map((e) => `${e.line} ${e.column}: ${e.message}`);

/** The errors a refused import carries, or null when it went through. */
async function refusal(promise: Promise<unknown>): Promise<string[] | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return at(((error as DomainError).details?.errors ?? []) as CellError[]);
  }
}

describe('items name categories, units, a preferred supplier and packs', () => {
  const t = useServices();
  const csv = io(t);
  const HEADER = 'sku,name,unit,category,unit_cost,reorder_point,reorder_qty,supplier,packs';

  test('categories and units that do not exist yet are listed by the dry run and created by the import', async () => {
    const { services } = t();
    const file = [
      HEADER,
      'HYD-HOSE-12,Hydraulic hose 12 mm,m,Hydraulics,4.20,20,100,,drum:50',
      'HYD-FIT-12,Hydraulic fitting 12 mm,ea,hydraulics,1.10,20,100,,box:25',
    ].join('\n');
    const before = await dbFingerprint(services.db);
    const dry = await csv.check('items', file);
    expect(dry.errors).toEqual([]);
    expect(actions(dry)).toEqual([
      [2, 'create'],
      [3, 'create'],
    ]);
    // m, ea and box are among the units every database starts with.
    expect(dry.notes).toEqual(['Creates category Hydraulics', 'Creates unit drum']);
    expect(await dbFingerprint(services.db)).toBe(before);

    const done = await csv.run('items', file);
    expect(done.totals).toMatchObject({ create: 2 });
    expect(done.notes).toEqual(dry.notes);
    expect((await services.masters.categories()).map((c) => c.name)).toContain('Hydraulics');
    expect((await services.masters.units()).map((u) => u.code)).toContain('drum');
    const audit = (await services.audit.recent(20)).map((e) => e.action);
    expect(audit.filter((a) => a === 'category.create')).toHaveLength(1);
    expect(audit.filter((a) => a === 'unit.create')).toHaveLength(1);
    const [fitting] = await services.inventory.search('fitting 12', 1);
    // Spelled as the category was created, whatever the row wrote.
    expect(fitting).toMatchObject({ sku: 'HYD-FIT-12', category: 'Hydraulics' });
    expect((await services.inventory.item(fitting?.id ?? 0)).packs).toMatchObject([
      { unit: 'box', size: 25 },
    ]);

    // Exported, the file says the same again: every row unchanged.
    const again = await csv.check('items', await csv.export('items'));
    expect(again.errors).toEqual([]);
    expect(again.totals).toMatchObject({ create: 0, update: 0, unchanged: again.totals.rows });
  });

  test('an archived category, unit or supplier is an error on its cell; packs are checked against the unit', async () => {
    const { services, factories } = t();
    const admin = await factories.newUser('admin');
    const category = await services.masters.createCategory({ name: 'Obsolete' }, admin.id);
    await services.masters.archiveCategory(category, admin.id);
    const unit = await services.masters.createUnit({ code: 'gross', name: 'gross' }, admin.id);
    await services.masters.archiveUnit(unit, admin.id);
    const gone = await factories.newSupplier({ name: 'Gone Ltd' });
    await services.suppliers.archive(gone.id, admin.id);
    const file = [
      HEADER,
      'OBS-1,Old part,ea,obsolete,1,1,1,,',
      'OBS-2,Old part two,gross,Fasteners,1,1,1,,',
      'OBS-3,Old part three,ea,Fasteners,1,1,1,gone ltd,',
      'OBS-4,Old part four,ea,Fasteners,1,1,1,Nobody Inc,ea:10|gross:12',
    ].join('\n');
    const dry = await csv.check('items', file);
    expect(at(dry.errors)).toEqual([
      '2 category: The category Obsolete is archived; restore it under Setup or choose another',
      '3 unit: The unit gross is archived; restore it under Setup or choose another',
      '4 supplier: Gone Ltd is archived and cannot be a preferred supplier; choose an active one',
      '5 supplier: No supplier is called "Nobody Inc"',
      '5 packs: A pack cannot be in ea, the unit the item is counted in; use a unit such as box',
      '5 packs: The unit gross is archived; restore it under Setup or choose another',
    ]);
    expect(await refusal(csv.run('items', file))).toEqual(at(dry.errors));
  });

  test('packs replace the stored ones only where they change; without the column they stay', async () => {
    const { services, factories } = t();
    const item = await factories.newItem({ packs: [{ unit: 'box', size: 100 }] });
    const row = `${item.sku},${item.name},ea,test,1.00,10,50`;
    const kept = await csv.check(
      'items',
      `sku,name,unit,category,unit_cost,reorder_point,reorder_qty\n${row}`,
    );
    expect(actions(kept)).toEqual([[2, 'unchanged']]);
    const file = `${HEADER}\n${row},,case:1000|box:100`;
    const dry = await csv.check('items', file, { update: true });
    expect(actions(dry)).toEqual([[2, 'update', 'packs']]);
    await csv.run('items', file, { update: true });
    expect((await services.inventory.item(item.id)).packs.map((p) => [p.unit, p.size])).toEqual([
      ['box', 100],
      ['case', 1000],
    ]);
  });
});

describe('suppliers', () => {
  const t = useServices();
  const csv = io(t);
  const HEADER =
    'name,lead_time_days,currency,notes,contact_name,contact_role,contact_email,contact_phone,archived';

  test('a dry run says create, update or unchanged; an import keeps the contacts after the first', async () => {
    const { services, factories } = t();
    const kept = await factories.newSupplier({ name: 'Kept Supply', leadTimeDays: 3, currency: 'EUR' });
    const changed = await factories.newSupplier({
      name: 'Changed Supply',
      contacts: [
        { name: 'Orders', role: 'orders', email: 'orders@changed.example', phone: '' },
        { name: 'Kim Lee', role: 'accounts', email: '', phone: '+44 20 7946 0000' },
      ],
    });
    const [keptContact] = kept.contacts;
    const file = [
      HEADER,
      `kept supply,3,eur,,${keptContact?.name},orders,${keptContact?.email},,false`,
      'Changed Supply,10,EUR,Ring first,Sales desk,sales,sales@changed.example,,false',
      'New Supply GmbH,5,EUR,,Anna Berg,orders,,+49 30 1234567,true',
    ].join('\n');
    const strict = await csv.check('suppliers', file);
    expect(actions(strict)).toEqual([
      [2, 'unchanged'],
      [3, 'error', 'lead_time_days', 'notes', 'contact_name', 'contact_role', 'contact_email'],
      [4, 'create'],
    ]);
    expect(at(strict.errors)).toEqual([
      "3 name: Supplier Changed Supply already exists; tick 'Update existing' to change it (changes: lead_time_days, notes, contact_name, contact_role, contact_email)",
    ]);
    const done = await csv.run('suppliers', file, { update: true });
    expect(done.totals).toMatchObject({ create: 1, update: 1, unchanged: 1 });
    expect(await services.suppliers.get(changed.id)).toMatchObject({
      leadTimeDays: 10,
      notes: 'Ring first',
      contacts: [
        { name: 'Sales desk', role: 'sales', email: 'sales@changed.example' },
        { name: 'Kim Lee', phone: '+44 20 7946 0000' },
      ],
    });
    const created = (await services.suppliers.list()).find((s) => s.name === 'New Supply GmbH');
    expect(created).toMatchObject({ archived: true, contacts: 1, leadTimeDays: 5 });
    const audit = (await services.audit.recent(10)).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['supplier.create', 'supplier.archive', 'supplier.update']));

    const again = await csv.check('suppliers', await csv.export('suppliers'));
    expect(again.errors).toEqual([]);
    expect(again.totals).toMatchObject({ create: 0, update: 0, unchanged: again.totals.rows });
  });

  test('a file of more rows than one import applies one by one is refused whole: split it', async () => {
    const rows = Array.from(
      { length: 5001 },
      (_, i) => `Bulk Supplier ${i},5,EUR,,Orders,,o${i}@example.com,,`,
    );
    const dry = await csv.check('suppliers', [HEADER, ...rows].join('\n'));
    expect(dry.errors[0]).toEqual({
      line: 1,
      column: '',
      message:
        "The file has 5,001 rows; a suppliers file holds at most 5,000, since each row goes through the setup screen's rules one by one: split it",
    });
    expect(dry.errors).toHaveLength(1);
    expect(await refusal(csv.run('suppliers', [HEADER, ...rows].join('\n')))).toHaveLength(1);
  });

  test('errors by line and column, the first contact checked by the contact rules', async () => {
    const { factories } = t();
    const priced = await factories.newSupplier({ currency: 'EUR' });
    await factories.newPrice(priced.id, (await factories.newItem()).id);
    const file = [
      HEADER,
      'Bad Contact,5,EUR,,Someone,,not-an-address,,',
      'No Way,400,XYZ,,,,,,maybe',
      'Lonely Contact,5,EUR,,,orders,,,',
      `${priced.name},7,USD,,${priced.contacts[0]?.name},orders,${priced.contacts[0]?.email},,`,
    ].join('\n');
    const dry = await csv.check('suppliers', file, { update: true });
    expect(at(dry.errors)).toEqual([
      '2 contact_email: Enter an e-mail address like orders@example.com',
      '3 lead_time_days: Use at most 365 days',
      '3 currency: Use an ISO 4217 currency code such as EUR, USD or GBP',
      '3 archived: archived must be true or false',
      '4 contact_name: Enter a name',
      '4 contact_email: Give an e-mail address or a phone number',
      `5 currency: ${priced.name} has 1 price(s) in EUR; remove them before changing its currency to USD`,
    ]);
  });
});

describe('supplier prices', () => {
  const t = useServices();
  const csv = io(t);
  const HEADER = 'supplier,sku,part_number,price,pack_unit,pack_size,min_order_packs,lead_time_days';

  test("create, update and unchanged by supplier and SKU; prices in the currency's own decimals", async () => {
    const { services, factories } = t();
    const euro = await factories.newSupplier({ name: 'Euro Parts', currency: 'EUR' });
    const yen = await factories.newSupplier({ name: 'Yen Parts', currency: 'JPY' });
    const bolt = await factories.newItem({ packs: [{ unit: 'box', size: 100 }] });
    const nut = await factories.newItem();
    await factories.newPrice(euro.id, bolt.id, {
      partNumber: 'EU-1',
      priceMinor: 980,
      pack: { unit: 'box', size: 100 },
    });
    await factories.newPrice(euro.id, nut.id, { partNumber: 'EU-2', priceMinor: 12 });
    const file = [
      HEADER,
      // 9.8 is the stored 9.80.
      `euro parts,${bolt.sku.toLowerCase()},EU-1,9.8,box,100,1,`,
      `Euro Parts,${nut.sku},EU-2,0.15,ea,1,1,`,
      `Yen Parts,${bolt.sku},JP-1,300,box,100,2,14`,
    ].join('\n');
    const dry = await csv.check('supplier_prices', file, { update: true });
    expect(dry.errors).toEqual([]);
    expect(actions(dry)).toEqual([
      [2, 'unchanged'],
      [3, 'update', 'price'],
      [4, 'create'],
    ]);
    await csv.run('supplier_prices', file, { update: true });
    const prices = await services.suppliers.pricesForItem(bolt.id);
    expect(prices.find((p) => p.supplierId === yen.id)).toMatchObject({
      partNumber: 'JP-1',
      priceMinor: 300,
      minOrderPacks: 2,
      leadTimeDays: 14,
      pack: { unit: 'box', size: 100 },
    });
    expect((await services.suppliers.pricesForItem(nut.id))[0]?.priceMinor).toBe(15);

    // An archived supplier's prices export and re-import unchanged; only changing them is refused.
    const admin = await factories.newUser('admin');
    await services.suppliers.archive(yen.id, admin.id);
    const exported = await csv.export('supplier_prices');
    const again = await csv.check('supplier_prices', exported);
    expect(again.errors).toEqual([]);
    expect(again.totals).toMatchObject({ create: 0, update: 0, unchanged: again.totals.rows });
    const changed = await csv.check('supplier_prices', exported.replace('JP-1,300', 'JP-1,310'), {
      update: true,
    });
    expect(at(changed.errors)).toEqual([
      `${exported.split('\n').findIndex((l) => l.startsWith('Yen Parts')) + 1} supplier: Yen Parts is archived; restore it before changing its prices`,
    ]);
  });

  test('errors by line and column', async () => {
    const { services, factories } = t();
    const admin = await factories.newUser('admin');
    await factories.newSupplier({ name: 'Yen Only', currency: 'JPY' });
    const archived = await factories.newSupplier({ name: 'Shut Down' });
    await services.suppliers.archive(archived.id, admin.id);
    const item = await factories.newItem();
    const file = [
      HEADER,
      `Yen Only,${item.sku},JP-2,300.50,ea,1,,`,
      `Shut Down,${item.sku},SD-1,1.00,ea,1,,`,
      `Nobody,NO-SUCH-SKU,X-1,1.00,crate,0,,`,
      `Yen Only,${item.sku},JP-3,12,ea,10,,`,
    ].join('\n');
    const dry = await csv.check('supplier_prices', file);
    expect(at(dry.errors)).toEqual([
      '2 price: 300.50 is not a price in JPY, which has no decimals',
      '3 supplier: Shut Down is archived; restore it before changing its prices',
      '4 pack_size: A pack holds at least 1 unit',
      `5 pack_size: ${item.name} is counted in ea: a pack of ea holds 1; use a unit such as box`,
      `5 supplier: ${item.sku} from Yen Only is also on line 2`,
    ]);
  });
});

describe('assets', () => {
  const t = useServices();
  const csv = io(t);
  const HEADER = 'tag,name,type,category,criticality,meter_unit,meter_value,install_date,bin,zone,archived';

  test('create, update and unchanged; a bin by code; archiving follows the archived column', async () => {
    const { services, factories } = t();
    const kept = await factories.newAsset({
      tag: 'P-KEPT',
      name: 'Kept pump',
      type: 'Pump',
      category: 'Pumps',
    });
    const metered = await factories.newAsset({
      tag: 'C-101',
      name: 'Compressor',
      type: 'Compressor',
      category: 'Air',
      meterUnit: 'h',
      meterValue: 100,
    });
    const bin = await factories.newBin({ code: 'Z-01-1' });
    const file = [
      HEADER,
      'p-kept,Kept pump,Pump,Pumps,medium,,,,,,false',
      'C-101,Compressor,Compressor,Air,high,h,150,2021-04-15,,,false',
      `F-7,Spare fan,Fan,HVAC,low,,,,${bin.code.toLowerCase()},,true`,
    ].join('\n');
    const dry = await csv.check('assets', file, { update: true });
    expect(dry.errors).toEqual([]);
    expect(actions(dry)).toEqual([
      [2, 'unchanged'],
      [3, 'update', 'criticality', 'install_date', 'meter_value'],
      [4, 'create'],
    ]);
    await csv.run('assets', file, { update: true });
    expect(await services.assets.get(metered.id)).toMatchObject({
      criticality: 'high',
      meterValue: 150,
      installedOn: '2021-04-15',
    });
    const fan = (await services.assets.list({ q: 'F-7', includeArchived: true }))[0];
    expect(fan).toMatchObject({ tag: 'F-7', locationCode: bin.code });
    expect(fan?.archivedAt).not.toBeNull();
    expect(kept.id).toBeGreaterThan(0);

    const again = await csv.check('assets', await csv.export('assets'));
    expect(again.errors).toEqual([]);
    expect(again.totals).toMatchObject({ create: 0, update: 0, unchanged: again.totals.rows });
  });

  test('errors by line and column', async () => {
    const { factories } = t();
    await factories.newAsset({ tag: 'M-1', meterUnit: 'h', meterValue: 500 });
    const busy = await factories.newAsset({ tag: 'BUSY-1' });
    await factories.newWorkOrder({ assetId: busy.id });
    const file = [
      HEADER,
      'M-1,Test machine,Test machine,test,medium,h,400,,,,false',
      'BUSY-1,Busy,Test machine,test,medium,,,,,,true',
      'BAD TAG,X,,test,severe,,,2021-02-30,NO-BIN,,false',
      'Z-1,Zoned,Fan,HVAC,low,,,,,Z9,false',
    ].join('\n');
    const dry = await csv.check('assets', file, { update: true });
    expect(at(dry.errors)).toEqual([
      '2 meter_value: M-1 already reads 500 h; a meter cannot go back',
      '3 archived: BUSY-1 has 1 open work order(s); finish or cancel them before archiving',
      '4 tag: use letters, digits, dot, dash, slash or underscore',
      '4 name: enter a name of at least 2 characters',
      '4 type: enter the type, e.g. Centrifugal pump',
      '4 criticality: criticality must be low, medium, high or critical',
      '4 install_date: is not a real date',
      '5 zone: No facility layout has been published yet, so there are no zones',
    ]);
  });
});

describe('maintenance plans', () => {
  const t = useServices({ each: true });
  const csv = io(t);
  const HEADER = 'asset,title,interval_days,interval_meter,priority,estimated_hours,checklist,kit,last_done';

  test('create, update and unchanged by asset and title; a last_done long ago makes the plan due at once', async () => {
    const { services, factories, clock } = t();
    const pump = await factories.newAsset({ tag: 'P-201' });
    const filter = await factories.newItem({ sku: 'FLT-20' });
    await factories.newMaintenancePlan(pump.id, { title: 'Monthly check', intervalDays: 30 });
    await factories.newMaintenancePlan(pump.id, { title: 'Weekly look', intervalDays: 7, priority: 'low' });
    const longAgo = new Date(clock.now() - 100 * DAY_MS).toISOString().slice(0, 10);
    const today = new Date(clock.now()).toISOString().slice(0, 10);
    const file = [
      HEADER,
      `p-201,monthly check,30,,medium,,,,${today}`,
      `P-201,Weekly look,7,,high,0.5,Look|Listen,fl-20:2,`,
      `P-201,Quarterly service,90,,medium,2,Change filter|Grease bearings,FLT-20:1,${longAgo}`,
    ].join('\n');
    const dry = await csv.check('plans', file, { update: true });
    expect(dry.errors).toEqual([{ line: 3, column: 'kit', message: 'No item has SKU fl-20' }]);
    const fixed = file.replace('fl-20:2', 'flt-20:2');
    const ok = await csv.check('plans', fixed, { update: true });
    expect(actions(ok)).toEqual([
      [2, 'unchanged'],
      [3, 'update', 'priority', 'estimated_hours', 'checklist', 'kit'],
      [4, 'create'],
    ]);
    await csv.run('plans', fixed, { update: true });
    const { plans } = await services.assets.get(pump.id);
    expect(plans.find((p) => p.title === 'Weekly look')).toMatchObject({
      priority: 'high',
      estimatedHours: 0.5,
      checklist: ['Look', 'Listen'],
      kit: [{ itemId: filter.id, qty: 2 }],
    });
    const quarterly = plans.find((p) => p.title === 'Quarterly service');
    expect(quarterly).toMatchObject({ due: true, kit: [{ sku: 'FLT-20', qty: 1 }] });
    const raised = await services.assets.runScheduler();
    expect(raised).toHaveLength(1);

    const again = await csv.check('plans', await csv.export('plans'));
    expect(again.errors).toEqual([]);
    expect(again.totals).toMatchObject({ create: 0, update: 0, unchanged: again.totals.rows });
  });

  test("an archived asset's plans export and re-import unchanged; changing one is refused", async () => {
    const { factories, services } = t();
    const asset = await factories.newAsset({ tag: 'GONE-1' });
    await factories.newMaintenancePlan(asset.id, { title: 'Old routine' });
    await services.assets.archive(asset.id, (await factories.newUser('admin')).id);
    const exported = await csv.export('plans');
    const again = await csv.check('plans', exported);
    expect(again.errors).toEqual([]);
    expect(again.totals).toMatchObject({ rows: 1, unchanged: 1 });
    const changed = await csv.check('plans', exported.replace('Old routine,30', 'Old routine,60'), {
      update: true,
    });
    expect(at(changed.errors)).toEqual(['2 asset: GONE-1 is archived; restore it to change its plans']);
  });

  test('errors by line and column', async () => {
    const { factories, clock, services } = t();
    await factories.newAsset({ tag: 'NO-METER' });
    const old = await factories.newAsset({ tag: 'OLD-1' });
    await services.assets.archive(old.id, (await factories.newUser('admin')).id);
    const tomorrow = new Date(clock.now() + DAY_MS).toISOString().slice(0, 10);
    const file = [
      HEADER,
      'NO-METER,By meter,,500,low,,,,',
      'OLD-1,Archived asset,30,,low,,,,',
      'NOBODY,Ghost,30,,urgentish,,,X:0|Y,',
      `NO-METER,Future,30,,low,,,,${tomorrow}`,
      'NO-METER,No interval,,,low,,,,',
    ].join('\n');
    const dry = await csv.check('plans', file);
    expect(at(dry.errors)).toEqual([
      '2 interval_meter: NO-METER has no meter, so the plan cannot fall due by meter; give it a calendar interval',
      '3 asset: OLD-1 is archived; restore it to change its plans',
      '4 priority: priority must be low, medium, high or urgent',
      '4 kit: "Y" is not a kit line; write SKU:qty separated by |, e.g. FLT-OIL-20:1|SEAL-KIT-M:2',
      '5 last_done: The last time it was done cannot be in the future',
      '6 interval_days: give a calendar interval, a meter interval or both',
    ]);
  });
});

describe('users', () => {
  const t = useServices({ each: true });
  const csv = io(t);

  test('new users are invited (no password) and each link is given once; updates change name and role', async () => {
    const { services, factories } = t();
    const admin = await factories.newUser('admin');
    const tech = await factories.newUser('technician', { username: 'sam', displayName: 'Sam' });
    const as = { id: admin.id, role: 'admin' as const };
    const file = [
      'username,display_name,role',
      `${admin.username},${admin.displayName},admin`,
      'SAM,Sam Carter,planner',
      'new.person,New Person,technician',
    ].join('\n');
    const dry = await csv.check('users', file, { update: true, actor: as });
    expect(actions(dry)).toEqual([
      [2, 'unchanged'],
      [3, 'update', 'display_name', 'role'],
      [4, 'create'],
    ]);
    expect(dry.invites).toEqual([]);
    const done = await csv.run('users', file, { update: true, actor: as });
    expect(done.invites).toEqual([
      {
        username: 'new.person',
        path: expect.stringMatching(/^\/invite\?token=/),
        expiresAt: expect.any(Number),
      },
    ]);
    const users = await services.auth.users();
    expect(users.find((u) => u.username === 'new.person')).toMatchObject({
      status: 'invited',
      role: 'technician',
    });
    expect(users.find((u) => u.id === tech.id)).toMatchObject({ displayName: 'Sam Carter', role: 'planner' });

    const again = await csv.check('users', await csv.export('users'), { actor: as });
    expect(again.errors).toEqual([]);
    expect(again.totals).toMatchObject({ create: 0, update: 0, unchanged: again.totals.rows });
  });

  test('a password column is refused naming it; your own role and the last administrator are kept', async () => {
    const { services, factories } = t();
    const admin = await factories.newUser('admin', { username: 'boss' });
    const as = { id: admin.id, role: 'admin' as const };
    const withPassword = await csv.check(
      'users',
      'username,display_name,role,password\nx1,X,technician,secret\n',
      {
        actor: as,
      },
    );
    expect(at(withPassword.errors)).toEqual([
      '1 password: Remove the password column: passwords never travel in CSV files; each new user gets an invitation link to choose their own',
    ]);
    const self = await csv.check('users', `username,display_name,role\nboss,${admin.displayName},planner\n`, {
      update: true,
      actor: as,
    });
    expect(at(self.errors)).toEqual([
      '2 role: You cannot take away your own administrator role; ask another administrator',
    ]);
    // From the command line there is no "own" role, but the last administrator still stays one.
    const last = await csv.check('users', `username,display_name,role\nboss,${admin.displayName},planner\n`, {
      update: true,
    });
    expect(at(last.errors)).toEqual([
      `2 role: This file would leave no active administrator; keep ${admin.displayName} or another an administrator`,
    ]);
    // Planners may import other kinds, not users.
    const planner = await factories.newUser('planner');
    await expect(
      csv.check('users', 'username,display_name,role\nx,X,technician\n', {
        actor: { id: planner.id, role: 'planner' },
      }),
    ).rejects.toThrow('Only administrators may import or export users');
    expect(services.io.kinds({ id: planner.id, role: 'planner' }).map((k) => k.kind)).not.toContain('users');
  });
});
