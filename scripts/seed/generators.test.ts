import { describe, expect, test } from 'vitest';
import { deriveBins } from '../../twin-models/geometry.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { generateAssets } from './assets.ts';
import { generateCatalog, isValidEan13 } from './catalog.ts';
import { generateMovementHistory, type HistoryEvent } from './demand.ts';
import { createRng } from './random.ts';
import { generateWorkOrders } from './work-orders.ts';

const NOW = Date.UTC(2026, 3, 15, 12, 0, 0);
const DAY = 86_400_000;

// Generating the full data set is the expensive part; every test reads the same instance.
const twin = demoWarehouse();
const binCount = deriveBins(twin).length;
const floor = twin.floors[0];
const facility = { bounds: { minX: 0, maxX: floor?.width ?? 0, minZ: 0, maxZ: floor?.depth ?? 0 } };
const catalog = generateCatalog(createRng(1));
const historyItems = catalog.items.map((i) => ({
  ...i,
  leadTimeDays: catalog.suppliers[i.supplierIndex]?.leadTimeDays ?? 7,
}));
const history = generateMovementHistory({
  rng: createRng(2),
  items: historyItems,
  binCount,
  days: 180,
  endAt: NOW,
});
const assets = generateAssets(createRng(3), 60, facility.bounds);
const workOrders = generateWorkOrders(createRng(4), {
  assetCount: assets.length,
  userCount: 8,
  now: NOW,
  assets,
});

describe('catalog', () => {
  test('is deterministic per seed and differs between seeds', () => {
    expect(generateCatalog(createRng(1), 300)).toEqual(generateCatalog(createRng(1), 300));
    expect(generateCatalog(createRng(1), 300)).not.toEqual(generateCatalog(createRng(2), 300));
  });

  test('has at least 2,000 items with unique SKUs, names and valid unique EAN-13 barcodes', () => {
    const { items } = catalog;
    expect(items.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(items.map((i) => i.sku)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.name.toLowerCase())).size).toBe(items.length);
    expect(new Set(items.map((i) => i.barcode)).size).toBe(items.length);
    for (const i of items) expect(isValidEan13(i.barcode), i.barcode).toBe(true);
    expect(isValidEan13('4006381333931')).toBe(true);
    expect(isValidEan13('4006381333932')).toBe(false);
  });

  test('pins item 0 to the demo bolt', () => {
    const first = catalog.items[0];
    expect(first?.sku).toBe('FST-M8-030-ZN');
    expect(first?.name).toBe('M8 x 30 hex bolt, zinc plated');
    expect(first?.aliases).toEqual(['M8 bolts', 'M8 hex bolt']);
    expect(first?.unit).toBe('ea');
    expect(first?.tracking).toBe('none');
    expect(first?.demand.kind).toBe('steady');
    expect(generateCatalog(createRng(77), 1).items[0]?.sku).toBe('FST-M8-030-ZN');
  });

  test('items are internally consistent', () => {
    const kinds = new Set(catalog.items.map((i) => i.tracking));
    expect(kinds).toEqual(new Set(['none', 'lot', 'serial']));
    for (const i of catalog.items) {
      expect(i.aliases.length).toBeGreaterThanOrEqual(1);
      expect(i.aliases.length).toBeLessThanOrEqual(3);
      for (const a of i.aliases) expect(a.toLowerCase()).not.toBe(i.name.toLowerCase());
      expect(i.unitCostCents).toBeGreaterThan(0);
      expect(i.reorderPoint).toBeGreaterThanOrEqual(1);
      expect(i.reorderQty).toBeGreaterThanOrEqual(1);
      expect(catalog.suppliers[i.supplierIndex]).toBeDefined();
    }
  });
});

