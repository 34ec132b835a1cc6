import { conflict, exhaustive, invalid, notFound } from '../../common/errors.ts';
import { applyEdits, type ItemMove, type LayoutEdit, LayoutEditsSchema } from '../../common/layout/edits.ts';
import type { SimulationResult } from '../../common/layout/simulation-result.ts';
import { DEFAULT_LAYOUT_RULES, type LayoutRules } from '../../common/layout/validate.ts';
import { loadFacility } from '../../twin-models/load.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import {
  currentRevisionId,
  deleteScenario,
  type HeldStock,
  heldStock,
  insertScenario,
  insertTransfers,
  itemsExist,
  listScenarios,
  locationIds,
  markApplied,
  resultFor,
  type ScenarioRow,
  saveResult,
  scenarioById,
  type TransferRow,
  transfersFor,
  updateScenario,
} from '../db/scenarios.repository.ts';
import type { Writer } from '../db/writer.ts';
import type { ComparisonRow } from '../domain/layout/compare.ts';
import { DEFAULT_SIMULATION } from '../domain/layout/simulate.ts';
import { strandedLocations, twinLocations } from '../domain/twin-locations.ts';
import { databaseAddress, type Tasks } from '../workers/tasks.ts';
import type { WorkerPool } from '../workers/worker-pool.ts';
import type { Clock } from './clock.ts';
import type { JobService, JobView } from './jobs.service.ts';
import { writeRevision } from './twin.service.ts';
import type { TwinDocuments } from './twin-documents.ts';
import { insertWorkOrder } from './work-orders.service.ts';

const DAY_MS = 86_400_000;
/** Work-order descriptions list this many transfers; the full list is in relocation_transfers. */
const DESCRIPTION_TRANSFERS = 200;

export type ScenarioSimulation = {
  seed: number;
  days: number;
  lines: number;
  base: SimulationResult;
  scenario: SimulationResult;
  comparison: ComparisonRow[];
  /** Fraction of pick-list walking the scenario saves over the base. */
  saving: number;
  createdAt: number;
};

export type SlottingOutcome = {
  binMoves: number;
  itemMoves: number;
  estimatedSaving: number;
  estimateBeforeM: number;
  estimateAfterM: number;
};

/**
 * Planner scenarios: a base twin revision plus edits, stored with author and notes. Simulation and
 * slotting run as jobs, their computing in a worker thread, and only read; nothing here writes to
 * the live twin or the ledger until a planner applies a scenario, which is one transaction: new
 * revision, locations in line, relocation work order with its transfers, scenario marked applied.
 */
