import type { Client } from '@libsql/client';
import type { CsvKind } from '../../common/csv/kinds.ts';
import type { ItemMove } from '../../common/layout/edits.ts';
import type { SimulationResult } from '../../common/layout/simulation-result.ts';
import type { Facility } from '../../twin-models/schema.ts';
import type { StoredPlan } from '../domain/drone/audit-plan.ts';
import type { DroneConfig } from '../domain/drone/config.ts';
import type { AuditScope } from '../domain/drone/scope.ts';
import type { ComparisonRow } from '../domain/layout/compare.ts';
import type { SimulationOptions } from '../domain/layout/simulate.ts';
import type { SlottingSuggestion } from '../domain/layout/slotting.ts';
import type { WalkModelCache } from '../domain/layout/walk-model.ts';
import type { MovementRow } from '../domain/layout/work-lines.ts';
import type { NavigatorData } from '../domain/navigation/navmesh.ts';
import type { TaskHooks } from './worker-protocol.ts';

/**
 * The CPU-heavy work that runs in worker threads (server/workers/worker-pool.ts), by name. Each task
 * takes plain data and returns plain data; whatever it decides is written by its service on the
 * main thread, through the writer. Tasks that read much (an export, the ledger history a
 * simulation replays) read through a client of their own thread; they never write.
 *
 * Modules are imported inside each task, so a worker starts quickly and loads only what it runs.
 */
export const TASKS = {
  'navmesh.build': async (input: { facility: Facility }): Promise<NavigatorData> => {
    const { buildNavigatorData } = await import('../domain/navigation/navmesh.ts');
    return buildNavigatorData(input.facility);
  },
  'layout.simulate': simulateScenario,
  'layout.slotting': suggestSlottingTask,
  'drone.plan': async (input: DronePlanInput, hooks: TaskHooks): Promise<StoredPlan> => {
    const { planAudit } = await import('../domain/drone/audit-plan.ts');
    const { lastCounted, now } = input;
    return planAudit(
      input.facility,
      input.scope,
      input.config,
      { lastCountedAt: (code) => lastCounted.get(code) ?? null, now },
      hooks,
    );
  },
  'csv.export': async (input: { database: DatabaseAddress; kind: CsvKind }): Promise<string> => {
    const { CSV_ENGINES } = await import('../services/csv/csv-kinds.ts');
    return CSV_ENGINES[input.kind].exportCsv(await readerFor(input.database));
  },
};

export type Tasks = typeof TASKS;

/** The module every worker thread of the app runs. */
export const TASKS_ENTRY = new URL('./tasks.worker.ts', import.meta.url);

/** Where a task reads from: the app's database settings (a worker opens its own client). */
export type DatabaseAddress = { url: string; authToken: string | undefined };

export const databaseAddress = (db: Pick<DatabaseAddress, 'url' | 'authToken'>): DatabaseAddress => ({
  url: db.url,
  authToken: db.authToken,
});

export type DronePlanInput = {
  facility: Facility;
  scope: AuditScope;
  config: DroneConfig;
  /** When each bin was last counted, for the "not counted since" scope. */
  lastCounted: Map<string, number | null>;
  now: number;
};

export type SimulateInput = {
  database: DatabaseAddress;
  /** Work since this time (ms) is replayed. */
  since: number;
  base: Facility;
  scenario: Facility;
  itemMoves: ItemMove[];
  options: SimulationOptions;
};

export type SimulateOutput = {
  lines: number;
  base: SimulationResult;
  scenario: SimulationResult;
  comparison: ComparisonRow[];
  saving: number;
};

export type SlottingInput = {
  database: DatabaseAddress;
  since: number;
  /** The scenario's layout; its own item moves are already applied to the work and stock. */
  facility: Facility;
  itemMoves: ItemMove[];
  maxBinMoves: number;
};

/** Ledger rows per read while loading work to replay (about 100 ms each on the demo warehouse). */
const WORK_PAGE = 10_000;

/** Clients of this thread, one per database, opened on first use and kept for the thread's life. */
const readers = new Map<string, Client>();