describe('movement history', () => {
  test('is deterministic per seed and differs between seeds', () => {
    const small = historyItems.slice(0, 50);
    const run = (seed: number) =>
      generateMovementHistory({ rng: createRng(seed), items: small, binCount: 200, days: 30, endAt: NOW });
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  test('reaches the 110,000-event minimum, sorted, in working hours, before endAt', () => {
    const { events } = history;
    expect(events.length).toBeGreaterThanOrEqual(110_000);
    // expect() per event costs seconds over 100k+ events; collect problems and assert once.
    const problems: string[] = [];
    let prev = Number.NEGATIVE_INFINITY;
    for (const e of events) {
      if (e.at < prev) problems.push(`unsorted at ${e.at}`);
      prev = e.at;
      const msOfDay = ((e.at % DAY) + DAY) % DAY;
      if (msOfDay < 7 * 3_600_000 || msOfDay >= 17 * 3_600_000) problems.push(`outside hours at ${e.at}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(prev).toBeLessThan(NOW);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['receive', 'pick', 'count', 'transfer']));
  });

  test('slots give every item 1-3 bins, never shared, item 0 first in bin 0', () => {
    const bins = new Set<number>();
    const perItem = new Map<number, number[]>();
    for (const s of history.slots) {
      expect(bins.has(s.binIndex)).toBe(false);
      bins.add(s.binIndex);
      expect(s.binIndex).toBeGreaterThanOrEqual(0);
      expect(s.binIndex).toBeLessThan(binCount);
      perItem.set(s.itemIndex, [...(perItem.get(s.itemIndex) ?? []), s.binIndex]);
    }
    expect(perItem.size).toBe(historyItems.length);
    for (const list of perItem.values()) expect(list.length).toBeGreaterThanOrEqual(1);
    for (const list of perItem.values()) expect(list.length).toBeLessThanOrEqual(3);
    expect(perItem.get(0)?.[0]).toBe(0);
  });

  test('replaying the events never takes a (slot, lot) below zero', () => {
    const slotOwner = new Map(history.slots.map((s) => [s.binIndex, s.itemIndex]));
    const stock = new Map<string, number>();
    const key = (bin: number, e: HistoryEvent) => `${bin}|${e.lot ?? ''}`;
    const problems: string[] = [];
    const fail = (what: string, e: HistoryEvent) => problems.push(`${what}: ${JSON.stringify(e)}`);
    for (const e of history.events) {
      if (slotOwner.get(e.binIndex) !== e.itemIndex) fail('bin not owned by item', e);
      if (!(e.qty >= 0)) fail('negative qty', e);
      const tracking = historyItems[e.itemIndex]?.tracking;
      if ((tracking === 'none') !== (e.lot === undefined)) fail('lot does not match tracking', e);
      if (tracking === 'serial' && e.kind !== 'count' && e.qty !== 1) fail('serial qty is not 1', e);
      if (tracking === 'lot' && !/^L\d{4}-\d{4}-[A-Z]+$/.test(e.lot ?? '')) fail('bad lot code', e);
      const k = key(e.binIndex, e);
      const have = stock.get(k) ?? 0;
      if (e.kind === 'receive') stock.set(k, have + e.qty);
      else if (e.kind === 'count') stock.set(k, e.qty);
      else {
        if (e.qty <= 0) fail('empty movement', e);
        if (have - e.qty < 0) fail('went negative', e);
        stock.set(k, have - e.qty);
        if (e.kind === 'transfer') {
          const toBin = e.toBinIndex ?? -1;
          if (slotOwner.get(toBin) !== e.itemIndex || toBin === e.binIndex) fail('bad transfer target', e);
          const to = key(toBin, e);
          stock.set(to, (stock.get(to) ?? 0) + e.qty);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});

describe('assets', () => {
  test('are deterministic, placed beside the racks, with plans and some already due', () => {
    expect(generateAssets(createRng(3), 60, facility.bounds)).toEqual(assets);
    expect(generateAssets(createRng(9), 60, facility.bounds)).not.toEqual(assets);
    expect(assets).toHaveLength(60);
    expect(new Set(assets.map((a) => a.tag)).size).toBe(60);
    const { bounds } = facility;
    let due = 0;
    for (const a of assets) {
      expect(a.x).toBeGreaterThanOrEqual(bounds.maxX + 3);
      expect(a.x).toBeLessThanOrEqual(bounds.maxX + 20);
      expect(a.z).toBeGreaterThanOrEqual(bounds.minZ);
      expect(a.z).toBeLessThanOrEqual(bounds.maxZ);
      expect(a.plans.length).toBeGreaterThanOrEqual(1);
      expect(a.plans.length).toBeLessThanOrEqual(3);
      for (const p of a.plans) {
        expect(p.intervalDays !== null || p.intervalMeter !== null).toBe(true);
        if (p.intervalMeter !== null) expect(a.meterUnit).not.toBeNull();
        if (p.intervalDays !== null && p.lastDoneDaysAgo > p.intervalDays) due++;
      }
    }
    expect(due).toBeGreaterThan(0);
  });
});

describe('work orders', () => {
  test('are deterministic and cover every status', () => {
    const again = generateWorkOrders(createRng(4), {
      assetCount: assets.length,
      userCount: 8,
      now: NOW,
      assets,
    });
    expect(again).toEqual(workOrders);
    expect(workOrders).toHaveLength(320);
    const statuses = new Set(workOrders.map((w) => w.status));
    expect(statuses).toEqual(new Set(['open', 'assigned', 'in_progress', 'on_hold', 'done', 'cancelled']));
    expect(workOrders.filter((w) => w.status === 'done').length).toBeGreaterThan(100);
  });

  test('event paths follow the state machine and end in the final status', () => {
    const allowed = new Set([
      'null>open',
      'open>assigned',
      'assigned>in_progress',
      'in_progress>on_hold',
      'on_hold>in_progress',
      'in_progress>done',
      'open>cancelled',
      'assigned>cancelled',
      'in_progress>cancelled',
      'on_hold>cancelled',
    ]);
    for (const w of workOrders) {
      let current: string | null = null;
      let prevAt = Number.NEGATIVE_INFINITY;
      let everAssigned = false;
      expect(w.events[0]?.at).toBe(w.createdAt);
      for (const e of w.events) {
        expect(e.at).toBeGreaterThan(prevAt);
        expect(e.at).toBeLessThan(NOW);
        prevAt = e.at;
        if (e.toStatus === null) {
          expect(e.fromStatus).toBeNull();
          continue;
        }
        expect(e.fromStatus).toBe(current);
        expect(allowed.has(`${e.fromStatus}>${e.toStatus}`), `${e.fromStatus}>${e.toStatus}`).toBe(true);
        current = e.toStatus;
        if (current === 'assigned') everAssigned = true;
      }
      expect(current).toBe(w.status);
      expect(w.completedAt !== null).toBe(w.status === 'done');
      if (w.completedAt !== null) expect(w.completedAt).toBe(w.events[w.events.length - 1]?.at);
      expect(w.assigneeIndex === null).toBe(!everAssigned);
      if (w.assetIndex !== null) expect(w.assetIndex).toBeLessThan(assets.length);
    }
  });
});