export class ScenarioService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #jobs: JobService;
  readonly #workers: WorkerPool<Tasks>;
  readonly #rules: LayoutRules;
  readonly #documents: TwinDocuments;

  constructor(deps: {
    db: Database;
    writer: Writer;
    clock: Clock;
    jobs: JobService;
    workers: WorkerPool<Tasks>;
    documents: TwinDocuments;
    rules?: LayoutRules;
  }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#jobs = deps.jobs;
    this.#workers = deps.workers;
    this.#documents = deps.documents;
    this.#rules = deps.rules ?? DEFAULT_LAYOUT_RULES;
  }

  get rules(): LayoutRules {
    return this.#rules;
  }

  async list() {
    const rows = await listScenarios(this.#db.reader);
    return rows.map(({ edits, ...row }) => ({ ...row, editCount: this.#parseEdits(edits).length }));
  }

  async get(id: number) {
    const row = await this.#row(id);
    const [base, current, result, transfers] = await Promise.all([
      this.#documents.revision(row.baseRevisionId),
      currentRevisionId(this.#db.reader),
      resultFor(this.#db.reader, id),
      transfersFor(this.#db.reader, id),
    ]);
    const { edits, ...rest } = row;
    return {
      ...rest,
      edits: this.#parseEdits(edits),
      base,
      baseIsCurrent: current === row.baseRevisionId,
      rules: this.#rules,
      simulation: result === null ? null : (JSON.parse(result.result) as ScenarioSimulation),
      transfers,
    };
  }

  async create(input: { name: string; notes: string }, actorId: number): Promise<number> {
    const now = this.#clock.now();
    return this.#writer.run(async (tx) => {
      const baseRevisionId = await currentRevisionId(tx);
      if (baseRevisionId === null)
        throw conflict('No facility layout has been published yet, so there is nothing to plan from');
      const id = await insertScenario(tx, { ...input, baseRevisionId, actorId, now });
      await appendAudit(tx, [
        {
          actorId,
          action: 'scenario.create',
          entity: 'scenario',
          entityId: String(id),
          data: JSON.stringify({ name: input.name, baseRevisionId }),
          createdAt: now,
        },
      ]);
      return id;
    });
  }

  /** Replaces name, notes and the edit list; refused, with the reasons, if any edit is invalid. */
  async update(
    id: number,
    input: { name: string; notes: string; edits: readonly LayoutEdit[] },
    actorId: number,
    /** The stored edit list this update was computed from; if it has changed since, the update is refused. */
    basedOn?: string,
  ): Promise<{ editCount: number }> {
    const row = await this.#row(id);
    if (row.status !== 'draft') throw conflict(`Scenario ${id} has been applied and can no longer change`);
    const base = await this.#documents.revision(row.baseRevisionId);
    const outcome = applyEdits(base, input.edits, this.#rules);
    if (!outcome.ok) {
      throw invalid(
        `Edit ${outcome.index + 1} (${outcome.edit.kind}) was refused: ${outcome.reasons.join('; ')}`,
        {
          index: outcome.index,
          reasons: outcome.reasons,
        },
      );
    }
    await this.#checkItemMoves(outcome.itemMoves);
    const now = this.#clock.now();
    await this.#writer.run(async (tx) => {
      const current = await draftInside(tx, id, 'can no longer change');
      if (basedOn !== undefined && current.edits !== basedOn)
        throw conflict(`Scenario ${id} was edited while this was computed; run it again`);
      await updateScenario(tx, id, { ...input, edits: JSON.stringify(input.edits), now });
      await appendAudit(tx, [
        {
          actorId,
          action: 'scenario.update',
          entity: 'scenario',
          entityId: String(id),
          data: JSON.stringify({ edits: input.edits.length }),
          createdAt: now,
        },
      ]);
    });
    return { editCount: input.edits.length };
  }

  async remove(id: number, actorId: number): Promise<void> {
    const row = await this.#row(id);
    if (row.status !== 'draft') throw conflict(`Scenario ${id} has been applied; it stays as a record`);
    const now = this.#clock.now();
    await this.#writer.run(async (tx) => {
      await draftInside(tx, id, 'stays as a record');
      await deleteScenario(tx, id);
      await appendAudit(tx, [
        {
          actorId,
          action: 'scenario.delete',
          entity: 'scenario',
          entityId: String(id),
          data: '{}',
          createdAt: now,
        },
      ]);
    });
  }

  /** Starts a job that replays the last `days` days against the base and the scenario. */
  async simulate(id: number, input: { days: number; seed: number }, actorId: number): Promise<JobView> {
    const row = await this.#row(id);
    const base = await this.#documents.revision(row.baseRevisionId);
    const outcome = applyEdits(base, this.#parseEdits(row.edits), this.#rules);
    if (!outcome.ok) throw conflict(`This scenario no longer applies: ${outcome.reasons.join('; ')}`);
    return this.#jobs.start('layout.simulate', actorId, async (ctx) => {
      const now = this.#clock.now();
      const replayed = await this.#workers.run(
        'layout.simulate',
        {
          database: databaseAddress(this.#db),
          since: now - input.days * DAY_MS,
          base,
          scenario: outcome.facility,
          itemMoves: outcome.itemMoves,
          options: { ...DEFAULT_SIMULATION, seed: input.seed },
        },
        { signal: ctx.signal, progress: ctx.progress },
      );
      const simulation: ScenarioSimulation = {
        seed: input.seed,
        days: input.days,
        ...replayed,
        createdAt: now,
      };
      await this.#writer.run((tx) =>
        saveResult(tx, {
          scenarioId: id,
          seed: input.seed,
          days: input.days,
          result: JSON.stringify(simulation),
          now,
        }),
      );
      return simulation;
    });
  }

  /**
   * Starts a job that suggests item-to-bin moves for the scenario's layout from the last `days`
   * days of picks and appends them to the scenario as item moves.
   */
  async suggestSlotting(
    id: number,
    input: { days: number; maxBinMoves: number },
    actorId: number,
  ): Promise<JobView> {
    const row = await this.#row(id);
    if (row.status !== 'draft') throw conflict(`Scenario ${id} has been applied and can no longer change`);
    const base = await this.#documents.revision(row.baseRevisionId);
    const edits = this.#parseEdits(row.edits);
    const outcome = applyEdits(base, edits, this.#rules);
    if (!outcome.ok) throw conflict(`This scenario no longer applies: ${outcome.reasons.join('; ')}`);
    return this.#jobs.start('layout.slotting', actorId, async (ctx): Promise<SlottingOutcome> => {
      const now = this.#clock.now();
      const suggestion = await this.#workers.run(
        'layout.slotting',
        {
          database: databaseAddress(this.#db),
          since: now - input.days * DAY_MS,
          facility: outcome.facility,
          itemMoves: outcome.itemMoves,
          maxBinMoves: input.maxBinMoves,
        },
        { signal: ctx.signal, progress: ctx.progress },
      );
      ctx.progress(0.9, 'Adding the moves to the scenario');
      const next: LayoutEdit[] = [
        ...edits,
        ...suggestion.moves.map((m) => ({ kind: 'moveItem' as const, ...m })),
      ];
      await this.update(id, { name: row.name, notes: row.notes, edits: next }, actorId, row.edits);
      return {
        binMoves: suggestion.binMoves,
        itemMoves: suggestion.moves.length,
        estimatedSaving: suggestion.estimatedSaving,
        estimateBeforeM: suggestion.estimateBeforeM,
        estimateAfterM: suggestion.estimateAfterM,
      };
    });
  }

  /**
   * Publishes the scenario's layout as a new revision and creates the relocation work order, in one
   * writer transaction. Refused if the live layout moved on since the scenario was made, or if a
   * bin that holds stock would disappear without all of its stock being moved out by the scenario.
   */
  async apply(
    id: number,
    actorId: number,
  ): Promise<{ revisionId: number; workOrderId: number; transfers: number }> {
    const row = await this.#row(id);
    if (row.status !== 'draft') throw conflict(`Scenario ${id} has already been applied`);
    const base = await this.#documents.revision(row.baseRevisionId);
    const outcome = applyEdits(base, this.#parseEdits(row.edits), this.#rules);
    if (!outcome.ok) throw conflict(`This scenario no longer applies: ${outcome.reasons.join('; ')}`);
    const facility = outcome.facility;
    const loaded = loadFacility(facility);
    if (!loaded.ok)
      throw invalid(`The scenario's layout is not valid: ${loaded.errors.slice(0, 5).join('; ')}`);
    const next = twinLocations(facility);
    const now = this.#clock.now();
    return this.#writer.run(async (tx) => {
      const current = await currentRevisionId(tx);
      if (current !== row.baseRevisionId)
        throw conflict(
          `The live layout has changed since this scenario was started (it was revision ${row.baseRevisionId}, now ${current ?? 'none'}); start a new scenario from the current layout`,
        );
      const held = await heldStock(tx);
      const plan = transferPlan(held, outcome.itemMoves);
      const revisionId = await writeRevision(tx, {
        facility,
        locations: next,
        note: `Scenario ${id}: ${row.name}`,
        actorId,
        now,
      });
      // Decided after the writes, inside the same transaction: a refusal here rolls every one of
      // them back, which is what keeps an apply all-or-nothing.
      const stranded = strandedLocations(heldByCode(held, plan.emptied), next);
      if (stranded.length > 0) {
        const shown = stranded.slice(0, 20).join(', ');
        throw conflict(
          `Applying this scenario would remove ${stranded.length} bin(s) that still hold or reserve stock with no move planned for all of it: ${shown}${stranded.length > 20 ? ', …' : ''}. Add item moves for that stock first.`,
          { bins: stranded },
        );
      }
      const ids = await locationIds(
        tx,
        plan.transfers.flatMap((t) => [t.from, t.to]),
      );
      const rows: TransferRow[] = plan.transfers.map((t) => ({
        itemId: t.itemId,
        lot: t.lot,
        qty: t.qty,
        fromLocationId: ids.get(t.from) ?? 0,
        toLocationId: ids.get(t.to) ?? 0,
      }));
      const workOrderId = await insertWorkOrder(tx, {
        title: `Relocation for layout scenario "${row.name}"`,
        description: relocationText(this.#parseEdits(row.edits), plan.transfers),
        planId: null,
        priority: 'medium',
        actorId,
        now,
      });
      await insertTransfers(tx, id, workOrderId, rows);
      await markApplied(tx, id, { revisionId, workOrderId, now });
      await appendAudit(tx, [
        {
          actorId,
          action: 'scenario.apply',
          entity: 'scenario',
          entityId: String(id),
          data: JSON.stringify({ revisionId, workOrderId, transfers: rows.length }),
          createdAt: now,
        },
      ]);
      return { revisionId, workOrderId, transfers: rows.length };
    });
  }

  async #row(id: number): Promise<ScenarioRow> {
    const row = await scenarioById(this.#db.reader, id);
    if (row === null) throw notFound(`Scenario ${id} does not exist`);
    return row;
  }

  #parseEdits(text: string): LayoutEdit[] {
    const parsed = LayoutEditsSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('stored scenario edits are not valid');
    return parsed.data;
  }

  async #checkItemMoves(moves: readonly ItemMove[]): Promise<void> {
    if (moves.length === 0) return;
    const ids = [...new Set(moves.map((m) => m.itemId))];
    const known = await itemsExist(this.#db.reader, ids);
    const missing = ids.filter((i) => !known.has(i));
    if (missing.length > 0) throw invalid(`No item with id ${missing.slice(0, 10).join(', ')}`);
  }
}