async function readerFor(database: DatabaseAddress): Promise<Client> {
  let reader = readers.get(database.url);
  if (reader === undefined) {
    const { openClient } = await import('../db/database.ts');
    reader = openClient(database);
    readers.set(database.url, reader);
  }
  return reader;
}

/** Walk models by layout geometry, kept by the thread so a base layout is measured once. */
let walkModels: WalkModelCache | null = null;

async function walkModelFor(facility: Facility) {
  if (walkModels === null) {
    const { WalkModelCache } = await import('../domain/layout/walk-model.ts');
    walkModels = new WalkModelCache();
  }
  return walkModels.get(facility);
}

/** The work since `since`, read in pages; progress `at` says how far along the job the reading is. */
async function readWork(database: DatabaseAddress, since: number, hooks: TaskHooks, at: number) {
  const { workMovements } = await import('../db/scenarios.repository.ts');
  const reader = await readerFor(database);
  const out: MovementRow[] = [];
  let afterId = 0;
  for (;;) {
    hooks.progress(at, `Reading the ledger (${out.length} movements)`);
    await hooks.yield();
    const page = await workMovements(reader, since, { afterId, limit: WORK_PAGE });
    for (const row of page) out.push(row);
    const last = page[page.length - 1];
    if (last === undefined || page.length < WORK_PAGE) return out;
    afterId = last.id;
  }
}

/** Replays the work against the base layout and the scenario's, and compares them. */
async function simulateScenario(input: SimulateInput, hooks: TaskHooks): Promise<SimulateOutput> {
  const { simulateWork } = await import('../domain/layout/simulate.ts');
  const { workLinesFromMovements } = await import('../domain/layout/work-lines.ts');
  const { compareResults, walkingSaving } = await import('../domain/layout/compare.ts');
  const lines = workLinesFromMovements(await readWork(input.database, input.since, hooks, 0.01));
  const step = (from: number, span: number, label: string) => async (f: number, stage: string) => {
    hooks.progress(from + span * f, `${label}: ${stage}`);
    await hooks.yield();
  };
  hooks.progress(0.03, 'Base layout: measuring walking distances');
  const base = await simulateWork(
    await walkModelFor(input.base),
    lines,
    [],
    input.options,
    step(0.03, 0.47, 'Base layout'),
  );
  hooks.progress(0.5, 'Scenario: measuring walking distances');
  await hooks.yield();
  const scenario = await simulateWork(
    await walkModelFor(input.scenario),
    lines,
    input.itemMoves,
    input.options,
    step(0.5, 0.48, 'Scenario'),
  );
  return {
    lines: lines.length,
    base,
    scenario,
    comparison: compareResults(base, scenario),
    saving: walkingSaving(base, scenario),
  };
}

/** Item-to-bin moves for the scenario's layout from the work and the stock as the scenario leaves them. */
async function suggestSlottingTask(input: SlottingInput, hooks: TaskHooks): Promise<SlottingSuggestion> {
  const { relocate } = await import('../domain/layout/simulate.ts');
  const { workLinesFromMovements } = await import('../domain/layout/work-lines.ts');
  const { suggestSlotting } = await import('../domain/layout/slotting.ts');
  const { heldStock } = await import('../db/scenarios.repository.ts');
  const { deriveBins } = await import('../../twin-models/geometry.ts');
  const movements = await readWork(input.database, input.since, hooks, 0.05);
  const held = await heldStock(await readerFor(input.database));
  const where = relocate(input.itemMoves);
  const lines = workLinesFromMovements(movements).map((l) => ({ ...l, bin: where(l.itemId, l.bin) }));
  const slots = held.map((h) => ({ itemId: h.itemId, bin: where(h.itemId, h.code) }));
  hooks.progress(0.2, 'Measuring walking distances');
  await hooks.yield();
  const model = await walkModelFor(input.facility);
  return suggestSlotting(model, deriveBins(input.facility), slots, lines, { maxBinMoves: input.maxBinMoves });
}
