import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CsvKind } from '../../common/csv/kinds.ts';
import { openServices } from '../../server/app.ts';
import { catalogTotals } from '../../server/db/catalog-bulk.repository.ts';
import type { Cells } from '../../server/domain/csv/plan.ts';
import { writeCsv } from '../../server/domain/csv/write-csv.ts';
import { CSV_ENGINES } from '../../server/services/csv/csv-kinds.ts';
import type { ImportReport } from '../../server/services/io.service.ts';
import { createRng } from '../seed/random.ts';

const ITEMS = 50_000;
const STOCK_ROWS = 100_000;
const LOCATIONS = 6_000;
const TARGETS = { dryRunSeconds: 10, importSeconds: 30, peakRssMb: 500 };
const log = (m: string) => process.stderr.write(`${m}\n`);
const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

/** A seeded catalogue: files of locations, items and stock rows (two bins per item, lots where tracked). */
function generate(seed: number) {
  const rng = createRng(seed);
  const locations: Cells[] = [];
  for (let i = 0; locations.length < LOCATIONS; i += 1) {
    const aisle = String.fromCharCode(65 + Math.floor(i / 300));
    const bay = Math.floor((i % 300) / 6) + 1;
    const level = (i % 6) + 1;
    locations.push({
      code: `${aisle}-${String(bay).padStart(2, '0')}-${level}`,
      kind: 'bin',
      aisle,
      bay,
      level,
      x: Math.floor(i / 300) * 3.2 - 40,
      y: (level - 1) * 0.45,
      z: bay * 1.3 - 30,
      width: 1.2,
      height: 0.4,
      depth: 0.6,
      capacity: 100,
      active: 'true',
    });
  }
  const words = [
    'bolt',
    'nut',
    'washer',
    'bearing',
    'seal',
    'filter',
    'belt',
    'fuse',
    'valve',
    'hose',
    'clamp',
  ];
  const items: Cells[] = [];
  const stock: Cells[] = [];
  for (let i = 0; i < ITEMS; i += 1) {
    const sku = `BN-${String(i).padStart(6, '0')}`;
    const tracking = rng.chance(0.1) ? 'lot' : 'none';
    items.push({
      sku,
      name: `${rng.pick(words)} ${rng.int(2, 60)} mm type ${i}`,
      aliases: `${rng.pick(words)}|${rng.pick(words)} ${i}`,
      unit: 'ea',
      barcode: `20${String(i).padStart(11, '0')}`,
      category: rng.pick(['Fasteners', 'Bearings', 'Electrical', 'Hydraulics', 'Filters']),
      unit_cost: (rng.int(5, 50_000) / 100).toFixed(2),
      reorder_point: rng.int(0, 50),
      reorder_qty: rng.int(10, 500),
      tracking,
      supplier: '',
    });
    // Two different bins per item: STOCK_ROWS / ITEMS rows each, every key distinct.
    const first = rng.int(0, LOCATIONS - 1);
    const second = (first + rng.int(1, LOCATIONS - 1)) % LOCATIONS;
    for (const bin of [first, second].slice(0, STOCK_ROWS / ITEMS)) {
      stock.push({
        sku,
        location: String(locations[bin]?.code),
        lot: tracking === 'lot' ? `L${rng.int(1000, 9999)}` : '',
        on_hand: rng.int(1, 400),
      });
    }
  }
  const file = (kind: CsvKind, rows: Cells[]) => writeCsv(CSV_ENGINES[kind].columns, rows);
  return {
    locations: file('locations', locations),
    items: file('items', items),
    stock: file('stock', stock),
  };
}

/**
 * The process's peak RSS since the last reset. Linux keeps it exactly (VmHWM, reset through
 * clear_refs); elsewhere the sampled figure stands in, which misses peaks inside synchronous work.
 */
function peakSince(sampled: number): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return hwm === undefined ? sampled : Math.max(sampled, Number(hwm) * 1024);
  } catch {
    return sampled;
  }
}

function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the sampled figure is all there is.
  }
}

/** A full collection between phases, so one phase's garbage is not counted in the next one's peak. */
function collectGarbage() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

type Phase = { seconds: number; cpuSeconds: number; peakRssMb: number };

