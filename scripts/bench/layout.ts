import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits } from '../../common/layout/edits.ts';
import { DEFAULT_LAYOUT_RULES } from '../../common/layout/validate.ts';
import { openServices } from '../../server/app.ts';
import { heldStock, workMovements } from '../../server/db/scenarios.repository.ts';
import { walkingSaving } from '../../server/domain/layout/compare.ts';
import { DEFAULT_SIMULATION, simulateWork } from '../../server/domain/layout/simulate.ts';
import { suggestSlotting } from '../../server/domain/layout/slotting.ts';
import { WalkModelCache } from '../../server/domain/layout/walk-model.ts';
import { workLinesFromMovements } from '../../server/domain/layout/work-lines.ts';
import { deriveBins } from '../../twin-models/geometry.ts';
import { seedSampleFacility } from '../seed/seed-database.ts';

const RUNS = 3;
const DAYS = 180;
const log = (m: string) => process.stderr.write(`${m}\n`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/**
 * The layout simulation on the seeded demo warehouse (180 days of history): wall time to simulate
 * base and one scenario from cold caches (walk models built inside the timing), and the walking the
 * slotting suggestion saves over the seeded layout. Medians of RUNS.
 */
export async function runLayoutBench() {
  const dir = await mkdtemp(join(tmpdir(), 'twinventory-bench-layout-'));
  try {
    log('Seeding the sample facility (180 days)...');
    const services = await openServices({
      databaseUrl: `file:${join(dir, 'bench.db')}`,
      synchronous: 'NORMAL',
    });
    const seeded = await seedSampleFacility(services, { seed: 42, days: DAYS });
    const current = await services.twin.current();
    if (!current) throw new Error('the seed published no layout');
    const base = current.facility;

    const t0 = performance.now();
    const movements = await workMovements(services.db.reader, services.clock.now() - DAYS * 86_400_000);
    const held = await heldStock(services.db.reader);
    const loadMs = performance.now() - t0;
    const lines = workLinesFromMovements(movements);
    log(`${movements.length} movement rows -> ${lines.length} work lines; ${held.length} stock rows`);

    // The scenario: the slotting suggestion applied as item moves, plus one rack turned (so the
    // scenario's walk model is built from scratch, not shared with the base).
    const models = new WalkModelCache();
    const suggestion = suggestSlotting(
      models.get(base),
      deriveBins(base),
      held.map((h) => ({ itemId: h.itemId, bin: h.code })),
      lines,
      { maxBinMoves: 5000 },
    );
    const slotted = applyEdits(
      base,
      suggestion.moves.map((m) => ({ kind: 'moveItem' as const, ...m })),
      DEFAULT_LAYOUT_RULES,
    );
    if (!slotted.ok) throw new Error(`slotting edits refused: ${slotted.reasons.join('; ')}`);
    const lastRack = base.racks[base.racks.length - 1];
    const withRackMoved = lastRack
      ? applyEdits(
          base,
          [
            ...suggestion.moves.map((m) => ({ kind: 'moveItem' as const, ...m })),
            { kind: 'removeRack' as const, rackId: lastRack.id },
          ],
          DEFAULT_LAYOUT_RULES,
        )
      : slotted;
    const scenario = withRackMoved.ok ? withRackMoved : slotted;

    const wall: number[] = [];
    const baseMs: number[] = [];
    const scenarioMs: number[] = [];
    const savings: number[] = [];
    let last: {
      base: Awaited<ReturnType<typeof simulateWork>>;
      scenario: Awaited<ReturnType<typeof simulateWork>>;
    } | null = null;
    for (let run = 0; run < RUNS; run++) {
      const cold = new WalkModelCache();
      const a = performance.now();
      const baseResult = await simulateWork(cold.get(base), lines, [], DEFAULT_SIMULATION);
      const b = performance.now();
      const scenarioResult = await simulateWork(
        cold.get(scenario.facility),
        lines,
        scenario.itemMoves,
        DEFAULT_SIMULATION,
      );
      const c = performance.now();
      wall.push(c - a);
      baseMs.push(b - a);
      scenarioMs.push(c - b);
      const slottedOnly = await simulateWork(cold.get(base), lines, slotted.itemMoves, DEFAULT_SIMULATION);
      savings.push(walkingSaving(baseResult, slottedOnly));
      last = { base: baseResult, scenario: scenarioResult };
      log(`run ${run + 1}: ${Math.round(c - a)} ms, slotting saves ${savings[savings.length - 1]}`);
    }
    await services.writer.close();
    services.db.close();
    return {
      days: DAYS,
      seededMovements: seeded.movements,
      replayedMovementRows: movements.length,
      workLines: lines.length,
      ledgerReadMs: Math.round(loadMs),
      simulateBaseAndScenarioMs: {
        median: Math.round(median(wall)),
        runs: wall.map(Math.round),
        target: 5000,
      },
      baseMs: Math.round(median(baseMs)),
      scenarioMs: Math.round(median(scenarioMs)),
      scenario: `slotting suggestion (${suggestion.binMoves} bins, ${suggestion.moves.length} item moves) + rack ${lastRack?.id ?? '-'} removed`,
      slotting: {
        walkingSaving: median(savings),
        target: 0.2,
        estimatedSaving: suggestion.estimatedSaving,
        binMoves: suggestion.binMoves,
      },
      base: last && {
        pickLists: last.base.pickLists,
        orders: last.base.orders,
        pickDistanceKm: Math.round(last.base.pickDistanceM / 100) / 10,
        congestionWaitMinutes: last.base.congestionWaitMinutes,
        unplacedLines: last.base.unplacedLines,
      },
      scenarioFigures: last && {
        pickDistanceKm: Math.round(last.scenario.pickDistanceM / 100) / 10,
        congestionWaitMinutes: last.scenario.congestionWaitMinutes,
        unplacedLines: last.scenario.unplacedLines,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
