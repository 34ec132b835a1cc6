/**
 * Combinatorial templates for a maintenance store-room catalogue.
 *
 * Everything here is static data and pure expansion (no randomness): catalog.ts samples from the pools,
 * prices them and attaches demand. Keeping the expansion deterministic and separate means the pool can be
 * inspected or extended without touching the sampling, and a seed change never changes what a SKU means.
 *
 * Sizes, series and ratings follow the conventions a store-room actually stocks (ISO metric fasteners,
 * 60/62/63 bearing series, classical and wedge V-belt sections, IEC motor frames, BSP fittings) so the
 * demo reads like a real store. `usage` is the facility-wide mean units per day for the item, `orderSize`
 * the typical quantity of one pick, and `packQty` the multiple the supplier sells in.
 */

export type ItemUnit = 'ea' | 'box' | 'm' | 'l' | 'kg' | 'pair' | 'roll' | 'set';
export type Tracking = 'none' | 'lot' | 'serial';
export type DemandKind = 'steady' | 'seasonal' | 'intermittent';

export type ItemTemplate = {
  sku: string;
  name: string;
  aliases: string[];
  unit: ItemUnit;
  costCents: number;
  tracking: Tracking;
  demand: DemandKind;
  usage: number;
  orderSize: number;
  packQty: number;
  /** Day of year (0-364) of the usage peak; only read for seasonal items. */
  seasonalPeakDay?: number;
};

export type TemplateFamily = {
  key: string;
  category: string;
  /** Relative share of the sampled catalogue, so a small count still gets a store-room-like mix. */
  weight: number;
  items: ItemTemplate[];
};

export type SupplierTemplate = {
  name: string;
  domain: string;
  leadTimeDays: number;
  families: readonly string[];
};

const SUMMER_PEAK = 196; // mid July: heat drives glove, filter and cooling-part usage
const WINTER_PEAK = 15; // mid January

/** Fictitious distributors; `.example` domains so seed data can never mail a real company. */
export const SUPPLIER_TEMPLATES: readonly SupplierTemplate[] = [
  {
    name: 'Northgate Fasteners Ltd',
    domain: 'northgate-fasteners.example',
    leadTimeDays: 2,
    families: ['fasteners', 'anchors'],
  },
  {
    name: 'Boltline Industrial Supply',
    domain: 'boltline.example',
    leadTimeDays: 3,
    families: ['fasteners', 'anchors', 'tools'],
  },
  {
    name: 'Meridian Bearings & Transmission',
    domain: 'meridian-bt.example',
    leadTimeDays: 4,
    families: ['bearings', 'belts'],
  },
  {
    name: 'Ridgeway Power Transmission',
    domain: 'ridgeway-pt.example',
    leadTimeDays: 5,
    families: ['belts', 'bearings'],
  },
  {
    name: 'Clearflow Filtration',
    domain: 'clearflow-filtration.example',
    leadTimeDays: 7,
    families: ['filters'],
  },
  {
    name: 'AirPure HVAC Supplies',
    domain: 'airpure-hvac.example',
    leadTimeDays: 5,
    families: ['filters', 'cleaning'],
  },
  {
    name: 'Voltex Electrical Wholesale',
    domain: 'voltex-wholesale.example',
    leadTimeDays: 2,
    families: ['fuses', 'mcbs', 'control', 'cable', 'lamps', 'ties'],
  },
  {
    name: 'Sparkline Electrical Distributors',
    domain: 'sparkline-ed.example',
    leadTimeDays: 3,
    families: ['fuses', 'mcbs', 'control', 'cable', 'lamps'],
  },
  {
    name: 'Lumen Trade Lighting',
    domain: 'lumentrade.example',
    leadTimeDays: 4,
    families: ['lamps', 'batteries'],
  },
  {
    name: 'Cableway Direct',
    domain: 'cableway-direct.example',
    leadTimeDays: 3,
    families: ['cable', 'ties'],
  },
  {
    name: 'Guardwell Safety',
    domain: 'guardwell-safety.example',
    leadTimeDays: 3,
    families: ['gloves', 'ppe'],
  },
  {
    name: 'SafeHands PPE Supply',
    domain: 'safehands-ppe.example',
    leadTimeDays: 2,
    families: ['gloves', 'ppe', 'cleaning'],
  },
  {
    name: 'Lubritech Oils & Greases',
    domain: 'lubritech.example',
    leadTimeDays: 5,
    families: ['lubricants'],
  },
  {
    name: 'BondSeal Adhesives',
    domain: 'bondseal.example',
    leadTimeDays: 4,
    families: ['adhesives', 'lubricants'],
  },
  {
    name: 'Drivetrain Motors & Drives',
    domain: 'drivetrain-md.example',
    leadTimeDays: 14,
    families: ['motors', 'vfds'],
  },
  {
    name: 'Kinetic Automation Components',
    domain: 'kinetic-automation.example',
    leadTimeDays: 10,
    families: ['plc', 'vfds', 'control'],
  },
  { name: 'Hydrodyne Pumps', domain: 'hydrodyne-pumps.example', leadTimeDays: 21, families: ['pumps'] },
  {
    name: 'Flowmaster Valves & Fittings',
    domain: 'flowmaster-vf.example',
    leadTimeDays: 4,
    families: ['valves', 'fittings'],
  },
  {
    name: 'Pipeline Plumbing & Heating Supply',
    domain: 'pipeline-phs.example',
    leadTimeDays: 2,
    families: ['fittings', 'valves', 'adhesives'],
  },
  {
    name: 'Hosecraft Hydraulics',
    domain: 'hosecraft.example',
    leadTimeDays: 3,
    families: ['hoses', 'orings'],
  },
  {
    name: 'Pneumax Air Components',
    domain: 'pneumax-air.example',
    leadTimeDays: 4,
    families: ['hoses', 'valves'],
  },
  {
    name: 'Sealpoint O-Ring & Gasket',
    domain: 'sealpoint.example',
    leadTimeDays: 6,
    families: ['orings', 'pumps'],
  },
  { name: 'Cellstore Batteries', domain: 'cellstore.example', leadTimeDays: 3, families: ['batteries'] },
  { name: 'Brightclean Janitorial', domain: 'brightclean.example', leadTimeDays: 2, families: ['cleaning'] },
  {
    name: 'Toolhouse Engineering Supplies',
    domain: 'toolhouse-es.example',
    leadTimeDays: 3,
    families: ['tools', 'anchors'],
  },
];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `0.75` -> `0_75` style codes are ugly in a SKU; `0.75` -> `075`, `11` -> `110` keeps them sortable. */
function kwCode(kw: number): string {
  return pad(Math.round(kw * 100), 5);
}

type Builder = {
  add(t: ItemTemplate): void;
  items: ItemTemplate[];
};

/** Templates are cross products, so collisions are possible; first definition wins. */
function builder(): Builder {
  const skus = new Set<string>();
  const names = new Set<string>();
  const items: ItemTemplate[] = [];
  return {
    items,
    add(t) {
      if (skus.has(t.sku) || names.has(t.name)) return;
      skus.add(t.sku);
      names.add(t.name);
      items.push(t);
    },
  };
}

// ---------- fasteners ----------

const METRIC = [
  { d: 3, code: 'M3' },
  { d: 4, code: 'M4' },
  { d: 5, code: 'M5' },
  { d: 6, code: 'M6' },
  { d: 8, code: 'M8' },
  { d: 10, code: 'M10' },
  { d: 12, code: 'M12' },
  { d: 16, code: 'M16' },
  { d: 20, code: 'M20' },
  { d: 24, code: 'M24' },
] as const;

const BOLT_LENGTHS = [6, 8, 10, 12, 16, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 120, 140, 160, 200];

const FASTENER_MATERIALS = [
  { code: 'ZN', name: 'zinc plated', short: 'zinc', factor: 1 },
  { code: 'A2', name: 'stainless A2', short: 'stainless', factor: 2.6 },
  { code: 'A4', name: 'stainless A4', short: 'A4', factor: 3.8 },
  { code: 'BK', name: 'grade 8.8 self colour', short: '8.8 black', factor: 0.9 },
  { code: 'HDG', name: 'hot-dip galvanised', short: 'galv', factor: 1.4 },
] as const;

const SCREW_TYPES = [
  { code: '', name: 'hex bolt', plural: 'hex bolts', slang: 'bolt', minD: 5, minLenFactor: 3 },
  { code: 'SS', name: 'hex set screw', plural: 'set screws', slang: 'set screw', minD: 4, minLenFactor: 1.5 },
  {
    code: 'SC',
    name: 'socket cap screw',
    plural: 'cap screws',
    slang: 'allen bolt',
    minD: 3,
    minLenFactor: 1.5,
  },
  {
    code: 'CSK',
    name: 'countersunk socket screw',
    plural: 'csk screws',
    slang: 'csk screw',
    minD: 3,
    minLenFactor: 1.5,
  },
  {
    code: 'BH',
    name: 'button head socket screw',
    plural: 'button heads',
    slang: 'button head',
    minD: 3,
    minLenFactor: 1.2,
  },
] as const;

function fasteners(): TemplateFamily {
  const b = builder();
  for (const type of SCREW_TYPES) {
    for (const size of METRIC) {
      if (size.d < type.minD) continue;
      if (type.code === 'CSK' || type.code === 'BH') {
        if (size.d > 12) continue;
      }
      for (const len of BOLT_LENGTHS) {
        if (len < size.d * type.minLenFactor || len > size.d * 10 || len > 200) continue;
        for (const mat of FASTENER_MATERIALS) {
          if (mat.code === 'HDG' && (size.d < 10 || type.code !== '')) continue;
          if (mat.code === 'BK' && size.d < 5) continue;
          const typePart = type.code ? `${type.code}-` : '';
          const sku = `FST-${typePart}${size.code}-${pad(len, 3)}-${mat.code}`;
          const name = `${size.code} x ${len} ${type.name}, ${mat.name}`;
          const base = 2 + size.d * size.d * len * 0.0035;
          // Small common sizes get used by the handful; big bolts only on specific jobs.
          const usage = size.d <= 10 ? 12 / (1 + len / 40) : 3 / (1 + len / 60);
          b.add({
            sku,
            name,
            aliases: [
              `${size.code}x${len} ${type.slang}`,
              `${size.code} x ${len} ${type.plural}`,
              `${mat.short} ${size.code} ${type.slang}`,
            ],
            unit: 'ea',
            costCents: Math.max(3, Math.round(base * mat.factor)),
            tracking: 'none',
            demand: 'steady',
            usage: mat.code === 'ZN' || mat.code === 'BK' ? usage : usage / 2,
            orderSize: size.d <= 8 ? 8 : 4,
            packQty: size.d <= 8 ? 100 : size.d <= 12 ? 50 : 25,
          });
        }
      }
    }
  }
  const nutTypes = [
    { code: 'NUT', name: 'hex nut', plural: 'nuts', slang: 'nut', factor: 1 },
    { code: 'NYL', name: 'nyloc nut', plural: 'nylocs', slang: 'nyloc', factor: 1.8 },
    { code: 'FLN', name: 'serrated flange nut', plural: 'flange nuts', slang: 'flange nut', factor: 2 },
    { code: 'DOM', name: 'dome nut', plural: 'dome nuts', slang: 'acorn nut', factor: 2.5 },
    { code: 'WNG', name: 'wing nut', plural: 'wing nuts', slang: 'butterfly nut', factor: 3 },
  ] as const;
  const washerTypes = [
    { code: 'WSH', name: 'flat washer form A', plural: 'washers', slang: 'washer', factor: 0.4 },
    { code: 'PNY', name: 'penny washer', plural: 'penny washers', slang: 'mudguard washer', factor: 0.8 },
    { code: 'SPW', name: 'spring washer', plural: 'spring washers', slang: 'split washer', factor: 0.6 },
    { code: 'WLK', name: 'wedge-lock washer pair', plural: 'wedge locks', slang: 'lock washer', factor: 6 },
  ] as const;
  for (const t of [...nutTypes, ...washerTypes]) {
    for (const size of METRIC) {
      if (t.code === 'WNG' && size.d > 12) continue;
      for (const mat of FASTENER_MATERIALS) {
        if (mat.code === 'HDG' && size.d < 10) continue;
        b.add({
          sku: `FST-${t.code}-${size.code}-${mat.code}`,
          name: `${size.code} ${t.name}, ${mat.name}`,
          aliases: [`${size.code} ${t.plural}`, `${size.code} ${t.slang}`],
          unit: 'ea',
          costCents: Math.max(2, Math.round((1 + size.d * size.d * 0.05) * t.factor * mat.factor)),
          tracking: 'none',
          demand: 'steady',
          usage: size.d <= 12 ? 10 : 3,
          orderSize: 8,
          packQty: size.d <= 10 ? 100 : 50,
        });
      }
    }
  }
  for (const size of METRIC) {
    if (size.d < 6) continue;
    for (const mat of FASTENER_MATERIALS) {
      if (mat.code === 'BK') continue;
      b.add({
        sku: `FST-ROD-${size.code}-1000-${mat.code}`,
        name: `${size.code} threaded rod, 1 m, ${mat.name}`,
        aliases: [`${size.code} studding`, `${size.code} all-thread`],
        unit: 'ea',
        costCents: Math.round((80 + size.d * size.d * 4) * mat.factor),
        tracking: 'none',
        demand: 'steady',
        usage: 0.6,
        orderSize: 2,
        packQty: 10,
      });
    }
  }
  for (const dia of [3.5, 4.2, 4.8, 5.5, 6.3]) {
    for (const len of [13, 16, 19, 25, 32, 38, 50]) {
      for (const head of [
        { code: 'HX', name: 'hex washer head', slang: 'tek screw' },
        { code: 'PN', name: 'pan head', slang: 'self tapper' },
      ]) {
        b.add({
          sku: `FST-SDS-${head.code}-${pad(Math.round(dia * 10), 2)}-${pad(len, 3)}`,
          name: `${dia} x ${len} self-drilling screw, ${head.name}`,
          aliases: [`${dia}x${len} ${head.slang}`, `${dia} ${head.slang}s`],
          unit: 'ea',
          costCents: Math.round(3 + dia * len * 0.05),
          tracking: 'none',
          demand: 'steady',
          usage: 6,
          orderSize: 10,
          packQty: 200,
        });
      }
    }
  }
  return { key: 'fasteners', category: 'Fasteners', weight: 22, items: b.items };
}