/**
 * `npm run -s bench -- import`: 50,000 items and 100,000 stock rows on a fresh temp file database:
 * a parse-only baseline, the dry runs, the real imports (items then stock), then the dry runs again
 * (every row unchanged), with wall and CPU seconds and peak RSS per phase, against the targets
 * (dry run < 10 s, import < 30 s, peak RSS < 500 MB). CPU seconds are printed because this machine
 * is shared: wall time there includes waiting for a core.
 */
export async function runImportBench() {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const dir = await mkdtemp(join(tmpdir(), 'twinventory-bench-import-'));
  try {
    log('Generating the files...');
    const files = generate(42);
    const services = await openServices({
      databaseUrl: `file:${join(dir, 'bench.db')}`,
      synchronous: 'FULL',
    });
    const phases: Record<string, Phase> = {};
    let runPeak = peakRss;
    // Only totals are kept, so no phase's report inflates the next phase's memory.
    const phase = async (label: string, work: () => Promise<ImportReport | undefined>) => {
      // Each phase starts from a collected heap, as a fresh `npm run import` process would.
      collectGarbage();
      peakRss = process.memoryUsage().rss;
      resetPeak();
      const start = performance.now();
      const cpu = process.cpuUsage();
      const report = await work();
      const used = process.cpuUsage(cpu);
      const peak = peakSince(Math.max(peakRss, process.memoryUsage().rss));
      runPeak = Math.max(runPeak, peak);
      phases[label] = {
        seconds: Math.round(performance.now() - start) / 1000,
        cpuSeconds: Math.round((used.user + used.system) / 1000) / 1000,
        peakRssMb: mb(peak),
      };
      log(`${label}: ${JSON.stringify(phases[label])}`);
      if (report && report.errors.length > 0) {
        throw new Error(`${label}: ${JSON.stringify(report.errors.slice(0, 3))}`);
      }
      return report?.totals;
    };
    const options = { update: false, actor: null, source: 'cli' as const };
    try {
      await phase('parseItems', async () => void CSV_ENGINES.items.read(files.items));
      await phase('parseStock', async () => void CSV_ENGINES.stock.read(files.stock));
      await phase('importLocations', () => services.io.import('locations', files.locations, options));
      const totals = {
        dryRunItems: await phase('dryRunItems', () => services.io.check('items', files.items, options)),
        importItems: await phase('importItems', () => services.io.import('items', files.items, options)),
        dryRunStock: await phase('dryRunStock', () => services.io.check('stock', files.stock, options)),
        importStock: await phase('importStock', () => services.io.import('stock', files.stock, options)),
        recheckItems: await phase('recheckItems', () => services.io.check('items', files.items, options)),
        recheckStock: await phase('recheckStock', () => services.io.check('stock', files.stock, options)),
      };
      // The full per-bin comparison (stock.verifyLedger) is too slow for 100,000 rows; totals must agree.
      const stored = await catalogTotals(services.db.reader);
      const sum = (a: string, b: string, key: 'seconds' | 'cpuSeconds') =>
        Math.round(((phases[a]?.[key] ?? 0) + (phases[b]?.[key] ?? 0)) * 1000) / 1000;
      const dryRunSeconds = sum('dryRunItems', 'dryRunStock', 'seconds');
      const importSeconds = sum('importItems', 'importStock', 'seconds');
      return {
        rows: { items: ITEMS, stock: STOCK_ROWS, locations: LOCATIONS },
        bytes: { items: Buffer.byteLength(files.items), stock: Buffer.byteLength(files.stock) },
        phases,
        dryRun: { seconds: dryRunSeconds, cpuSeconds: sum('dryRunItems', 'dryRunStock', 'cpuSeconds') },
        import: { seconds: importSeconds, cpuSeconds: sum('importItems', 'importStock', 'cpuSeconds') },
        peakRssMb: mb(runPeak),
        totals,
        stored: {
          items: stored.items,
          stockRows: stored.stockRows,
          onHand: stored.onHand,
          ledgerSum: stored.ledgerSum,
        },
        targets: TARGETS,
        pass: {
          dryRun: dryRunSeconds < TARGETS.dryRunSeconds,
          import: importSeconds < TARGETS.importSeconds,
          peakRss: mb(runPeak) < TARGETS.peakRssMb,
        },
      };
    } finally {
      await services.writer.close();
      services.db.close();
    }
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
}