type PlannedTransfer = { itemId: number; sku: string; lot: string; qty: number; from: string; to: string };

/**
 * The stock transfers that carry out the scenario's item moves (what is on hand and not reserved),
 * and the bins they leave empty.
 */
function transferPlan(
  held: readonly HeldStock[],
  moves: readonly ItemMove[],
): { transfers: PlannedTransfer[]; emptied: Set<string> } {
  const target = new Map(moves.map((m) => [`${m.itemId}|${m.fromBin}`, m.toBin]));
  const transfers: PlannedTransfer[] = [];
  const leftBehind = new Set<string>();
  for (const h of held) {
    const to = target.get(`${h.itemId}|${h.code}`);
    const movable = h.onHand - h.reserved;
    if (to !== undefined && movable > 0)
      transfers.push({ itemId: h.itemId, sku: h.sku, lot: h.lot, qty: movable, from: h.code, to });
    if (to === undefined || h.reserved > 0) leftBehind.add(h.code);
  }
  const emptied = new Set(held.map((h) => h.code).filter((c) => !leftBehind.has(c)));
  return { transfers, emptied };
}

/** Held stock per bin, leaving out bins whose stock is all planned to move out. */
function heldByCode(held: readonly HeldStock[], emptied: ReadonlySet<string>) {
  const sums = new Map<string, number>();
  for (const h of held) {
    if (emptied.has(h.code)) continue;
    sums.set(h.code, (sums.get(h.code) ?? 0) + h.onHand + h.reserved);
  }
  return [...sums].map(([code, sum]) => ({ code, held: sum }));
}