function anchors(): TemplateFamily {
  const b = builder();
  const kinds = [
    { code: 'TB', name: 'through-bolt anchor', slang: 'rawl bolt', factor: 1 },
    { code: 'SL', name: 'sleeve anchor', slang: 'shield anchor', factor: 0.9 },
    { code: 'DI', name: 'drop-in anchor', slang: 'drop in', factor: 0.7 },
  ];
  for (const k of kinds) {
    for (const d of [6, 8, 10, 12, 16]) {
      for (const len of [50, 65, 75, 95, 120, 140]) {
        if (len < d * 6 || len > d * 14) continue;
        b.add({
          sku: `ANC-${k.code}-M${d}-${pad(len, 3)}`,
          name: `M${d} x ${len} ${k.name}, zinc plated`,
          aliases: [`M${d} ${k.slang}`, `M${d}x${len} anchor`],
          unit: 'ea',
          costCents: Math.round((20 + d * len * 0.12) * k.factor),
          tracking: 'none',
          demand: 'steady',
          usage: 1.2,
          orderSize: 4,
          packQty: 25,
        });
      }
    }
  }
  for (const size of [5, 6, 8, 10, 12]) {
    b.add({
      sku: `ANC-PLG-${pad(size, 2)}`,
      name: `${size} mm nylon wall plug`,
      aliases: [`${size}mm plugs`, `${size} mil rawlplugs`],
      unit: 'ea',
      costCents: 2 + size,
      tracking: 'none',
      demand: 'steady',
      usage: 8,
      orderSize: 10,
      packQty: 100,
    });
  }
  return { key: 'anchors', category: 'Fasteners', weight: 2, items: b.items };
}

// ---------- bearings & power transmission ----------

const BEARING_DIMS: Record<string, [number, number, number]> = {
  '6000': [10, 26, 8],
  '6001': [12, 28, 8],
  '6002': [15, 32, 9],
  '6003': [17, 35, 10],
  '6004': [20, 42, 12],
  '6005': [25, 47, 12],
  '6006': [30, 55, 13],
  '6007': [35, 62, 14],
  '6008': [40, 68, 15],
  '6009': [45, 75, 16],
  '6010': [50, 80, 16],
  '6011': [55, 90, 18],
  '6012': [60, 95, 18],
  '6200': [10, 30, 9],
  '6201': [12, 32, 10],
  '6202': [15, 35, 11],
  '6203': [17, 40, 12],
  '6204': [20, 47, 14],
  '6205': [25, 52, 15],
  '6206': [30, 62, 16],
  '6207': [35, 72, 17],
  '6208': [40, 80, 18],
  '6209': [45, 85, 19],
  '6210': [50, 90, 20],
  '6211': [55, 100, 21],
  '6212': [60, 110, 22],
  '6300': [10, 35, 11],
  '6301': [12, 37, 12],
  '6302': [15, 42, 13],
  '6303': [17, 47, 14],
  '6304': [20, 52, 15],
  '6305': [25, 62, 17],
  '6306': [30, 72, 19],
  '6307': [35, 80, 21],
  '6308': [40, 90, 23],
  '6309': [45, 100, 25],
  '6310': [50, 110, 27],
  '6800': [10, 19, 5],
  '6801': [12, 21, 5],
  '6802': [15, 24, 5],
  '6803': [17, 26, 5],
  '6804': [20, 32, 7],
  '6805': [25, 37, 7],
  '6806': [30, 42, 7],
};

