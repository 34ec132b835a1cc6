/**
 * Sample catalogue: suppliers and store-room items with prices, reorder settings and demand profiles.
 *
 * Item pools come from catalog-templates.ts; this module only samples, prices and parameterises them,
 * so every random choice flows from the caller's `rng` and the output is a pure function of the seed.
 */

import {
  buildTemplateFamilies,
  type ItemTemplate,
  type ItemUnit,
  SUPPLIER_TEMPLATES,
  type TemplateFamily,
  type Tracking,
} from './catalog-templates.ts';
import type { Rng } from './random.ts';
import { shuffled } from './random.ts';

export type GeneratedSupplier = { name: string; email: string; leadTimeDays: number };

export type DemandProfile = {
  kind: 'steady' | 'seasonal' | 'intermittent';
  /** Long-run mean units per day (for intermittent items: probability x mean order size). */
  meanDailyUnits: number;
  /** Relative swing of the seasonal sinusoid, 0 for non-seasonal items. */
  seasonalAmplitude: number;
  /** Day of year (0-364) of peak usage. */
  seasonalPeakDay: number;
  /** Chance per day that an intermittent item is drawn at all; 0 for the others. */
  intermittentProbability: number;
  meanOrderSize: number;
};

export type GeneratedItem = {
  sku: string;
  name: string;
  aliases: string[];
  unit: ItemUnit;
  barcode: string;
  category: string;
  unitCostCents: number;
  reorderPoint: number;
  reorderQty: number;
  tracking: Tracking;
  supplierIndex: number;
  /** How many base units the supplier sells together (its pack); 1 when sold loose. */
  packQty: number;
  demand: DemandProfile;
};

/** The demo script and tests look this item up by SKU and alias, so it is pinned, not sampled. */
const FIRST_ITEM_SKU = 'FST-M8-030-ZN';
const FIRST_ITEM_NAME = 'M8 x 30 hex bolt, zinc plated';
const FIRST_ITEM_ALIASES = ['M8 bolts', 'M8 hex bolt'];