function relocationText(edits: readonly LayoutEdit[], transfers: readonly PlannedTransfer[]): string {
  const layout = edits.filter((e) => e.kind !== 'moveItem');
  const lines: string[] = [];
  if (layout.length > 0) {
    lines.push(`Layout changes (${layout.length}):`);
    for (const e of layout) lines.push(`- ${describeEdit(e)}`);
    lines.push('');
  }
  lines.push(`Stock transfers (${transfers.length}): item, lot, quantity, from bin → to bin`);
  for (const t of transfers.slice(0, DESCRIPTION_TRANSFERS))
    lines.push(`- ${t.sku}${t.lot ? ` lot ${t.lot}` : ''}: ${t.qty} from ${t.from} → ${t.to}`);
  if (transfers.length > DESCRIPTION_TRANSFERS)
    lines.push(`…and ${transfers.length - DESCRIPTION_TRANSFERS} more (see the scenario's relocation list)`);
  return lines.join('\n');
}

function describeEdit(e: LayoutEdit): string {
  switch (e.kind) {
    case 'moveRack':
      return `move rack ${e.rackId} to x ${e.x.toFixed(2)}, z ${e.z.toFixed(2)}`;
    case 'rotateRack':
      return `turn rack ${e.rackId} to ${Math.round((e.rotationY * 180) / Math.PI)}°`;
    case 'addRack':
      return `add rack ${e.rack.id} (aisle ${e.rack.aisle}, ${e.rack.bays} bays)`;
    case 'removeRack':
      return `remove rack ${e.rackId}`;
    case 'setAisleWidth':
      return `make ${e.aisleId} ${e.width.toFixed(2)} m wide`;
    case 'moveItem':
      return `move item ${e.itemId} from ${e.fromBin} to ${e.toBin}`;
    default:
      return exhaustive(e);
  }
}

/**
 * Re-reads the scenario inside the writer transaction: the check before it ran on the reader, and a
 * publish queued in between must not be followed by an edit or a delete of the applied record.
 */
async function draftInside(tx: Executor, id: number, refusal: string): Promise<ScenarioRow> {
  const row = await scenarioById(tx, id);
  if (row === null) throw notFound(`Scenario ${id} does not exist`);
  if (row.status !== 'draft') throw conflict(`Scenario ${id} has been applied; it ${refusal}`);
  return row;
}