function bearings(): TemplateFamily {
  const b = builder();
  const variants = [
    { code: '-2RS', name: 'rubber sealed', slang: '2RS' },
    { code: '-ZZ', name: 'metal shielded', slang: 'ZZ' },
    { code: '', name: 'open', slang: 'open' },
    { code: '-2RS-C3', name: 'rubber sealed, C3 clearance', slang: '2RS C3' },
  ];
  for (const [num, dims] of Object.entries(BEARING_DIMS)) {
    const [d, od, w] = dims;
    for (const v of variants) {
      b.add({
        sku: `BRG-${num}${v.code}`,
        name: `${num}${v.code} deep groove ball bearing, ${d}x${od}x${w} mm, ${v.name}`,
        aliases: [`${num} bearing`, `${num} ${v.slang}`, `${num}${v.code.toLowerCase()}`],
        unit: 'ea',
        costCents: Math.round((250 + od * od * w * 0.012) * (v.code === '' ? 0.8 : 1)),
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.08,
        orderSize: 2,
        packQty: 1,
      });
    }
  }
  for (const [prefix, kind, slang] of [
    ['UCP', 'pillow block bearing unit', 'plummer block'],
    ['UCF', '4-bolt flange bearing unit', 'flange bearing'],
    ['UCFL', '2-bolt flange bearing unit', 'oval flange bearing'],
  ] as const) {
    for (const code of [204, 205, 206, 207, 208, 209, 210, 211, 212]) {
      const bore = (code - 200) * 5;
      b.add({
        sku: `BRG-${prefix}${code}`,
        name: `${prefix}${code} ${kind}, ${bore} mm bore`,
        aliases: [`${prefix}${code}`, `${bore}mm ${slang}`],
        unit: 'ea',
        costCents: Math.round(1400 + bore * bore * 3),
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.04,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const code of [30204, 30205, 30206, 30207, 30208, 30209, 30210, 32205, 32206, 32207, 32208]) {
    b.add({
      sku: `BRG-${code}`,
      name: `${code} tapered roller bearing`,
      aliases: [`${code} taper bearing`, `${code} taper roller`],
      unit: 'ea',
      costCents: Math.round(900 + (code % 100) * 180),
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.03,
      orderSize: 1,
      packQty: 1,
    });
  }
  return { key: 'bearings', category: 'Bearings', weight: 6, items: b.items };
}

function belts(): TemplateFamily {
  const b = builder();
  // Classical sections are sold by inside length in inches; wedge sections by datum length in mm.
  const classical = [
    { sec: 'A', w: 13, h: 8, from: 20, to: 100, step: 1, perInch: 9 },
    { sec: 'B', w: 17, h: 11, from: 28, to: 128, step: 2, perInch: 13 },
    { sec: 'C', w: 22, h: 14, from: 51, to: 180, step: 3, perInch: 22 },
  ];
  for (const s of classical) {
    for (let inch = s.from; inch <= s.to; inch += s.step) {
      b.add({
        sku: `BLT-${s.sec}${pad(inch, 3)}`,
        name: `${s.sec}${inch} V-belt, classical section ${s.w} x ${s.h} mm, Li ${Math.round(inch * 25.4)} mm`,
        aliases: [`${s.sec}${inch} belt`, `${s.sec}${inch} vee belt`, `${s.sec}-${inch}`],
        unit: 'ea',
        costCents: Math.round(300 + inch * s.perInch),
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.05,
        orderSize: 2,
        packQty: 1,
      });
    }
  }
  const wedge = [
    { sec: 'SPZ', from: 600, to: 2500, step: 25, perMm: 0.6 },
    { sec: 'SPA', from: 800, to: 3150, step: 32, perMm: 0.85 },
    { sec: 'SPB', from: 1250, to: 4000, step: 50, perMm: 1.2 },
    { sec: 'XPZ', from: 600, to: 2000, step: 25, perMm: 0.9 },
  ];
  for (const s of wedge) {
    for (let len = s.from; len <= s.to; len += s.step) {
      const cogged = s.sec.startsWith('X') ? ' cogged' : '';
      b.add({
        sku: `BLT-${s.sec}${pad(len, 4)}`,
        name: `${s.sec} ${len} wedge${cogged} V-belt, Lw ${len} mm`,
        aliases: [`${s.sec}${len}`, `${s.sec} ${len} belt`],
        unit: 'ea',
        costCents: Math.round(450 + len * s.perMm),
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.05,
        orderSize: 2,
        packQty: 1,
      });
    }
  }
  for (const pitch of ['06B-1', '08B-1', '10B-1', '12B-1', '16B-1', '08B-2', '10B-2', '12B-2']) {
    b.add({
      sku: `BLT-CHN-${pitch}`,
      name: `${pitch} roller chain, 5 m box`,
      aliases: [`${pitch} chain`, `${pitch.replace('-1', '')} simplex chain`],
      unit: 'ea',
      costCents: 2500 + Number.parseInt(pitch.slice(0, 2), 10) * 300 * (pitch.endsWith('2') ? 2 : 1),
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.02,
      orderSize: 1,
      packQty: 1,
    });
  }
  return { key: 'belts', category: 'Power transmission', weight: 5, items: b.items };
}

// ---------- filters ----------

function filters(): TemplateFamily {
  const b = builder();
  const panelSizes = [
    [592, 592, 48],
    [592, 490, 48],
    [592, 287, 48],
    [490, 490, 48],
    [287, 287, 48],
    [592, 592, 25],
    [592, 287, 25],
    [495, 495, 25],
    [625, 500, 45],
    [400, 400, 48],
  ] as const;
  for (const [w, h, d] of panelSizes) {
    for (const grade of ['G3', 'G4', 'M5', 'F7']) {
      b.add({
        sku: `FLT-PNL-${grade}-${w}${h}${pad(d, 3)}`,
        name: `Pleated panel filter ${grade}, ${w} x ${h} x ${d} mm`,
        aliases: [`${grade} panel ${w}x${h}`, `AHU filter ${w}x${h}`, `${w} panel filters`],
        unit: 'ea',
        costCents: Math.round((w * h) / 1000 + (grade === 'F7' ? 900 : 300) + d * 10),
        tracking: 'none',
        demand: 'seasonal',
        seasonalPeakDay: SUMMER_PEAK,
        usage: w * h > 200_000 ? 1.4 : 0.5,
        orderSize: 4,
        packQty: 12,
      });
    }
  }
  for (const [w, h] of [
    [592, 592],
    [592, 490],
    [592, 287],
    [490, 592],
  ] as const) {
    for (const grade of ['M5', 'M6', 'F7', 'F9']) {
      for (const pockets of [3, 6, 8]) {
        if (h < 400 && pockets === 8) continue;
        for (const len of [360, 600]) {
          b.add({
            sku: `FLT-BAG-${grade}-${w}${h}-${pockets}P${len}`,
            name: `Bag filter ${grade}, ${w} x ${h} mm, ${pockets} pockets, ${len} mm deep`,
            aliases: [`${grade} bag ${w}x${h}`, `${pockets} pocket bag filter`],
            unit: 'ea',
            costCents: Math.round(1200 + pockets * 180 + len * 2 + (grade === 'F9' ? 800 : 0)),
            tracking: 'none',
            demand: 'seasonal',
            seasonalPeakDay: SUMMER_PEAK,
            usage: 0.35,
            orderSize: 4,
            packQty: 4,
          });
        }
      }
    }
  }
  for (const thread of ['3/4-16 UNF', '1-12 UN', 'M20x1.5', 'M22x1.5', '1 1/2-16 UN']) {
    for (const [h, micron] of [
      [85, 25],
      [142, 25],
      [176, 10],
      [210, 10],
    ] as const) {
      const code = thread
        .replace(/[^0-9A-Z]/gi, '')
        .slice(0, 6)
        .toUpperCase();
      b.add({
        sku: `FLT-OIL-${code}-${h}`,
        name: `Spin-on oil filter, ${thread} thread, ${h} mm high, ${micron} micron`,
        aliases: [`${h}mm oil filter`, `spin-on ${thread}`],
        unit: 'ea',
        costCents: 800 + h * 6,
        tracking: 'none',
        demand: 'steady',
        usage: 0.1,
        orderSize: 1,
        packQty: 6,
      });
    }
  }
  for (const micron of [3, 5, 10, 25]) {
    for (const size of [40, 63, 100, 160, 250, 400]) {
      b.add({
        sku: `FLT-HYD-${pad(size, 3)}-${pad(micron, 2)}`,
        name: `Hydraulic return filter element, ${size} l/min, ${micron} micron glass fibre`,
        aliases: [`${micron}u hydraulic element`, `hyd filter ${size}`],
        unit: 'ea',
        costCents: 1800 + size * 12 + (25 - micron) * 60,
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.03,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const flow of [0.5, 1, 1.5, 2.5, 4, 6, 10]) {
    for (const [code, what] of [
      ['AIR', 'compressor intake air filter element'],
      ['SEP', 'compressor air/oil separator element'],
      ['COA', 'compressed air coalescing element, 0.01 micron'],
    ] as const) {
      b.add({
        sku: `FLT-${code}-${pad(Math.round(flow * 10), 3)}`,
        name: `${flow} m3/min ${what}`,
        aliases: [
          `${flow} cube ${code === 'AIR' ? 'intake filter' : code === 'SEP' ? 'separator' : 'coalescer'}`,
        ],
        unit: 'ea',
        costCents: Math.round(1500 + flow * (code === 'SEP' ? 1800 : 700)),
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.03,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  return { key: 'filters', category: 'Filters', weight: 6, items: b.items };
}

// ---------- electrical ----------

function fuses(): TemplateFamily {
  const b = builder();
  const sizes = [
    { code: '1038', size: '10x38', ratings: [1, 2, 4, 6, 8, 10, 12, 16, 20, 25, 32], cost: 90 },
    { code: '1451', size: '14x51', ratings: [2, 4, 6, 10, 16, 20, 25, 32, 40, 50], cost: 160 },
    { code: '2258', size: '22x58', ratings: [16, 20, 25, 32, 40, 50, 63, 80, 100, 125], cost: 350 },
    { code: 'NH00', size: 'NH00', ratings: [16, 20, 25, 35, 50, 63, 80, 100, 125, 160], cost: 700 },
  ];
  for (const s of sizes) {
    for (const a of s.ratings) {
      for (const [cls, what] of [
        ['GG', 'gG general purpose'],
        ['AM', 'aM motor rated'],
      ] as const) {
        b.add({
          sku: `ELE-FUS-${s.code}-${cls}-${pad(a, 3)}`,
          name: `${s.size} ${a} A fuse, ${what}`,
          aliases: [`${s.size} ${a}A fuse`, `${a} amp ${cls === 'AM' ? 'motor' : 'cartridge'} fuse`],
          unit: 'ea',
          costCents: Math.round(s.cost + a * 4 + (cls === 'AM' ? 40 : 0)),
          tracking: 'none',
          demand: 'steady',
          usage: 0.12,
          orderSize: 2,
          packQty: 10,
        });
      }
    }
  }
  for (const ma of [100, 160, 250, 315, 500, 800, 1000, 1600, 2000, 3150, 5000, 10000]) {
    for (const [code, what] of [
      ['F', 'quick blow'],
      ['T', 'time delay'],
    ] as const) {
      const label = ma >= 1000 ? `${ma / 1000} A` : `${ma} mA`;
      b.add({
        sku: `ELE-FUS-520-${code}-${pad(ma, 5)}`,
        name: `5x20 mm glass fuse ${label}, ${what}`,
        aliases: [`${label.replace(' ', '')} glass fuse`, `${code}${label.replace(' ', '')} fuse`],
        unit: 'ea',
        costCents: 25,
        tracking: 'none',
        demand: 'steady',
        usage: 0.2,
        orderSize: 2,
        packQty: 10,
      });
    }
  }
  return { key: 'fuses', category: 'Electrical protection', weight: 3, items: b.items };
}

function mcbs(): TemplateFamily {
  const b = builder();
  const poles = [
    { code: '1P', name: 'single-pole', slang: 'single pole', factor: 1 },
    { code: '1PN', name: '1P+N', slang: 'SP&N', factor: 1.7 },
    { code: '2P', name: 'double-pole', slang: 'double pole', factor: 2.1 },
    { code: '3P', name: '3-pole', slang: '3 pole', factor: 3.2 },
    { code: '4P', name: '4-pole', slang: '4 pole', factor: 4.4 },
  ];
  for (const p of poles) {
    for (const curve of ['B', 'C', 'D']) {
      for (const a of [2, 4, 6, 10, 13, 16, 20, 25, 32, 40, 50, 63]) {
        if (curve === 'D' && a < 6) continue;
        b.add({
          sku: `ELE-MCB-${p.code}-${curve}${pad(a, 2)}`,
          name: `${p.name} MCB, ${curve} curve ${a} A, 10 kA`,
          aliases: [`${curve}${a} breaker`, `${a}A ${p.slang} breaker`, `${curve}${a} MCB`],
          unit: 'ea',
          costCents: Math.round((650 + a * 8 + (curve === 'D' ? 300 : 0)) * p.factor),
          tracking: 'none',
          demand: 'intermittent',
          usage: 0.02,
          orderSize: 1,
          packQty: 1,
        });
      }
    }
  }
  for (const curve of ['B', 'C']) {
    for (const a of [6, 10, 16, 20, 32, 40]) {
      for (const ma of [30, 100]) {
        b.add({
          sku: `ELE-RCBO-${curve}${pad(a, 2)}-${ma}`,
          name: `RCBO 1P+N, ${curve} curve ${a} A, ${ma} mA type A`,
          aliases: [`${curve}${a} RCBO`, `${a}A ${ma}mA RCBO`],
          unit: 'ea',
          costCents: 2800 + a * 20,
          tracking: 'none',
          demand: 'intermittent',
          usage: 0.01,
          orderSize: 1,
          packQty: 1,
        });
      }
    }
  }
  return { key: 'mcbs', category: 'Electrical protection', weight: 3, items: b.items };
}

function control(): TemplateFamily {
  const b = builder();
  const coils = [
    { code: '24DC', name: '24 V DC coil', slang: '24V DC' },
    { code: '24AC', name: '24 V AC coil', slang: '24V AC' },
    { code: '110AC', name: '110 V AC coil', slang: '110V' },
    { code: '230AC', name: '230 V AC coil', slang: '230V' },
  ];
  for (const a of [9, 12, 18, 25, 32, 40, 50, 65, 80, 95]) {
    const kw = Math.round(a * 0.47 * 10) / 10;
    for (const c of coils) {
      b.add({
        sku: `ELE-CON-${pad(a, 3)}-${c.code}`,
        name: `Contactor ${a} A AC-3 (${kw} kW), 3-pole, ${c.name}`,
        aliases: [`${a}A contactor`, `${a} amp contactor ${c.slang}`],
        unit: 'ea',
        costCents: 1800 + a * 90,
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.02,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  const overloadRanges = [
    '0.1-0.16',
    '0.16-0.25',
    '0.25-0.4',
    '0.4-0.63',
    '0.63-1',
    '1-1.6',
    '1.6-2.5',
    '2.5-4',
    '4-6',
    '5.5-8',
    '7-10',
    '9-13',
    '12-18',
    '17-25',
    '23-32',
    '30-40',
    '37-50',
    '48-65',
    '55-70',
    '63-80',
  ];
  for (const r of overloadRanges) {
    b.add({
      sku: `ELE-OLR-${r.replace(/\./g, '').replace('-', 'T')}`,
      name: `Thermal overload relay ${r} A`,
      aliases: [`${r}A overload`, `overload ${r}`],
      unit: 'ea',
      costCents: 2400,
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.01,
      orderSize: 1,
      packQty: 1,
    });
  }
  for (const contacts of ['1CO', '2CO', '4CO']) {
    for (const c of [...coils, { code: '12DC', name: '12 V DC coil', slang: '12V' }]) {
      b.add({
        sku: `ELE-RLY-${contacts}-${c.code}`,
        name: `Interface relay ${contacts}, ${c.name}, with DIN socket`,
        aliases: [`${c.slang} relay ${contacts}`, `${contacts} ${c.slang} relay`],
        unit: 'ea',
        costCents: 650 + (contacts === '4CO' ? 500 : contacts === '2CO' ? 200 : 0),
        tracking: 'none',
        demand: 'steady',
        usage: 0.05,
        orderSize: 1,
        packQty: 10,
      });
    }
  }
  for (const fn of [
    ['ON', 'on-delay'],
    ['OFF', 'off-delay'],
    ['MF', 'multifunction'],
    ['SD', 'star-delta'],
  ] as const) {
    for (const v of ['24DC', '230AC', '24-240UC']) {
      b.add({
        sku: `ELE-TMR-${fn[0]}-${v}`,
        name: `Timer relay, ${fn[1]}, ${v.replace('DC', ' V DC').replace('AC', ' V AC').replace('UC', ' V AC/DC')}`,
        aliases: [`${fn[1]} timer`, `${fn[0]} timer relay`],
        unit: 'ea',
        costCents: 3200,
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.01,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const [code, name, slang] of [
    ['PBG', 'Push button, green, 1NO', 'green start button'],
    ['PBR', 'Push button, red, 1NC', 'red stop button'],
    ['ESTP', 'Emergency stop, 40 mm mushroom, twist release, 1NC', 'e-stop'],
    ['SEL2', 'Selector switch, 2 position, 1NO', '2 way selector'],
    ['SEL3', 'Selector switch, 3 position, 2NO', '3 way selector'],
    ['LMPG', 'Pilot light LED, green, 24 V', 'green indicator'],
    ['LMPR', 'Pilot light LED, red, 24 V', 'red indicator'],
    ['LMPA', 'Pilot light LED, amber, 230 V', 'amber lamp'],
    ['AUX11', 'Auxiliary contact block 1NO+1NC', 'aux block'],
    ['AUX20', 'Auxiliary contact block 2NO', '2NO aux'],
    ['LSW', 'Limit switch, roller lever, 1NO+1NC', 'limit switch'],
    ['PRX8', 'Inductive proximity sensor M8, PNP NO', 'M8 prox'],
    ['PRX12', 'Inductive proximity sensor M12, PNP NO', 'M12 prox'],
    ['PRX18', 'Inductive proximity sensor M18, PNP NO', 'M18 prox'],
    ['PHE', 'Photoelectric sensor, retro-reflective, PNP', 'photo eye'],
  ] as const) {
    b.add({
      sku: `ELE-CTL-${code}`,
      name,
      aliases: [slang, `${slang}s`],
      unit: 'ea',
      costCents: code.startsWith('PRX') || code === 'PHE' ? 4500 : 900,
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.03,
      orderSize: 1,
      packQty: 1,
    });
  }
  return { key: 'control', category: 'Control gear', weight: 4, items: b.items };
}

function ties(): TemplateFamily {
  const b = builder();
  const widths = [
    { w: 2.5, lens: [100, 140, 160, 200] },
    { w: 3.6, lens: [140, 200, 290, 370] },
    { w: 4.8, lens: [200, 290, 370, 430, 540] },
    { w: 7.6, lens: [370, 450, 540, 750, 1000] },
    { w: 9, lens: [540, 750, 1000, 1200] },
  ];
  for (const { w, lens } of widths) {
    for (const len of lens) {
      for (const [code, colour] of [
        ['BK', 'black UV stabilised'],
        ['NT', 'natural'],
        ['SS', 'stainless 316'],
      ] as const) {
        if (code === 'SS' && w > 7.6) continue;
        b.add({
          sku: `CBM-TIE-${pad(len, 4)}${pad(Math.round(w * 10), 3)}-${code}`,
          name: `Cable ties ${len} x ${w} mm, ${colour}, pack of 100`,
          aliases: [
            `${len}mm zip ties`,
            `${len}x${w} tie wraps`,
            `${colour.split(' ')[0]} cable ties ${len}`,
          ],
          unit: 'box',
          costCents: Math.round((code === 'SS' ? 2000 : 200) + len * w * (code === 'SS' ? 0.4 : 0.04)),
          tracking: 'none',
          demand: 'steady',
          usage: 0.1,
          orderSize: 1,
          packQty: 5,
        });
      }
    }
  }
  for (const size of [16, 20, 25, 32]) {
    for (const kind of ['conduit', 'flexible conduit']) {
      b.add({
        sku: `CBM-${kind === 'conduit' ? 'CND' : 'FLX'}-${size}`,
        name: `${size} mm PVC ${kind}, per metre`,
        aliases: [`${size}mm ${kind}`, `${size} mil ${kind === 'conduit' ? 'tube' : 'flexi'}`],
        unit: 'm',
        costCents: 80 + size * 6,
        tracking: 'none',
        demand: 'steady',
        usage: 1,
        orderSize: 3,
        packQty: 25,
      });
    }
  }
  for (const [code, name, slang] of [
    ['TAPE-BK', 'PVC insulation tape 19 mm x 20 m, black', 'black tape'],
    ['TAPE-RD', 'PVC insulation tape 19 mm x 20 m, red', 'red tape'],
    ['TAPE-BL', 'PVC insulation tape 19 mm x 20 m, blue', 'blue tape'],
    ['TAPE-GY', 'PVC insulation tape 19 mm x 20 m, green/yellow', 'earth tape'],
    ['TAPE-DUCT', 'Duct tape 50 mm x 50 m, silver', 'gaffer tape'],
  ] as const) {
    b.add({
      sku: `CBM-${code}`,
      name,
      aliases: [slang, 'electrical tape'],
      unit: 'roll',
      costCents: code === 'TAPE-DUCT' ? 650 : 95,
      tracking: 'none',
      demand: 'steady',
      usage: 0.8,
      orderSize: 2,
      packQty: 10,
    });
  }
  return { key: 'ties', category: 'Cable management', weight: 2, items: b.items };
}

function cable(): TemplateFamily {
  const b = builder();
  for (const type of [
    { code: 'H07RN', name: 'H07RN-F rubber flex', slang: 'rubber flex' },
    { code: 'H05VV', name: 'H05VV-F PVC flex', slang: 'PVC flex' },
    { code: 'YY', name: 'YY control cable', slang: 'YY' },
    { code: 'CY', name: 'CY screened control cable', slang: 'CY' },
    { code: 'SY', name: 'SY armoured flex', slang: 'SY' },
  ]) {
    for (const cores of [2, 3, 4, 5, 7, 12, 18, 25]) {
      for (const csa of [0.75, 1, 1.5, 2.5, 4, 6]) {
        if (type.code === 'H05VV' && (cores > 5 || csa > 2.5)) continue;
        if (type.code === 'H07RN' && cores > 7) continue;
        if ((type.code === 'YY' || type.code === 'CY' || type.code === 'SY') && csa > 2.5) continue;
        const earth = type.code.startsWith('H') ? 'G' : 'x';
        b.add({
          sku: `CBL-${type.code}-${pad(cores, 2)}${pad(Math.round(csa * 100), 3)}`,
          name: `${type.name} ${cores}${earth}${csa} mm², per metre`,
          aliases: [`${cores} core ${csa}mm ${type.slang}`, `${cores}${earth}${csa} cable`],
          unit: 'm',
          costCents: Math.round(40 + cores * csa * (type.code === 'SY' ? 45 : 28)),
          tracking: 'none',
          demand: 'steady',
          usage: cores <= 5 ? 2 : 0.6,
          orderSize: 6,
          packQty: 50,
        });
      }
    }
  }
  for (const cores of [2, 3, 4]) {
    for (const csa of [1.5, 2.5, 4, 6, 10, 16, 25]) {
      b.add({
        sku: `CBL-SWA-${cores}${pad(Math.round(csa * 10), 3)}`,
        name: `SWA armoured cable ${cores} core ${csa} mm², per metre`,
        aliases: [`${cores} core ${csa} SWA`, `${csa}mm armoured`],
        unit: 'm',
        costCents: Math.round(150 + cores * csa * 55),
        tracking: 'none',
        demand: 'steady',
        usage: 0.8,
        orderSize: 8,
        packQty: 50,
      });
    }
  }
  for (const [code, name, slang] of [
    ['CAT6U', 'Cat6 U/UTP data cable, LSZH, per metre', 'cat6'],
    ['CAT6F', 'Cat6A F/FTP data cable, LSZH, per metre', 'cat6a'],
    ['TWIN15', '6242Y twin and earth 1.5 mm², per metre', '1.5 T&E'],
    ['TWIN25', '6242Y twin and earth 2.5 mm², per metre', '2.5 T&E'],
    ['EARTH6', '6491X earth cable 6 mm² green/yellow, per metre', '6mm earth'],
    ['EARTH10', '6491X earth cable 10 mm² green/yellow, per metre', '10mm earth'],
  ] as const) {
    b.add({
      sku: `CBL-${code}`,
      name,
      aliases: [slang, `${slang} cable`],
      unit: 'm',
      costCents: 60,
      tracking: 'none',
      demand: 'steady',
      usage: 2.5,
      orderSize: 10,
      packQty: 100,
    });
  }
  return { key: 'cable', category: 'Cable', weight: 4, items: b.items };
}

function lamps(): TemplateFamily {
  const b = builder();
  for (const [len, w] of [
    [600, 9],
    [900, 14],
    [1200, 18],
    [1500, 22],
    [1800, 28],
  ] as const) {
    for (const k of [3000, 4000, 6500]) {
      const ft = Math.round(len / 300);
      b.add({
        sku: `LMP-T8-${pad(len, 4)}-${k / 100}`,
        name: `LED T8 tube ${len} mm, ${w} W, ${k} K`,
        aliases: [`${ft}ft LED tube`, `${ft} foot tube ${k}K`, `T8 ${len}`],
        unit: 'ea',
        costCents: 350 + len,
        tracking: 'none',
        demand: 'steady',
        usage: 0.3,
        orderSize: 2,
        packQty: 10,
      });
    }
  }
  const bulbs = [
    { code: 'GU10', name: 'GU10 LED spot', watts: [4, 5, 7] },
    { code: 'E27', name: 'E27 A60 LED bulb', watts: [6, 9, 12, 15] },
    { code: 'B22', name: 'B22 A60 LED bulb', watts: [6, 9, 12] },
    { code: 'E14', name: 'E14 candle LED bulb', watts: [4, 6] },
    { code: 'G24', name: 'G24q-3 LED PL lamp', watts: [10, 13] },
  ];
  for (const bl of bulbs) {
    for (const w of bl.watts) {
      for (const k of [2700, 4000, 6500]) {
        b.add({
          sku: `LMP-${bl.code}-${pad(w, 2)}-${k / 100}`,
          name: `${bl.name} ${w} W, ${k} K`,
          aliases: [
            `${bl.code} ${w}W`,
            `${bl.code} ${k === 2700 ? 'warm white' : k === 4000 ? 'cool white' : 'daylight'}`,
          ],
          unit: 'ea',
          costCents: 250 + w * 30,
          tracking: 'none',
          demand: 'steady',
          usage: 0.12,
          orderSize: 2,
          packQty: 10,
        });
      }
    }
  }
  for (const w of [60, 100, 150, 200, 240]) {
    for (const beam of [60, 90, 120]) {
      b.add({
        sku: `LMP-HB-${pad(w, 3)}-${beam}`,
        name: `LED high-bay luminaire ${w} W, ${beam}° beam, IP65`,
        aliases: [`${w}W high bay`, `${w} watt UFO light`],
        unit: 'ea',
        costCents: 5000 + w * 40,
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.01,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const [code, name, slang] of [
    ['PNL600', 'LED panel 600 x 600 mm, 36 W, 4000 K', '600 panel'],
    ['PNL1200', 'LED panel 1200 x 300 mm, 36 W, 4000 K', '1200x300 panel'],
    ['BH-EM', 'LED bulkhead 14 W with 3 h emergency', 'emergency bulkhead'],
    ['EXIT', 'LED exit sign, maintained, 3 h', 'exit sign'],
    ['FLD50', 'LED floodlight 50 W, IP65', '50W flood'],
    ['FLD100', 'LED floodlight 100 W, IP65', '100W flood'],
    ['BATT-EM', 'Emergency light battery pack 3.6 V 1.6 Ah NiCd', 'emergency battery'],
  ] as const) {
    b.add({
      sku: `LMP-${code}`,
      name,
      aliases: [slang, `${slang}s`],
      unit: 'ea',
      costCents: 2200,
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.02,
      orderSize: 1,
      packQty: 1,
    });
  }
  return { key: 'lamps', category: 'Lighting', weight: 3, items: b.items };
}

// ---------- PPE ----------

function gloves(): TemplateFamily {
  const b = builder();
  for (const [code, name, slang, cost] of [
    ['NIT', 'Nitrile disposable gloves, powder free, box of 100', 'blue gloves', 650],
    ['NITHD', 'Heavy-duty nitrile disposable gloves, 8 mil, box of 50', 'thick nitriles', 1100],
    ['LTX', 'Latex disposable gloves, box of 100', 'latex gloves', 550],
  ] as const) {
    for (const size of ['S', 'M', 'L', 'XL', 'XXL']) {
      b.add({
        sku: `PPE-GLV-${code}-${size}`,
        name: `${name}, size ${size}`,
        aliases: [`${slang} ${size}`, `${size} ${code === 'LTX' ? 'latex' : 'nitrile'}s`],
        unit: 'box',
        costCents: cost,
        tracking: 'none',
        demand: 'seasonal',
        seasonalPeakDay: SUMMER_PEAK,
        usage: size === 'L' || size === 'M' ? 0.8 : 0.3,
        orderSize: 1,
        packQty: 10,
      });
    }
  }
  const workGloves = [
    {
      code: 'CUTB',
      name: 'Cut-resistant gloves level B, PU palm',
      slang: 'cut gloves B',
      cost: 350,
      peak: SUMMER_PEAK,
    },
    {
      code: 'CUTC',
      name: 'Cut-resistant gloves level C, nitrile foam',
      slang: 'cut gloves C',
      cost: 550,
      peak: SUMMER_PEAK,
    },
    {
      code: 'CUTF',
      name: 'Cut-resistant gloves level F, sleeve cuff',
      slang: 'cut F gloves',
      cost: 1200,
      peak: SUMMER_PEAK,
    },
    { code: 'RIG', name: 'Rigger gloves, cowhide leather', slang: 'riggers', cost: 280, peak: SUMMER_PEAK },
    { code: 'THM', name: 'Thermal lined work gloves', slang: 'winter gloves', cost: 450, peak: WINTER_PEAK },
    {
      code: 'CHEM',
      name: 'Chemical gauntlets, nitrile, 33 cm',
      slang: 'chemical gauntlets',
      cost: 400,
      peak: SUMMER_PEAK,
    },
    {
      code: 'GRIP',
      name: 'General handling gloves, latex grip',
      slang: 'grip gloves',
      cost: 120,
      peak: SUMMER_PEAK,
    },
    {
      code: 'WELD',
      name: 'Welding gauntlets, lined split leather',
      slang: 'welding gloves',
      cost: 700,
      peak: WINTER_PEAK,
    },
  ];
  for (const g of workGloves) {
    for (const size of [7, 8, 9, 10, 11]) {
      b.add({
        sku: `PPE-GLV-${g.code}-${pad(size, 2)}`,
        name: `${g.name}, size ${size}`,
        aliases: [`${g.slang} size ${size}`, `size ${size} ${g.slang}`],
        unit: 'pair',
        costCents: g.cost,
        tracking: 'none',
        demand: 'seasonal',
        seasonalPeakDay: g.peak,
        usage: size === 9 || size === 10 ? 1.2 : 0.4,
        orderSize: 2,
        packQty: 12,
      });
    }
  }
  return { key: 'gloves', category: 'PPE', weight: 4, items: b.items };
}

function ppe(): TemplateFamily {
  const b = builder();
  for (const size of ['S', 'M', 'L', 'XL', 'XXL', '3XL']) {
    for (const [code, name, slang, cost] of [
      ['VEST-YL', 'Hi-vis vest, yellow, EN ISO 20471 class 2', 'yellow hi-vis', 250],
      ['VEST-OR', 'Hi-vis vest, orange, EN ISO 20471 class 2', 'orange hi-vis', 250],
      ['JKT', 'Hi-vis bomber jacket, yellow/navy', 'hi-vis jacket', 3200],
      ['OVL', 'Disposable coverall type 5/6', 'paper suit', 450],
      ['BOILER', 'Polycotton boiler suit, navy', 'boiler suit', 2400],
    ] as const) {
      b.add({
        sku: `PPE-${code}-${size}`,
        name: `${name}, size ${size}`,
        aliases: [`${slang} ${size}`, `${size} ${slang}`],
        unit: 'ea',
        costCents: cost,
        tracking: 'none',
        demand: code === 'JKT' ? 'seasonal' : 'steady',
        seasonalPeakDay: WINTER_PEAK,
        usage: 0.15,
        orderSize: 1,
        packQty: 5,
      });
    }
  }
  for (const uk of [5, 6, 7, 8, 9, 10, 11, 12, 13]) {
    for (const [code, name, slang] of [
      ['BOOT', 'Safety boots S3, composite toe', 'safety boots'],
      ['RIGB', 'Rigger boots S3, steel toe', 'rigger boots'],
      ['TRN', 'Safety trainers S1P', 'safety trainers'],
    ] as const) {
      b.add({
        sku: `PPE-${code}-${pad(uk, 2)}`,
        name: `${name}, UK size ${uk}`,
        aliases: [`${slang} size ${uk}`, `size ${uk} ${slang}`],
        unit: 'pair',
        costCents: 4500,
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.02,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const [code, name, slang, unit, cost, usage] of [
    ['GLS-CLR', 'Safety glasses, clear anti-fog', 'safety specs', 'ea', 250, 0.8],
    ['GLS-TNT', 'Safety glasses, smoke tinted', 'sunglasses', 'ea', 260, 0.4],
    ['GOG', 'Safety goggles, indirect vent', 'goggles', 'ea', 450, 0.2],
    ['EAR200', 'Foam ear plugs, SNR 37, box of 200 pairs', 'ear plugs', 'box', 2200, 0.1],
    ['EARDEF', 'Ear defenders, SNR 30', 'ear muffs', 'ea', 1400, 0.05],
    ['FFP2', 'FFP2 valved dust mask, box of 10', 'FFP2 masks', 'box', 1300, 0.15],
    ['FFP3', 'FFP3 valved dust mask, box of 10', 'FFP3 masks', 'box', 2400, 0.15],
    ['HAT-WH', 'Safety helmet, white, vented', 'white hard hat', 'ea', 650, 0.03],
    ['HAT-YL', 'Safety helmet, yellow, vented', 'yellow hard hat', 'ea', 650, 0.03],
    ['HAT-BL', 'Safety helmet, blue, vented', 'blue hard hat', 'ea', 650, 0.03],
    ['BUMP', 'Bump cap, navy', 'bump hat', 'ea', 900, 0.02],
    ['VISOR', 'Face shield visor, polycarbonate', 'face shield', 'ea', 800, 0.03],
    ['HARN', 'Fall-arrest harness, 2-point', 'harness', 'ea', 5500, 0.005],
    ['LANY', 'Energy-absorbing lanyard 1.8 m', 'lanyard', 'ea', 4200, 0.005],
    ['LOTO', 'Lockout padlock, red, keyed different', 'LOTO lock', 'ea', 1200, 0.02],
    ['LOTOTAG', 'Lockout tags "Do not operate", pack of 25', 'danger tags', 'box', 900, 0.02],
    ['SUNCR', 'Sun cream SPF 50, 1 l pump', 'sunscreen', 'ea', 1100, 0.05],
  ] as const) {
    b.add({
      sku: `PPE-${code}`,
      name,
      aliases: [slang, `${slang} ${unit === 'box' ? 'box' : 'pack'}`],
      unit,
      costCents: cost,
      tracking: 'none',
      demand: code === 'SUNCR' ? 'seasonal' : usage < 0.05 ? 'intermittent' : 'steady',
      seasonalPeakDay: SUMMER_PEAK,
      usage,
      orderSize: 1,
      packQty: unit === 'box' ? 5 : 10,
    });
  }
  return { key: 'ppe', category: 'PPE', weight: 3, items: b.items };
}

// ---------- chemicals (lot tracked: they expire and get recalled by batch) ----------

function lubricants(): TemplateFamily {
  const b = builder();
  for (const [code, name, slang, cost] of [
    ['EP2', 'Lithium EP2 grease', 'EP2 grease', 450],
    ['EP0', 'Lithium EP0 semi-fluid grease', 'EP0 grease', 480],
    ['HT', 'High-temperature complex grease', 'high temp grease', 850],
    ['H1', 'Food-grade H1 grease', 'food grease', 950],
    ['MOLY', 'Molybdenum disulphide grease', 'moly grease', 700],
    ['POLY', 'Polyurea electric-motor bearing grease', 'motor grease', 900],
  ] as const) {
    for (const [pack, mult, unit] of [
      ['400g cartridge', 1, 'ea'],
      ['1 kg tub', 2.2, 'ea'],
      ['18 kg keg', 30, 'ea'],
    ] as const) {
      b.add({
        sku: `LUB-GRS-${code}-${pack.split(' ')[0]?.toUpperCase() ?? 'X'}`,
        name: `${name}, ${pack}`,
        aliases: [`${slang} ${pack.split(' ')[1] ?? ''}`.trim(), `${slang}`],
        unit,
        costCents: Math.round(cost * mult),
        tracking: 'lot',
        demand: 'steady',
        usage: mult === 1 ? 0.8 : 0.05,
        orderSize: 1,
        packQty: mult === 1 ? 12 : 1,
      });
    }
  }
  for (const [code, name, slang, grades] of [
    ['GEAR', 'Mineral EP gear oil', 'gear oil', [68, 100, 150, 220, 320, 460, 680]],
    ['SGEAR', 'Synthetic PAO gear oil', 'synthetic gear oil', [150, 220, 320, 460]],
    ['HYD', 'Hydraulic oil HLP', 'hydraulic oil', [22, 32, 46, 68, 100]],
    ['COMP', 'Rotary screw compressor oil', 'compressor oil', [32, 46, 68]],
    ['CIRC', 'Circulating turbine oil', 'turbine oil', [32, 46, 68, 100]],
    ['SLIDE', 'Slideway oil', 'way oil', [68, 220]],
  ] as const) {
    for (const vg of grades) {
      for (const [pack, litres] of [
        ['5 l can', 5],
        ['20 l drum', 20],
      ] as const) {
        b.add({
          sku: `LUB-${code}-${pad(vg, 3)}-${pad(litres, 3)}`,
          name: `${name} ISO VG ${vg}, ${pack}`,
          aliases: [`${slang} ${vg}`, `VG${vg} ${slang}`, `${litres} litre ${slang}`],
          unit: 'ea',
          costCents: Math.round(litres * (code === 'SGEAR' ? 1400 : 450)),
          tracking: 'lot',
          demand: 'steady',
          usage: litres === 5 ? 0.15 : 0.04,
          orderSize: 1,
          packQty: 1,
        });
      }
      b.add({
        sku: `LUB-${code}-${pad(vg, 3)}-BULK`,
        name: `${name} ISO VG ${vg}, bulk from 205 l barrel`,
        aliases: [`${slang} ${vg} bulk`, `VG${vg} from the barrel`],
        unit: 'l',
        costCents: code === 'SGEAR' ? 1200 : 380,
        tracking: 'lot',
        demand: 'steady',
        usage: 1.2,
        orderSize: 4,
        packQty: 205,
      });
    }
  }
  for (const [code, name, slang, cost] of [
    ['PEN', 'Penetrating oil spray, 400 ml', 'WD', 450],
    ['CHN', 'Chain and wire-rope lubricant spray, 400 ml', 'chain lube', 650],
    ['PTFE', 'Dry PTFE lubricant spray, 400 ml', 'PTFE spray', 700],
    ['SIL', 'Silicone lubricant spray, 400 ml', 'silicone spray', 550],
    ['CNT', 'Electrical contact cleaner, 400 ml', 'contact cleaner', 600],
    ['BRK', 'Brake and parts cleaner, 500 ml', 'brake cleaner', 350],
    ['ZINC', 'Cold galvanising zinc spray, 400 ml', 'zinc spray', 800],
    ['ANTI', 'Copper anti-seize compound, 500 g', 'copper slip', 1100],
    ['FOOD', 'Food-grade H1 multi-purpose spray, 400 ml', 'food-safe spray', 900],
    ['CUT', 'Cutting and tapping fluid, 400 ml', 'tapping fluid', 700],
  ] as const) {
    b.add({
      sku: `LUB-SPR-${code}`,
      name,
      aliases: [slang, `can of ${slang}`],
      unit: 'ea',
      costCents: cost,
      tracking: 'lot',
      demand: 'steady',
      usage: 0.6,
      orderSize: 1,
      packQty: 12,
    });
  }
  return { key: 'lubricants', category: 'Lubricants', weight: 4, items: b.items };
}

function adhesives(): TemplateFamily {
  const b = builder();
  for (const [grade, name, slang, colour] of [
    ['222', 'Threadlocker low strength', '222', 'purple'],
    ['243', 'Threadlocker medium strength', '243', 'blue'],
    ['270', 'Threadlocker high strength', '270', 'green'],
    ['290', 'Threadlocker wicking grade', '290', 'green'],
    ['577', 'Thread sealant, pipe', '577', 'yellow'],
    ['542', 'Hydraulic thread sealant', '542', 'brown'],
    ['603', 'Retaining compound, oil tolerant', '603', 'green'],
    ['638', 'Retaining compound, high strength', '638', 'green'],
    ['518', 'Flange sealant, rigid', '518', 'red'],
    ['574', 'Flange sealant, multi-purpose', '574', 'orange'],
  ] as const) {
    for (const ml of [10, 50, 250]) {
      b.add({
        sku: `ADH-${grade}-${pad(ml, 3)}`,
        name: `${name} (${colour}), ${ml} ml`,
        aliases: [`Loctite ${slang}`, `${colour} threadlock ${ml}ml`, `${slang} ${ml} ml`],
        unit: 'ea',
        costCents: Math.round(400 + ml * 45),
        tracking: 'lot',
        demand: 'steady',
        usage: ml === 50 ? 0.15 : 0.05,
        orderSize: 1,
        packQty: ml === 250 ? 1 : 10,
      });
    }
  }
  for (const [code, name, slang, cost] of [
    ['SIL-CLR', 'Sanitary silicone sealant, clear, 310 ml', 'clear silicone', 550],
    ['SIL-WHT', 'Sanitary silicone sealant, white, 310 ml', 'white silicone', 550],
    ['SIL-HT', 'High-temperature silicone, red, 310 ml', 'red silicone', 900],
    ['PU-GRY', 'PU sealant, grey, 310 ml', 'PU mastic', 700],
    ['MS-BLK', 'MS polymer adhesive sealant, black, 290 ml', 'sticks like', 850],
    ['FIRE', 'Intumescent fire-rated sealant, 310 ml', 'fire mastic', 1100],
    ['CA20', 'Cyanoacrylate instant adhesive, 20 g', 'superglue', 450],
    ['EPX', 'Two-part epoxy adhesive, 5 minute, 25 ml', 'araldite', 650],
    ['EPXM', 'Two-part steel-filled epoxy putty, 500 g', 'metal putty', 3500],
    ['GASK', 'Gasket maker, black RTV, 200 ml', 'RTV', 950],
    ['CAB', 'Contact adhesive, 500 ml tin', 'contact glue', 900],
    ['PVC', 'PVC solvent cement, 250 ml', 'pipe glue', 750],
  ] as const) {
    b.add({
      sku: `ADH-${code}`,
      name,
      aliases: [slang, `tube of ${slang}`],
      unit: 'ea',
      costCents: cost,
      tracking: 'lot',
      demand: 'steady',
      usage: 0.2,
      orderSize: 1,
      packQty: 12,
    });
  }
  for (const w of [12, 19, 25]) {
    for (const [code, what] of [
      ['STD', 'standard density'],
      ['GAS', 'gas-rated high density'],
    ] as const) {
      b.add({
        sku: `ADH-PTFE-${w}-${code}`,
        name: `PTFE thread seal tape ${w} mm x 12 m, ${what}`,
        aliases: [`PTFE tape ${w}mm`, `plumbers tape${code === 'GAS' ? ' gas' : ''} ${w}`],
        unit: 'roll',
        costCents: 60 + w * 5 + (code === 'GAS' ? 90 : 0),
        tracking: 'none',
        demand: 'steady',
        usage: 0.5,
        orderSize: 2,
        packQty: 10,
      });
    }
  }
  return { key: 'adhesives', category: 'Adhesives & sealants', weight: 3, items: b.items };
}

// ---------- rotating equipment (serial tracked, expensive) ----------

const MOTOR_FRAMES: Record<string, string> = {
  '0.37': '71',
  '0.55': '80',
  '0.75': '80',
  '1.1': '90S',
  '1.5': '90L',
  '2.2': '100L',
  '3': '100L',
  '4': '112M',
  '5.5': '132S',
  '7.5': '132M',
  '11': '160M',
  '15': '160L',
  '18.5': '180M',
  '22': '180L',
  '30': '200L',
  '37': '225S',
  '45': '225M',
};

function motors(): TemplateFamily {
  const b = builder();
  for (const [kwText, frame] of Object.entries(MOTOR_FRAMES)) {
    const kw = Number(kwText);
    for (const poles of [2, 4, 6]) {
      if (poles === 6 && kw > 22) continue;
      for (const [mount, mountName] of [
        ['B3', 'foot mount'],
        ['B5', 'large flange'],
        ['B14', 'face flange'],
        ['B35', 'foot and flange'],
      ] as const) {
        if (mount === 'B14' && kw > 4) continue;
        b.add({
          sku: `MTR-${kwCode(kw)}-${poles}P-${mount}`,
          name: `${String(kw)} kW ${poles}-pole IE3 motor, ${frame} ${mount} ${mountName}, 400 V`,
          aliases: [
            `${String(kw)}kW motor`,
            `${String(kw)} kilowatt ${poles} pole motor`,
            `${frame} frame motor`,
          ],
          unit: 'ea',
          costCents: Math.round(14_000 + kw * 5200 * (poles === 6 ? 1.3 : 1) + (mount === 'B35' ? 2500 : 0)),
          tracking: 'serial',
          demand: 'intermittent',
          usage: 0.006,
          orderSize: 1,
          packQty: 1,
        });
      }
    }
  }
  return { key: 'motors', category: 'Motors & drives', weight: 3, items: b.items };
}

function vfds(): TemplateFamily {
  const b = builder();
  for (const kw of [0.37, 0.75, 1.5, 2.2, 3, 4, 5.5, 7.5, 11, 15, 18.5, 22, 30, 45]) {
    for (const [supply, supplyName] of [
      ['1PH', '230 V single-phase'],
      ['3PH', '400 V three-phase'],
    ] as const) {
      if (supply === '1PH' && kw > 2.2) continue;
      for (const ip of ['IP20', 'IP55']) {
        b.add({
          sku: `VFD-${kwCode(kw)}-${supply}-${ip}`,
          name: `Variable speed drive ${String(kw)} kW, ${supplyName} in, ${ip}`,
          aliases: [`${String(kw)}kW VSD`, `${String(kw)}kW inverter`, `${String(kw)} kW VFD`],
          unit: 'ea',
          costCents: Math.round(22_000 + kw * 4200 + (ip === 'IP55' ? 18_000 : 0)),
          tracking: 'serial',
          demand: 'intermittent',
          usage: 0.004,
          orderSize: 1,
          packQty: 1,
        });
      }
    }
  }
  for (const [code, name, slang, cost] of [
    ['KEYPAD', 'VSD remote keypad with 3 m cable', 'drive keypad', 9500],
    ['EMC', 'VSD EMC filter 16 A', 'drive filter', 12_000],
    ['BRK', 'Braking resistor 200 ohm 1 kW', 'brake resistor', 8500],
    ['FAN', 'VSD cooling fan replacement kit', 'inverter fan', 4500],
  ] as const) {
    b.add({
      sku: `VFD-ACC-${code}`,
      name,
      aliases: [slang, `${slang} spare`],
      unit: 'ea',
      costCents: cost,
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.005,
      orderSize: 1,
      packQty: 1,
    });
  }
  return { key: 'vfds', category: 'Motors & drives', weight: 1.5, items: b.items };
}

function plc(): TemplateFamily {
  const b = builder();
  const modules = [
    { code: 'DI', name: 'digital input module', channels: [8, 16, 32], volt: '24 V DC', cost: 9000 },
    {
      code: 'DOT',
      name: 'digital output module, transistor',
      channels: [8, 16, 32],
      volt: '24 V DC 0.5 A',
      cost: 11_000,
    },
    {
      code: 'DOR',
      name: 'digital output module, relay',
      channels: [8, 16],
      volt: '230 V AC 2 A',
      cost: 13_000,
    },
    { code: 'AIV', name: 'analog input module', channels: [2, 4, 8], volt: '0-10 V', cost: 22_000 },
    { code: 'AIC', name: 'analog input module', channels: [2, 4, 8], volt: '4-20 mA', cost: 22_000 },
    { code: 'AIT', name: 'RTD input module', channels: [2, 4, 8], volt: 'PT100', cost: 26_000 },
    { code: 'AO', name: 'analog output module', channels: [2, 4], volt: '0-10 V / 4-20 mA', cost: 25_000 },
  ];
  for (const m of modules) {
    for (const ch of m.channels) {
      b.add({
        sku: `PLC-${m.code}-${pad(ch, 2)}`,
        name: `PLC ${ch}-channel ${m.name}, ${m.volt}`,
        aliases: [`${ch}ch ${m.code.startsWith('A') ? 'analog' : 'digital'} card`, `${m.code}${ch} module`],
        unit: 'ea',
        costCents: Math.round(m.cost * (0.6 + ch / 20)),
        tracking: 'serial',
        demand: 'intermittent',
        usage: 0.004,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const [code, name, slang, cost, tracking] of [
    ['CPU-S', 'PLC CPU, compact, 100 KB, Profinet', 'small CPU', 45_000, 'serial'],
    ['CPU-M', 'PLC CPU, standard, 500 KB, 2x Profinet', 'PLC processor', 95_000, 'serial'],
    ['CPU-F', 'PLC safety CPU, 1 MB, Profinet/PROFIsafe', 'safety PLC', 180_000, 'serial'],
    ['COM-MB', 'Modbus RTU/TCP communication module', 'modbus card', 32_000, 'serial'],
    ['COM-EIP', 'EtherNet/IP adapter module', 'ethernet IP card', 38_000, 'serial'],
    ['HMI-7', 'HMI touch panel 7 inch', '7 inch HMI', 68_000, 'serial'],
    ['HMI-12', 'HMI touch panel 12 inch', '12 inch HMI', 125_000, 'serial'],
    ['SW-5', 'Unmanaged industrial Ethernet switch, 5 port', 'DIN switch', 9500, 'serial'],
    ['PSU-25', 'DIN rail power supply 24 V DC 2.5 A', '24V PSU 2.5A', 4200, 'none'],
    ['PSU-5', 'DIN rail power supply 24 V DC 5 A', '24V PSU 5A', 6500, 'none'],
    ['PSU-10', 'DIN rail power supply 24 V DC 10 A', '24V PSU 10A', 11_000, 'none'],
    ['PSU-20', 'DIN rail power supply 24 V DC 20 A', '24V PSU 20A', 19_000, 'none'],
    ['MEM', 'PLC memory card 24 MB', 'PLC SD card', 7500, 'none'],
    ['TERM', 'PLC 40-pin front connector', 'front connector', 2500, 'none'],
  ] as const) {
    b.add({
      sku: `PLC-${code}`,
      name,
      aliases: [slang, `spare ${slang}`],
      unit: 'ea',
      costCents: cost,
      tracking,
      demand: 'intermittent',
      usage: 0.004,
      orderSize: 1,
      packQty: 1,
    });
  }
  return { key: 'plc', category: 'Automation', weight: 1.5, items: b.items };
}

function pumps(): TemplateFamily {
  const b = builder();
  for (const kw of [0.55, 0.75, 1.1, 1.5, 2.2, 3, 4, 5.5, 7.5, 11, 15]) {
    for (const [dn, code] of [
      ['32-160', '32'],
      ['40-200', '40'],
      ['50-200', '50'],
      ['65-250', '65'],
    ] as const) {
      b.add({
        sku: `PMP-ES${code}-${kwCode(kw)}`,
        name: `End-suction centrifugal pump ${dn}, ${String(kw)} kW, cast iron`,
        aliases: [`${dn} pump`, `${String(kw)}kW centrifugal pump`],
        unit: 'ea',
        costCents: Math.round(65_000 + kw * 9000 + Number(code) * 400),
        tracking: 'serial',
        demand: 'intermittent',
        usage: 0.002,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const [code, name, slang, cost, tracking] of [
    ['CIRC25', 'Heating circulator pump 25-60, 180 mm', 'circ pump', 14_500, 'serial'],
    ['CIRC32', 'Heating circulator pump 32-80, 180 mm', '32-80 circulator', 32_000, 'serial'],
    ['SUB04', 'Submersible drainage pump 0.4 kW with float', 'sump pump', 18_000, 'serial'],
    ['SUB11', 'Submersible sludge pump 1.1 kW', 'sludge pump', 48_000, 'serial'],
    ['DOS', 'Diaphragm dosing pump 10 l/h', 'dosing pump', 42_000, 'serial'],
    ['BOOST', 'Multistage booster pump 1.5 kW', 'booster pump', 98_000, 'serial'],
    ['COND', 'Condensate removal pump, mini', 'condensate pump', 9500, 'serial'],
  ] as const) {
    b.add({
      sku: `PMP-${code}`,
      name,
      aliases: [slang, `${slang}s`],
      unit: 'ea',
      costCents: cost,
      tracking,
      demand: 'intermittent',
      usage: 0.003,
      orderSize: 1,
      packQty: 1,
    });
  }
  for (const shaft of [12, 16, 20, 22, 25, 28, 30, 32, 35, 40, 45, 50]) {
    for (const [faces, facesName] of [
      ['CSIC', 'carbon/silicon carbide'],
      ['SICSIC', 'silicon carbide/silicon carbide'],
    ] as const) {
      b.add({
        sku: `PMP-SEAL-${pad(shaft, 2)}-${faces}`,
        name: `Mechanical seal ${shaft} mm shaft, ${facesName}, EPDM`,
        aliases: [`${shaft}mm mech seal`, `pump seal ${shaft}`],
        unit: 'ea',
        costCents: 3500 + shaft * 120 + (faces === 'SICSIC' ? 3000 : 0),
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.01,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  return { key: 'pumps', category: 'Pumps', weight: 2, items: b.items };
}

// ---------- valves, fittings, hoses, seals ----------

const BSP = [
  { code: '025', name: '1/4"' },
  { code: '038', name: '3/8"' },
  { code: '050', name: '1/2"' },
  { code: '075', name: '3/4"' },
  { code: '100', name: '1"' },
  { code: '125', name: '1 1/4"' },
  { code: '150', name: '1 1/2"' },
  { code: '200', name: '2"' },
] as const;

function valves(): TemplateFamily {
  const b = builder();
  for (const size of BSP) {
    const inch = Number(size.code) / 100;
    for (const [code, name, slang, factor] of [
      ['BV-BR', 'Ball valve, brass, full bore, lever', 'ball valve', 1],
      ['BV-SS', 'Ball valve, stainless 316, full bore, lever', 'stainless ball valve', 3],
      ['BV-BF', 'Ball valve, brass, butterfly handle', 'butterfly handle valve', 0.9],
      ['GV', 'Gate valve, bronze', 'gate valve', 1.3],
      ['NRV', 'Swing check valve, brass', 'NRV', 1.1],
      ['SCV', 'Spring check valve, brass', 'non-return valve', 1],
      ['STR', 'Y-strainer, brass', 'strainer', 1.2],
      ['DRN', 'Drain cock, brass', 'drain cock', 0.4],
    ] as const) {
      if (code === 'DRN' && inch > 0.75) continue;
      b.add({
        sku: `VLV-${code}-${size.code}`,
        name: `${name}, ${size.name} BSP`,
        aliases: [`${size.name} ${slang}`, `${slang} ${size.name.replace('"', ' inch')}`],
        unit: 'ea',
        costCents: Math.round((600 + inch * inch * 1500) * factor),
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.02,
        orderSize: 1,
        packQty: 1,
      });
    }
    for (const coil of ['24DC', '230AC']) {
      if (inch > 1) continue;
      b.add({
        sku: `VLV-SOL-${size.code}-${coil}`,
        name: `Solenoid valve 2/2 NC, ${size.name} BSP, ${coil === '24DC' ? '24 V DC' : '230 V AC'} coil`,
        aliases: [`${size.name} solenoid`, `${coil === '24DC' ? '24V' : '230V'} solenoid valve`],
        unit: 'ea',
        costCents: Math.round(4500 + inch * 6000),
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.005,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const dn of [50, 65, 80, 100, 125, 150, 200]) {
    for (const [code, what] of [
      ['LEV', 'lever operated'],
      ['GBX', 'gearbox operated'],
    ] as const) {
      if (code === 'LEV' && dn > 150) continue;
      b.add({
        sku: `VLV-BFY-DN${pad(dn, 3)}-${code}`,
        name: `Wafer butterfly valve DN${dn}, ${what}, EPDM liner`,
        aliases: [`DN${dn} butterfly`, `${dn}mm butterfly valve`],
        unit: 'ea',
        costCents: 6000 + dn * 150 + (code === 'GBX' ? 9000 : 0),
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.002,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const bar of [3, 6, 8, 10, 12, 16]) {
    b.add({
      sku: `VLV-PRV-${pad(bar, 2)}`,
      name: `Pressure relief valve 1/2" BSP, set ${bar} bar`,
      aliases: [`${bar} bar relief valve`, `${bar}bar PRV`],
      unit: 'ea',
      costCents: 3200,
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.003,
      orderSize: 1,
      packQty: 1,
    });
  }
  return { key: 'valves', category: 'Valves', weight: 3, items: b.items };
}

function fittings(): TemplateFamily {
  const b = builder();
  const types = [
    { code: 'ELB', name: '90° elbow F/F', slang: 'elbow' },
    { code: 'MFE', name: '90° elbow M/F', slang: 'street elbow' },
    { code: 'TEE', name: 'equal tee', slang: 'tee' },
    { code: 'SKT', name: 'equal socket', slang: 'socket' },
    { code: 'HXN', name: 'hex nipple', slang: 'hex nipple' },
    { code: 'BRN', name: 'barrel nipple', slang: 'barrel nipple' },
    { code: 'UNI', name: 'union F/F', slang: 'union' },
    { code: 'PLG', name: 'hex plug', slang: 'blanking plug' },
    { code: 'CAP', name: 'cap', slang: 'end cap' },
  ];
  const mats = [
    { code: 'GMI', name: 'galvanised malleable iron', short: 'galv', factor: 1 },
    { code: 'BR', name: 'brass', short: 'brass', factor: 1.6 },
    { code: 'SS', name: 'stainless 316', short: 'stainless', factor: 3 },
  ];
  for (const t of types) {
    for (const size of BSP) {
      const inch = Number(size.code) / 100;
      for (const m of mats) {
        b.add({
          sku: `FIT-${t.code}-${size.code}-${m.code}`,
          name: `${size.name} BSP ${t.name}, ${m.name}`,
          aliases: [`${size.name} ${m.short} ${t.slang}`, `${size.name.replace('"', ' inch')} ${t.slang}`],
          unit: 'ea',
          costCents: Math.round((120 + inch * inch * 500) * m.factor * (t.code === 'UNI' ? 2.5 : 1)),
          tracking: 'none',
          demand: 'steady',
          usage: inch <= 1 ? 0.15 : 0.05,
          orderSize: 2,
          packQty: 10,
        });
      }
    }
  }
  for (const d of [15, 22, 28, 35, 42, 54]) {
    for (const [code, name, slang] of [
      ['ELB', '90° elbow', 'elbow'],
      ['TEE', 'equal tee', 'tee'],
      ['CPL', 'straight coupling', 'coupler'],
      ['STP', 'stop end', 'stop end'],
      ['MI', 'male iron adaptor', 'male adaptor'],
    ] as const) {
      for (const [kind, kindName] of [
        ['PR', 'copper press-fit'],
        ['CMP', 'brass compression'],
      ] as const) {
        b.add({
          sku: `FIT-${kind}-${code}-${pad(d, 2)}`,
          name: `${d} mm ${kindName} ${name}`,
          aliases: [`${d}mm ${slang}`, `${d} ${kind === 'PR' ? 'press' : 'compression'} ${slang}`],
          unit: 'ea',
          costCents: Math.round(90 + d * d * (kind === 'PR' ? 1.6 : 1.2)),
          tracking: 'none',
          demand: 'steady',
          usage: d <= 28 ? 0.25 : 0.06,
          orderSize: 2,
          packQty: 10,
        });
      }
    }
  }
  return { key: 'fittings', category: 'Pipe fittings', weight: 5, items: b.items };
}

function hoses(): TemplateFamily {
  const b = builder();
  for (const [dash, inch] of [
    ['04', '1/4"'],
    ['05', '5/16"'],
    ['06', '3/8"'],
    ['08', '1/2"'],
    ['10', '5/8"'],
    ['12', '3/4"'],
    ['16', '1"'],
  ] as const) {
    for (const [spec, slang] of [
      ['1SN', 'single wire'],
      ['2SN', 'two wire'],
      ['4SH', 'spiral'],
    ] as const) {
      if (spec === '4SH' && Number(dash) < 8) continue;
      b.add({
        sku: `HOS-HYD-${spec}-${dash}`,
        name: `Hydraulic hose ${spec} ${inch} (-${dash}), per metre`,
        aliases: [`${inch} ${spec} hose`, `-${dash} ${slang} hose`],
        unit: 'm',
        costCents: Math.round(250 + Number(dash) * (spec === '1SN' ? 60 : spec === '2SN' ? 90 : 160)),
        tracking: 'none',
        demand: 'steady',
        usage: 0.3,
        orderSize: 2,
        packQty: 50,
      });
      for (const [fit, fitName] of [
        ['JIC', 'JIC female swivel'],
        ['BSP', 'BSP female swivel'],
        ['BSPM', 'BSP male'],
      ] as const) {
        if (spec === '4SH') continue;
        b.add({
          sku: `HOS-FIT-${spec}-${dash}-${fit}`,
          name: `Crimp hose fitting ${spec} -${dash}, ${fitName}`,
          aliases: [`-${dash} ${fit} crimp`, `${inch} ${fit} hose tail`],
          unit: 'ea',
          costCents: 300 + Number(dash) * 40,
          tracking: 'none',
          demand: 'steady',
          usage: 0.12,
          orderSize: 2,
          packQty: 10,
        });
      }
    }
  }
  for (const od of [4, 6, 8, 10, 12]) {
    b.add({
      sku: `HOS-PU-${pad(od, 2)}`,
      name: `Polyurethane air tube ${od} mm OD, blue, per metre`,
      aliases: [`${od}mm air line`, `${od} mil pneumatic pipe`],
      unit: 'm',
      costCents: 40 + od * 12,
      tracking: 'none',
      demand: 'steady',
      usage: 1.5,
      orderSize: 5,
      packQty: 50,
    });
    for (const [code, name, slang] of [
      ['ST', 'straight union', 'straight'],
      ['EL', 'union elbow', 'elbow'],
      ['TE', 'union tee', 'tee'],
      ['MS14', 'male stud 1/4" BSPT', 'male 1/4'],
      ['MS38', 'male stud 3/8" BSPT', 'male 3/8'],
      ['ME14', 'male elbow 1/4" BSPT', 'elbow 1/4'],
      ['BH', 'bulkhead union', 'bulkhead'],
    ] as const) {
      b.add({
        sku: `HOS-PIF-${code}-${pad(od, 2)}`,
        name: `Push-in fitting ${od} mm, ${name}`,
        aliases: [`${od}mm push fit ${slang}`, `${od} pneumatic ${slang}`],
        unit: 'ea',
        costCents: 150 + od * 25,
        tracking: 'none',
        demand: 'steady',
        usage: 0.2,
        orderSize: 2,
        packQty: 10,
      });
    }
  }
  for (const [id, name] of [
    [6, '1/4"'],
    [8, '5/16"'],
    [10, '3/8"'],
    [13, '1/2"'],
    [19, '3/4"'],
    [25, '1"'],
  ] as const) {
    for (const [code, what, slang] of [
      ['AIR', 'rubber air hose 20 bar', 'air hose'],
      ['WTR', 'reinforced PVC water hose', 'water hose'],
      ['SUC', 'PVC suction hose, spiral', 'suction hose'],
    ] as const) {
      if (code === 'SUC' && id < 19) continue;
      b.add({
        sku: `HOS-${code}-${pad(id, 2)}`,
        name: `${id} mm (${name}) ${what}, per metre`,
        aliases: [`${name} ${slang}`, `${id}mm ${slang}`],
        unit: 'm',
        costCents: 120 + id * 30,
        tracking: 'none',
        demand: 'steady',
        usage: 0.5,
        orderSize: 3,
        packQty: 30,
      });
    }
  }
  for (const [lo, hi] of [
    [8, 12],
    [10, 16],
    [12, 20],
    [16, 25],
    [20, 32],
    [25, 40],
    [30, 45],
    [40, 60],
    [50, 70],
    [60, 80],
    [70, 90],
    [90, 110],
  ] as const) {
    for (const [code, what] of [
      ['W1', 'zinc plated'],
      ['W4', 'stainless W4'],
    ] as const) {
      b.add({
        sku: `HOS-CLP-${pad(lo, 3)}${pad(hi, 3)}-${code}`,
        name: `Worm-drive hose clip ${lo}-${hi} mm, ${what}`,
        aliases: [`${lo}-${hi} jubilee clip`, `${hi}mm hose clamp`],
        unit: 'ea',
        costCents: 35 + hi * (code === 'W4' ? 3 : 1),
        tracking: 'none',
        demand: 'steady',
        usage: 0.6,
        orderSize: 3,
        packQty: 10,
      });
    }
  }
  return { key: 'hoses', category: 'Hoses & pneumatics', weight: 4, items: b.items };
}

function orings(): TemplateFamily {
  const b = builder();
  const sections = [
    { cs: 1.5, ids: [3, 4, 5, 6, 7, 8, 10, 12, 14, 16] },
    { cs: 2, ids: [4, 5, 6, 8, 10, 12, 14, 16, 18, 20, 22, 25] },
    { cs: 2.5, ids: [8, 10, 12, 14, 16, 18, 20, 22, 25, 28, 30, 32, 35] },
    { cs: 3, ids: [10, 12, 15, 18, 20, 22, 25, 28, 30, 32, 35, 38, 40, 45, 50] },
    { cs: 3.5, ids: [20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70] },
    { cs: 4, ids: [30, 35, 40, 45, 50, 55, 60, 70, 80, 90, 100] },
    { cs: 5, ids: [50, 60, 70, 80, 90, 100, 120, 150] },
  ];
  for (const { cs, ids } of sections) {
    for (const id of ids) {
      for (const [code, mat, slang, factor] of [
        ['NBR', 'NBR 70', 'nitrile', 1],
        ['FKM', 'FKM 75', 'viton', 4],
        ['EPDM', 'EPDM 70', 'EPDM', 1.3],
      ] as const) {
        b.add({
          sku: `SEL-OR-${code}-${pad(id, 3)}${pad(Math.round(cs * 10), 2)}`,
          name: `O-ring ${id} x ${cs} mm, ${mat}`,
          aliases: [`${id}x${cs} o-ring`, `${id} by ${cs} ${slang} O ring`],
          unit: 'ea',
          costCents: Math.max(5, Math.round((5 + id * cs * 0.15) * factor)),
          tracking: 'none',
          demand: 'intermittent',
          usage: 0.03,
          orderSize: 2,
          packQty: 10,
        });
      }
    }
  }
  for (const [code, name, slang, cost] of [
    ['KIT-NBR', 'O-ring assortment kit, metric NBR, 382 pieces', 'O ring kit', 3500],
    ['KIT-FKM', 'O-ring assortment kit, metric FKM, 225 pieces', 'viton kit', 8500],
    ['KIT-BS', 'O-ring assortment kit, BS imperial NBR, 386 pieces', 'imperial O ring kit', 3800],
    ['KIT-BND', 'Bonded seal assortment kit, 150 pieces', 'dowty kit', 2800],
    ['KIT-CU', 'Copper washer assortment kit, 200 pieces', 'copper washer kit', 1800],
  ] as const) {
    b.add({
      sku: `SEL-${code}`,
      name,
      aliases: [slang, `${slang} box`],
      unit: 'set',
      costCents: cost,
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.005,
      orderSize: 1,
      packQty: 1,
    });
  }
  for (const size of [
    '20x32x7',
    '25x40x7',
    '30x47x7',
    '35x52x7',
    '40x55x8',
    '45x62x8',
    '50x72x8',
    '55x72x8',
    '60x80x8',
  ]) {
    b.add({
      sku: `SEL-OIL-${size.replace(/x/g, '')}`,
      name: `Rotary shaft oil seal ${size} mm, NBR, double lip`,
      aliases: [`${size} oil seal`, `${size.split('x')[0]}mm lip seal`],
      unit: 'ea',
      costCents: 350,
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.02,
      orderSize: 2,
      packQty: 5,
    });
  }
  return { key: 'orings', category: 'Seals', weight: 4, items: b.items };
}

// ---------- batteries, cleaning, tools ----------

function batteries(): TemplateFamily {
  const b = builder();
  for (const [code, name, slang, unit, cost, usage] of [
    ['AA-24', 'AA alkaline battery, box of 24', 'AA batteries', 'box', 900, 0.15],
    ['AAA-24', 'AAA alkaline battery, box of 24', 'AAA batteries', 'box', 900, 0.12],
    ['C-10', 'C alkaline battery, box of 10', 'C cells', 'box', 1100, 0.03],
    ['D-10', 'D alkaline battery, box of 10', 'D cells', 'box', 1300, 0.04],
    ['9V-10', '9 V PP3 alkaline battery, box of 10', '9 volt batteries', 'box', 1500, 0.04],
    ['CR2032', 'CR2032 lithium coin cell', 'coin cell', 'ea', 60, 0.2],
    ['CR2450', 'CR2450 lithium coin cell', 'CR2450', 'ea', 90, 0.05],
    ['LR44', 'LR44 alkaline button cell', 'button battery', 'ea', 40, 0.05],
    ['AA-LI', 'AA lithium battery 1.5 V', 'lithium AA', 'ea', 220, 0.1],
    ['ER14505', 'ER14505 3.6 V lithium thionyl chloride cell', '3.6V lithium AA', 'ea', 450, 0.02],
    ['AA-NIMH', 'AA NiMH rechargeable 2500 mAh, pack of 4', 'rechargeable AA', 'ea', 1200, 0.02],
  ] as const) {
    b.add({
      sku: `BAT-${code}`,
      name,
      aliases: [slang, `${slang} pack`],
      unit,
      costCents: cost,
      tracking: 'none',
      demand: 'steady',
      usage,
      orderSize: 1,
      packQty: unit === 'box' ? 5 : 10,
    });
  }
  for (const ah of [1.2, 2.3, 3.2, 7, 9, 12, 18, 24, 38, 65, 100]) {
    for (const v of [6, 12]) {
      if (v === 6 && ah > 12) continue;
      b.add({
        sku: `BAT-SLA-${pad(v, 2)}-${pad(Math.round(ah * 10), 4)}`,
        name: `Sealed lead-acid battery ${v} V ${ah} Ah, AGM`,
        aliases: [`${v}V ${ah}Ah battery`, `${ah}Ah SLA`],
        unit: 'ea',
        costCents: Math.round(800 + ah * v * 18),
        tracking: 'lot',
        demand: 'intermittent',
        usage: 0.01,
        orderSize: 2,
        packQty: 1,
      });
    }
  }
  for (const [code, name, slang, cost] of [
    ['TOOL18-2', 'Cordless tool battery 18 V 2.0 Ah', '18V battery 2Ah', 4500],
    ['TOOL18-5', 'Cordless tool battery 18 V 5.0 Ah', '18V battery 5Ah', 8500],
    ['TOOL12-3', 'Cordless tool battery 12 V 3.0 Ah', '12V battery', 4000],
    ['RADIO', 'Two-way radio battery pack 7.4 V 2000 mAh', 'radio battery', 3500],
    ['SCAN', 'Handheld scanner battery 3.7 V 5200 mAh', 'scanner battery', 4200],
  ] as const) {
    b.add({
      sku: `BAT-${code}`,
      name,
      aliases: [slang, `${slang} pack`],
      unit: 'ea',
      costCents: cost,
      tracking: 'serial',
      demand: 'intermittent',
      usage: 0.005,
      orderSize: 1,
      packQty: 1,
    });
  }
  return { key: 'batteries', category: 'Batteries', weight: 1.5, items: b.items };
}

function cleaning(): TemplateFamily {
  const b = builder();
  for (const [code, name, slang, unit, cost, usage, tracking] of [
    ['DEG5', 'Heavy-duty degreaser, 5 l', 'degreaser', 'ea', 1800, 0.1, 'lot'],
    ['DEG25', 'Heavy-duty degreaser, 25 l', 'degreaser drum', 'ea', 7200, 0.02, 'lot'],
    ['FLR5', 'Floor cleaner concentrate, 5 l', 'floor cleaner', 'ea', 1200, 0.12, 'lot'],
    ['HAND4', 'Heavy-duty hand cleaner with grit, 4 l', 'hand cleaner', 'ea', 1600, 0.15, 'lot'],
    ['HAND-W', 'Hand cleaning wipes, tub of 150', 'hand wipes', 'ea', 900, 0.3, 'lot'],
    ['SAN5', 'Hand sanitiser gel 70%, 5 l', 'sanitiser', 'ea', 2200, 0.05, 'lot'],
    ['BLUE', 'Blue centrefeed paper roll, 2-ply 150 m', 'blue roll', 'roll', 450, 1.2, 'none'],
    ['WIPE', 'Industrial wiping roll, 400 sheets', 'wiper roll', 'roll', 1500, 0.3, 'none'],
    ['RAGS', 'Coloured cotton wiping rags', 'rags', 'kg', 350, 1.5, 'none'],
    ['PADS', 'Oil-only absorbent pads, 100 per bale', 'absorbent pads', 'box', 3800, 0.05, 'none'],
    ['GRAN', 'Absorbent granules, 20 l bag', 'spill granules', 'ea', 1100, 0.05, 'none'],
    ['SPILL', 'Spill kit 50 l, general purpose', 'spill kit', 'set', 6500, 0.005, 'none'],
    ['SACK-BK', 'Black refuse sacks, roll of 50', 'bin bags', 'roll', 550, 0.4, 'none'],
    ['SACK-CL', 'Clear recycling sacks, roll of 50', 'clear bags', 'roll', 600, 0.2, 'none'],
    ['SPONGE', 'Scouring sponges, pack of 10', 'scourers', 'ea', 300, 0.1, 'none'],
    ['MOP', 'Kentucky mop head, 16 oz', 'mop head', 'ea', 450, 0.03, 'none'],
    ['BRUSH', 'Stiff yard broom head 600 mm', 'yard broom', 'ea', 1400, 0.02, 'none'],
    ['GLASS', 'Glass cleaner, 750 ml trigger', 'window cleaner', 'ea', 350, 0.08, 'lot'],
    ['PANEL', 'Electrical panel cleaning foam, 400 ml', 'panel foam', 'ea', 750, 0.04, 'lot'],
    ['COIL', 'HVAC coil cleaner, alkaline, 5 l', 'coil cleaner', 'ea', 2600, 0.03, 'lot'],
  ] as const) {
    b.add({
      sku: `CLN-${code}`,
      name,
      aliases: [slang, `${slang}s`],
      unit,
      costCents: cost,
      tracking,
      demand: code === 'COIL' ? 'seasonal' : 'steady',
      seasonalPeakDay: SUMMER_PEAK,
      usage,
      orderSize: unit === 'kg' ? 2 : 1,
      packQty: unit === 'kg' ? 10 : 6,
    });
  }
  return { key: 'cleaning', category: 'Cleaning', weight: 1.5, items: b.items };
}

function tools(): TemplateFamily {
  const b = builder();
  for (let mm10 = 10; mm10 <= 130; mm10 += 5) {
    const mm = mm10 / 10;
    for (const [code, what, slang, factor] of [
      ['HSS', 'HSS jobber drill bit, ground', 'drill bit', 1],
      ['COB', 'HSS-Co 5% cobalt jobber drill bit', 'cobalt drill', 2.5],
      ['SDS', 'SDS-plus masonry drill bit 160 mm', 'SDS bit', 1.8],
    ] as const) {
      if (code === 'SDS' && (mm < 4 || mm10 % 10 !== 0)) continue;
      b.add({
        sku: `TLS-DRL-${code}-${pad(mm10, 3)}`,
        name: `${mm} mm ${what}`,
        aliases: [`${mm}mm ${slang}`, `${mm} mil ${slang}`],
        unit: 'ea',
        costCents: Math.round((80 + mm * mm * 6) * factor),
        tracking: 'none',
        demand: 'steady',
        usage: mm <= 10 ? 0.1 : 0.03,
        orderSize: 1,
        packQty: 10,
      });
    }
  }
  for (const size of METRIC) {
    for (const [code, what, slang] of [
      ['TAP', 'HSS machine tap set, taper/second/plug', 'tap set'],
      ['DIE', 'HSS split die 1 inch OD', 'die'],
    ] as const) {
      if (size.d > 20) continue;
      b.add({
        sku: `TLS-${code}-${size.code}`,
        name: `${size.code} ${what}`,
        aliases: [`${size.code} ${slang}`, `${size.code} thread ${slang}`],
        unit: code === 'TAP' ? 'set' : 'ea',
        costCents: 900 + size.d * 150,
        tracking: 'none',
        demand: 'intermittent',
        usage: 0.01,
        orderSize: 1,
        packQty: 1,
      });
    }
  }
  for (const mm of [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 30, 32]) {
    b.add({
      sku: `TLS-SPN-${pad(mm, 2)}`,
      name: `${mm} mm combination spanner`,
      aliases: [`${mm}mm spanner`, `${mm} mil wrench`],
      unit: 'ea',
      costCents: 450 + mm * 60,
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.005,
      orderSize: 1,
      packQty: 1,
    });
    b.add({
      sku: `TLS-SKT-${pad(mm, 2)}`,
      name: `${mm} mm 6-point socket, 1/2" drive`,
      aliases: [`${mm}mm socket`, `${mm} half inch drive socket`],
      unit: 'ea',
      costCents: 350 + mm * 25,
      tracking: 'none',
      demand: 'intermittent',
      usage: 0.005,
      orderSize: 1,
      packQty: 1,
    });
  }
  for (const [d, bore] of [
    [115, 22.23],
    [125, 22.23],
    [230, 22.23],
  ] as const) {
    for (const [code, what, slang, factor] of [
      ['CUT10', 'thin metal cutting disc 1.0 mm, box of 25', 'cutting discs', 1],
      ['CUT16', 'metal cutting disc 1.6 mm, box of 25', 'cut off discs', 1],
      ['GRD', 'grinding disc 6 mm, box of 10', 'grinding discs', 1.3],
      ['FLP40', 'zirconia flap disc P40, box of 10', 'flap discs 40', 2],
      ['FLP80', 'zirconia flap disc P80, box of 10', 'flap discs 80', 2],
      ['FLP120', 'zirconia flap disc P120, box of 10', 'flap discs 120', 2],
    ] as const) {
      if (d === 230 && code.startsWith('FLP')) continue;
      b.add({
        sku: `TLS-ABR-${d}-${code}`,
        name: `${d} x ${bore} mm ${what}`,
        aliases: [`${d}mm ${slang}`, `${d} ${slang.split(' ')[0]} discs`],
        unit: 'box',
        costCents: Math.round((d * 10 + 600) * factor),
        tracking: 'none',
        demand: 'steady',
        usage: 0.06,
        orderSize: 1,
        packQty: 5,
      });
    }
  }
  for (const [code, name, slang, unit, cost, tracking] of [
    ['HEX-SET', 'Hex key set 1.5-10 mm, ball end, 9 pieces', 'allen keys', 'set', 1500, 'none'],
    ['TORX-SET', 'Torx key set T10-T50, 8 pieces', 'torx keys', 'set', 1600, 'none'],
    ['SCR-SET', 'Insulated VDE screwdriver set, 7 pieces', 'VDE screwdrivers', 'set', 3500, 'none'],
    ['PLR-SET', 'Insulated VDE pliers set, 3 pieces', 'VDE pliers', 'set', 4800, 'none'],
    ['HACK', 'Bi-metal hacksaw blades 300 mm 24 TPI, pack of 10', 'hacksaw blades', 'box', 1200, 'none'],
    ['KNIFE', 'Trapezoid utility knife blades, pack of 100', 'stanley blades', 'box', 1400, 'none'],
    ['TAPE5', 'Tape measure 5 m', 'tape measure', 'ea', 700, 'none'],
    ['TAPE8', 'Tape measure 8 m', '8m tape', 'ea', 1000, 'none'],
    ['MARK', 'Paint marker, yellow, pack of 12', 'paint pens', 'box', 1800, 'none'],
    ['TORCH', 'LED head torch, rechargeable', 'head torch', 'ea', 2500, 'none'],
    ['MULTI', 'Digital multimeter CAT III 1000 V', 'multimeter', 'ea', 12_000, 'serial'],
    ['CLAMP', 'AC/DC clamp meter 600 A', 'clamp meter', 'ea', 15_000, 'serial'],
    ['IRT', 'Infrared thermometer -50 to 550 °C', 'IR gun', 'ea', 9000, 'serial'],
    ['VTEST', 'Two-pole voltage tester with proving unit', 'voltage tester', 'set', 11_000, 'serial'],
    ['DRILL18', 'Cordless combi drill 18 V, body only', 'cordless drill', 'ea', 14_000, 'serial'],
    ['IMP18', 'Cordless impact wrench 1/2" 18 V, body only', 'rattle gun', 'ea', 18_000, 'serial'],
    ['GRND18', 'Cordless angle grinder 115 mm 18 V, body only', 'cordless grinder', 'ea', 13_000, 'serial'],
    ['TRQ', 'Torque wrench 1/2" drive 40-210 Nm', 'torque wrench', 'ea', 9500, 'serial'],
    ['GREASE-GUN', 'Lever grease gun 400 g', 'grease gun', 'ea', 2200, 'none'],
    ['PULLER', 'Three-leg bearing puller 150 mm', 'bearing puller', 'ea', 4500, 'none'],
  ] as const) {
    b.add({
      sku: `TLS-${code}`,
      name,
      aliases: [slang, `${slang} spare`],
      unit,
      costCents: cost,
      tracking,
      demand: unit === 'box' ? 'steady' : 'intermittent',
      usage: unit === 'box' ? 0.05 : 0.005,
      orderSize: 1,
      packQty: 1,
    });
  }
  return { key: 'tools', category: 'Tools', weight: 3, items: b.items };
}

export function buildTemplateFamilies(): TemplateFamily[] {
  return [
    fasteners(),
    anchors(),
    bearings(),
    belts(),
    filters(),
    fuses(),
    mcbs(),
    control(),
    ties(),
    cable(),
    lamps(),
    gloves(),
    ppe(),
    lubricants(),
    adhesives(),
    motors(),
    vfds(),
    plc(),
    pumps(),
    valves(),
    fittings(),
    hoses(),
    orings(),
    batteries(),
    cleaning(),
    tools(),
  ];
}