/** EAN-13 check digit for the first 12 digits: weights 1,3,1,3... from the left. */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`ean13CheckDigit: need 12 digits, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

function round(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

function roundUpTo(n: number, multiple: number): number {
  return Math.max(multiple, Math.ceil(n / multiple) * multiple);
}

/**
 * Split `total` over the families by weight, capped by pool size; what a small family cannot take goes
 * to the others in proportion, so the mix stays store-room-like at any count.
 */
function allocate(families: readonly { weight: number; size: number }[], total: number): number[] {
  const quota = families.map(() => 0);
  let remaining = total;
  let open = families.map((_, i) => i);
  while (remaining > 0 && open.length > 0) {
    const weightSum = open.reduce((s, i) => s + (families[i]?.weight ?? 0), 0);
    let handed = 0;
    for (const i of open) {
      const f = families[i];
      if (!f) continue;
      const want = Math.max(1, Math.floor((remaining * f.weight) / weightSum));
      const take = Math.min(want, f.size - (quota[i] ?? 0), remaining - handed);
      if (take <= 0) continue;
      quota[i] = (quota[i] ?? 0) + take;
      handed += take;
    }
    remaining -= handed;
    open = open.filter((i) => (quota[i] ?? 0) < (families[i]?.size ?? 0));
    if (handed === 0) break;
  }
  return quota;
}

function pickAliases(rng: Rng, name: string, candidates: readonly string[]): string[] {
  const seen = new Set<string>([name.toLowerCase()]);
  const usable: string[] = [];
  for (const raw of candidates) {
    const a = raw.replace(/\s+/g, ' ').trim();
    const key = a.toLowerCase();
    if (a.length === 0 || seen.has(key)) continue;
    seen.add(key);
    usable.push(a);
  }
  if (usable.length === 0)
    return [name.split(',')[0]?.toLowerCase() ?? name.toLowerCase()].filter((a) => a !== name);
  return shuffled(rng, usable).slice(0, rng.int(1, Math.min(3, usable.length)));
}

/**
 * Template usages are per-item ballparks; this lifts the whole store to a busy site's throughput
 * (several hundred picks a day), which is what the demo and the load tests need to look realistic.
 */
const USAGE_SCALE = 1.6;

function demandFor(rng: Rng, t: ItemTemplate): DemandProfile {
  const scale = USAGE_SCALE * Math.exp(rng.normal(0, 0.45));
  const meanOrderSize =
    t.tracking === 'serial' ? 1 : Math.max(1, round(t.orderSize * Math.exp(rng.normal(0, 0.2)), 1));
  if (t.demand === 'intermittent') {
    const p = Math.min(0.25, Math.max(0.004, (t.usage * scale) / meanOrderSize));
    return {
      kind: 'intermittent',
      meanDailyUnits: round(p * meanOrderSize, 4),
      seasonalAmplitude: 0,
      seasonalPeakDay: 0,
      intermittentProbability: round(p, 4),
      meanOrderSize,
    };
  }
  if (t.demand === 'seasonal') {
    const peak = (t.seasonalPeakDay ?? 196) + rng.int(-12, 12);
    return {
      kind: 'seasonal',
      meanDailyUnits: round(t.usage * scale, 3),
      seasonalAmplitude: round(0.3 + rng.next() * 0.4, 2),
      seasonalPeakDay: ((peak % 365) + 365) % 365,
      intermittentProbability: 0,
      meanOrderSize,
    };
  }
  return {
    kind: 'steady',
    meanDailyUnits: round(t.usage * scale, 3),
    seasonalAmplitude: 0,
    seasonalPeakDay: 0,
    intermittentProbability: 0,
    meanOrderSize,
  };
}

/**
 * Reorder point covers lead-time demand at the seasonal peak plus ~95% safety stock (compound Poisson
 * variance is roughly mean x order size); reorder quantity covers a cost-dependent cycle in supplier packs.
 */
function reorderFor(
  demand: DemandProfile,
  tracking: Tracking,
  packQty: number,
  unitCostCents: number,
  leadTimeDays: number,
): { reorderPoint: number; reorderQty: number } {
  const lt = Math.max(1, leadTimeDays);
  if (demand.kind === 'intermittent') {
    const lump = Math.ceil(demand.meanOrderSize);
    const reorderPoint = Math.max(
      1,
      Math.ceil(demand.meanDailyUnits * lt) + (tracking === 'serial' ? 0 : lump - 1),
    );
    const reorderQty = tracking === 'serial' ? Math.max(1, lump) : roundUpTo(Math.max(lump * 2, 1), packQty);
    return { reorderPoint, reorderQty };
  }
  const peakMean = demand.meanDailyUnits * (1 + demand.seasonalAmplitude);
  const sdDaily = Math.sqrt(peakMean * demand.meanOrderSize * 2);
  const reorderPoint = Math.max(1, Math.ceil(peakMean * lt + 1.65 * sdDaily * Math.sqrt(lt)));
  const cycleDays = unitCostCents < 200 ? 30 : unitCostCents < 2000 ? 21 : 14;
  const reorderQty = roundUpTo(Math.max(peakMean * cycleDays, demand.meanOrderSize * 2), packQty);
  return { reorderPoint, reorderQty };
}

type Barcodes = { next(supplierIndex: number): string };

/**
 * GS1-style numbers: a per-supplier 7-digit company prefix plus a 5-digit item reference, both drawn
 * without replacement, so codes look like real supplier barcodes and can never collide.
 */
function barcodeFactory(rng: Rng, supplierCount: number): Barcodes {
  const usedPrefixes = new Set<string>();
  const prefixes: string[] = [];
  // 50 and 40-43 are real GS1 country ranges a European distributor's goods would carry.
  const countries = ['50', '40', '41', '42', '43', '54', '87'];
  for (let i = 0; i < supplierCount; i++) {
    let p = '';
    do p = `${rng.pick(countries)}${String(rng.int(0, 99_999)).padStart(5, '0')}`;
    while (usedPrefixes.has(p));
    usedPrefixes.add(p);
    prefixes.push(p);
  }
  const usedRefs = prefixes.map(() => new Set<number>());
  return {
    next(supplierIndex) {
      const used = usedRefs[supplierIndex];
      const prefix = prefixes[supplierIndex];
      if (!used || prefix === undefined) throw new RangeError(`no supplier ${supplierIndex}`);
      let ref = rng.int(0, 99_999);
      while (used.has(ref)) ref = (ref + 1) % 100_000;
      used.add(ref);
      const first12 = `${prefix}${String(ref).padStart(5, '0')}`;
      return `${first12}${ean13CheckDigit(first12)}`;
    },
  };
}

export function generateCatalog(
  rng: Rng,
  count = 2200,
): { suppliers: GeneratedSupplier[]; items: GeneratedItem[] } {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`generateCatalog: count must be >= 1, got ${count}`);

  const suppliers: GeneratedSupplier[] = SUPPLIER_TEMPLATES.map((s) => ({
    name: s.name,
    email: `orders@${s.domain}`,
    leadTimeDays: s.leadTimeDays,
  }));
  const supplierPools = new Map<string, number[]>();
  SUPPLIER_TEMPLATES.forEach((s, i) => {
    for (const key of s.families) supplierPools.set(key, [...(supplierPools.get(key) ?? []), i]);
  });
  const supplierFor = (familyKey: string): number => {
    const pool = supplierPools.get(familyKey);
    return pool && pool.length > 0 ? rng.pick(pool) : rng.int(0, suppliers.length - 1);
  };
  const barcodes = barcodeFactory(rng, suppliers.length);

  const families: TemplateFamily[] = buildTemplateFamilies();
  let firstTemplate: ItemTemplate | undefined;
  for (const f of families) {
    const idx = f.items.findIndex((t) => t.sku === FIRST_ITEM_SKU);
    if (idx >= 0) {
      firstTemplate = f.items[idx];
      f.items.splice(idx, 1);
    }
  }
  if (!firstTemplate) throw new Error(`catalog templates lost ${FIRST_ITEM_SKU}`);

  const poolSize = families.reduce((s, f) => s + f.items.length, 0);
  if (count - 1 > poolSize)
    throw new RangeError(`generateCatalog: only ${poolSize + 1} distinct items available`);

  const quota = allocate(
    families.map((f) => ({ weight: f.weight, size: f.items.length })),
    count - 1,
  );
  const usedSkus = new Set<string>([FIRST_ITEM_SKU]);
  const usedNames = new Set<string>([FIRST_ITEM_NAME.toLowerCase()]);
  const chosen: { template: ItemTemplate; family: TemplateFamily }[] = [];
  const leftovers: { template: ItemTemplate; family: TemplateFamily }[] = [];
  families.forEach((family, fi) => {
    const pool = shuffled(rng, family.items);
    let want = quota[fi] ?? 0;
    for (const template of pool) {
      if (usedSkus.has(template.sku) || usedNames.has(template.name.toLowerCase())) continue;
      if (want > 0) {
        usedSkus.add(template.sku);
        usedNames.add(template.name.toLowerCase());
        chosen.push({ template, family });
        want--;
      } else {
        leftovers.push({ template, family });
      }
    }
  });
  // Cross-family name clashes can leave a quota short; top up from whatever is left.
  for (const entry of leftovers) {
    if (chosen.length >= count - 1) break;
    if (usedSkus.has(entry.template.sku) || usedNames.has(entry.template.name.toLowerCase())) continue;
    usedSkus.add(entry.template.sku);
    usedNames.add(entry.template.name.toLowerCase());
    chosen.push(entry);
  }
  // SKU order groups a family together, which is how a store-room list is read.
  chosen.sort((a, b) => (a.template.sku < b.template.sku ? -1 : a.template.sku > b.template.sku ? 1 : 0));

  const build = (template: ItemTemplate, family: TemplateFamily): GeneratedItem => {
    const supplierIndex = supplierFor(family.key);
    const leadTimeDays = suppliers[supplierIndex]?.leadTimeDays ?? 7;
    // Supplier price lists differ by a few percent around the template list price.
    const unitCostCents = Math.max(1, Math.round(template.costCents * (0.88 + rng.next() * 0.24)));
    const demand = demandFor(rng, template);
    return {
      sku: template.sku,
      name: template.name,
      aliases: pickAliases(rng, template.name, template.aliases),
      unit: template.unit,
      barcode: barcodes.next(supplierIndex),
      category: family.category,
      unitCostCents,
      ...reorderFor(demand, template.tracking, template.packQty, unitCostCents, leadTimeDays),
      tracking: template.tracking,
      supplierIndex,
      packQty: template.packQty,
      demand,
    };
  };

  const fastenerFamily = families.find((f) => f.key === 'fasteners') ?? families[0];
  if (!fastenerFamily) throw new Error('catalog templates are empty');
  const first = build(firstTemplate, fastenerFamily);
  if (first.demand.kind !== 'steady') throw new Error(`${FIRST_ITEM_SKU} must have steady demand`);
  const items: GeneratedItem[] = [
    { ...first, name: FIRST_ITEM_NAME, aliases: [...FIRST_ITEM_ALIASES], unit: 'ea', tracking: 'none' },
  ];
  for (const { template, family } of chosen) items.push(build(template, family));
  return { suppliers, items };
}
