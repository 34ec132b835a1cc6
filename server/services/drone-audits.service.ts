import { conflict, exhaustive, invalid, notFound } from '../../common/errors.ts';
import { deriveBins } from '../../twin-models/geometry.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import {
  binCounts,
  binStock,
  getAudit,
  insertAudit,
  insertAuditBins,
  insertAuditLines,
  lastCountedByCode,
  linesByIds,
  listAudits,
  markFlown,
  movedSince,
  occludedCodes,
  reviewLines,
  setLineReview,
  untrackedItemIds,
} from '../db/drone-audits.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import { chooseDock, replan, type StoredPlan } from '../domain/drone/audit-plan.ts';
import {
  type DroneConfig,
  type DroneConfigInput,
  definedOnly,
  resolveConfig,
} from '../domain/drone/config.ts';
import { countKey, type Decision, decide, disputedBins } from '../domain/drone/reconcile.ts';
import { type AuditScope, describeScope, selectBins } from '../domain/drone/scope.ts';
import { checkSensor, DEFAULT_SENSOR, type SensorModel, simulateReadings } from '../domain/drone/sensor.ts';
import { buildTrack } from '../domain/drone/track.ts';
import type { Tasks } from '../workers/tasks.ts';
import type { WorkerPool } from '../workers/worker-pool.ts';
import type { Clock } from './clock.ts';
import type { JobService, JobView } from './jobs.service.ts';
import { postStockOperations } from './stock-ledger.service.ts';
import type { TwinService } from './twin.service.ts';
import type { TwinDocuments } from './twin-documents.ts';

export type ReviewResult = {
  lineId: number;
  result: 'approved' | 'rejected' | 'stale' | 'already-done' | 'refused';
  message: string | null;
};

/**
 * Drone audits: plan (as a job: progress, cancel), fly in simulation, reconcile. Planning reads the
 * current layout; everything after reads the revision the audit was planned on, so a later layout
 * change cannot move an audit's bins under it.
 */
export class DroneAuditService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #twin: TwinService;
  readonly #jobs: JobService;
  readonly #workers: WorkerPool<Tasks>;
  readonly #documents: TwinDocuments;

  constructor(deps: {
    db: Database;
    writer: Writer;
    clock: Clock;
    twin: TwinService;
    jobs: JobService;
    workers: WorkerPool<Tasks>;
    documents: TwinDocuments;
  }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#twin = deps.twin;
    this.#jobs = deps.jobs;
    this.#workers = deps.workers;
    this.#documents = deps.documents;
  }

  /**
   * Checks the scope and settings at once (so a mistake is a 400 now, not a failed job later),
   * then plans in a job whose result is `{ auditId }`.
   */
  async startPlan(
    input: { scope: AuditScope; config?: DroneConfigInput | undefined; parentId?: number | undefined },
    actorId: number,
  ): Promise<JobView> {
    const current = await this.#twin.current();
    if (!current) throw notFound('No facility layout has been published yet');
    const config = resolveConfig(input.config ?? {});
    const now = this.#clock.now();
    const lastCounted =
      input.scope.kind === 'not-counted'
        ? await lastCountedByCode(this.#db.reader)
        : new Map<string, number | null>();
    const ctx = { lastCountedAt: (code: string) => lastCounted.get(code) ?? null, now };
    const facility = current.facility;
    chooseDock(facility, selectBins(facility, deriveBins(facility), input.scope, ctx), config.dockCode);
    return this.#jobs.start('drone-audit.plan', actorId, async (job) => {
      const stored = await this.#workers.run(
        'drone.plan',
        { facility, scope: input.scope, config, lastCounted, now },
        { signal: job.signal, progress: job.progress },
      );
      await job.yield();
      job.progress(0.97, 'Saving the plan');
      const auditId = await this.#writer.run((tx) =>
        this.#insertPlan(tx, {
          stored,
          scope: input.scope,
          config,
          revisionId: current.revisionId,
          parentId: input.parentId ?? null,
          actorId,
        }),
      );
      return { auditId, figures: stored.figures };
    });
  }

  async #insertPlan(
    tx: WriteTx,
    p: {
      stored: StoredPlan;
      scope: AuditScope;
      config: DroneConfig;
      revisionId: number;
      parentId: number | null;
      actorId: number;
    },
  ): Promise<number> {
    const now = this.#clock.now();
    const id = await insertAudit(tx, {
      scope: JSON.stringify(p.scope),
      label: describeScope(p.scope),
      config: JSON.stringify(p.config),
      revisionId: p.revisionId,
      plan: JSON.stringify(p.stored),
      bins: p.stored.figures.bins,
      sorties: p.stored.figures.sorties,
      distanceM: p.stored.figures.distanceM,
      flightS: p.stored.figures.flightS,
      durationS: p.stored.figures.durationS,
      parentId: p.parentId,
      createdBy: p.actorId,
      createdAt: now,
    });
    await appendAudit(tx, [
      {
        actorId: p.actorId,
        action: 'drone_audit.plan',
        entity: 'drone_audit',
        entityId: String(id),
        data: JSON.stringify({ scope: p.scope, figures: p.stored.figures, parentId: p.parentId }),
        createdAt: now,
      },
    ]);
    return id;
  }

  list(limit: number) {
    return listAudits(this.#db.reader, limit);
  }

  async #load(id: number) {
    const row = await getAudit(this.#db.reader, id);
    if (!row) throw notFound(`Drone audit ${id} does not exist`);
    return {
      row,
      scope: JSON.parse(row.scope) as AuditScope,
      config: JSON.parse(row.config) as DroneConfig,
      plan: JSON.parse(row.plan) as StoredPlan,
    };
  }

  async get(id: number) {
    const { row, scope, config, plan } = await this.#load(id);
    const [lines, counts, occluded] = await Promise.all([
      reviewLines(this.#db.reader, id),
      binCounts(this.#db.reader, id),
      occludedCodes(this.#db.reader, id),
    ]);
    return {
      id: row.id,
      status: row.status,
      label: row.label,
      scope,
      config,
      revisionId: row.revisionId,
      parentId: row.parentId,
      seed: row.seed,
      createdAt: row.createdAt,
      flownAt: row.flownAt,
      dockCode: plan.dockCode,
      figures: plan.figures,
      startingOrder: plan.startingOrder,
      optimiser: plan.optimiser,
      sorties: plan.sorties.map((s, i) => ({
        index: i,
        fromDock: s.fromDock,
        toDock: s.toDock,
        bins: s.bins.length,
        distanceM: s.distanceM,
        flightS: s.flightS,
      })),
      results: row.status === 'flown' ? counts : null,
      lines,
      occluded,
      disputed: disputedBins(lines, occluded),
    };
  }

  /** The flight in simulated time for playback: vertices with times and sortie, and scan times per bin. */
  async track(id: number) {
    const { row, config, plan } = await this.#load(id);
    const facility = await this.#documents.revision(row.revisionId);
    const { space, sorties } = replan(facility, plan, config);
    const t = buildTrack(space, sorties, config);
    const round = (v: number) => Math.round(v * 1000) / 1000;
    return {
      auditId: id,
      revisionId: row.revisionId,
      xyz: t.xyz.map(round),
      t: t.t.map(round),
      sortie: t.sortie,
      scans: t.scans.map((s) => ({ code: s.code, t: round(s.t), sortie: s.sortie })),
      durationS: t.durationS,
      sorties: plan.sorties.length,
      dock: space.dock,
    };
  }

  /** Flies the plan in simulation and stores what each bin read; discrepancies wait for review. */
  async simulate(
    id: number,
    input: { seed: number; sensor?: { [K in keyof SensorModel]?: number | undefined } | undefined },
    actorId: number,
  ): Promise<{ auditId: number; bins: number; discrepancies: number; occluded: number }> {
    const { row, config, plan } = await this.#load(id);
    if (row.status !== 'planned')
      throw conflict(`Drone audit ${id} has already been flown; plan a new one to fly again`);
    const sensor = checkSensor({ ...DEFAULT_SENSOR, ...definedOnly<SensorModel>(input.sensor ?? {}) });
    const facility = await this.#documents.revision(row.revisionId);
    const { space, sorties } = replan(facility, plan, config);
    const track = buildTrack(space, sorties, config);
    const strays = await untrackedItemIds(this.#db.reader, 50);
    const now = this.#clock.now();
    return this.#writer.run(async (tx) => {
      // Expected stock is read in the write transaction: the readings compare against one moment.
      const stock = await binStock(
        tx,
        track.scans.map((s) => s.code),
      );
      const readings = simulateReadings(
        track.scans,
        (code) => stock.get(code)?.lines ?? [],
        strays,
        sensor,
        input.seed,
      );
      const bins: { locationId: number; seq: number; scannedAtS: number; status: 'read' | 'occluded' }[] = [];
      const lines: Parameters<typeof insertAuditLines>[2][number][] = [];
      readings.forEach((r, seq) => {
        const at = stock.get(r.code);
        if (at === undefined) return; // retired since planning: nothing to compare against
        bins.push({ locationId: at.locationId, seq, scannedAtS: r.t, status: r.status });
        for (const l of r.lines) {
          lines.push({ ...l, locationId: at.locationId, review: l.outcome === 'found' ? 'none' : 'pending' });
        }
      });
      if (
        !(await markFlown(tx, id, {
          seed: input.seed,
          sensor: JSON.stringify(sensor),
          flownBy: actorId,
          flownAt: now,
        }))
      ) {
        throw conflict(`Drone audit ${id} has already been flown`);
      }
      await insertAuditBins(tx, id, bins);
      await insertAuditLines(tx, id, lines);
      const discrepancies = lines.filter((l) => l.review === 'pending').length;
      const occluded = bins.filter((b) => b.status === 'occluded').length;
      await appendAudit(tx, [
        {
          actorId,
          action: 'drone_audit.fly',
          entity: 'drone_audit',
          entityId: String(id),
          data: JSON.stringify({ seed: input.seed, sensor, bins: bins.length, discrepancies, occluded }),
          createdAt: now,
        },
      ]);
      return { auditId: id, bins: bins.length, discrepancies, occluded };
    });
  }

  /**
   * Applies a planner's decisions. Approved lines post a `count` of what was read, keyed by
   * (audit, bin, item, lot), so a repeated submission writes nothing more; see domain/drone/reconcile.ts
   * for why a line whose stock moved since the flight is refused as stale.
   */
  async review(
    id: number,
    decisions: readonly { lineId: number; decision: Decision }[],
    actorId: number,
  ): Promise<ReviewResult[]> {
    const { row } = await this.#load(id);
    if (row.status !== 'flown' || row.flownAt === null)
      throw conflict(`Drone audit ${id} has not been flown yet`);
    const flownAt = row.flownAt;
    const ids = [...new Set(decisions.map((d) => d.lineId))];
    if (ids.length !== decisions.length) throw invalid('Each line may be decided once per submission');
    const now = this.#clock.now();
    return this.#writer.run(async (tx) => {
      const lines = new Map((await linesByIds(tx, id, ids)).map((l) => [l.id, l]));
      const missing = ids.filter((i) => !lines.has(i));
      if (missing.length > 0)
        throw notFound(`Line(s) ${missing.join(', ')} are not part of drone audit ${id}`);
      const out: ReviewResult[] = [];
      for (const d of decisions) {
        const line = lines.get(d.lineId);
        if (!line) continue;
        const what = `${line.code} ${line.sku}${line.lot ? ` lot ${line.lot}` : ''}`;
        const moved =
          line.review === 'pending' && d.decision === 'approve' ? await movedSince(tx, line, flownAt) : false;
        const step = decide(line.review, d.decision, moved, what);
        const mark = (review: 'approved' | 'rejected' | 'stale', movementId: number | null) =>
          setLineReview(tx, line.id, { review, decidedBy: actorId, decidedAt: now, movementId });
        switch (step) {
          case 'already-done':
            out.push({ lineId: line.id, result: 'already-done', message: null });
            break;
          case 'mark-rejected':
            await mark('rejected', null);
            out.push({ lineId: line.id, result: 'rejected', message: null });
            break;
          case 'mark-stale':
            await mark('stale', null);
            out.push({
              lineId: line.id,
              result: 'stale',
              message: `Stock of ${line.sku} in ${line.code} moved after the scan; re-fly the bin`,
            });
            break;
          case 'post-count': {
            const [outcome] = await postStockOperations(
              tx,
              [
                {
                  op: {
                    kind: 'count',
                    itemId: line.itemId,
                    locationId: line.locationId,
                    countedQty: line.readQty,
                    lot: line.lot === '' ? undefined : line.lot,
                    reason: `Drone audit ${id}`,
                    refType: 'drone_audit',
                    refId: id,
                  },
                  actorId,
                  idempotencyKey: countKey(id, line.locationId, line.itemId, line.lot),
                },
              ],
              now,
            );
            if (!outcome?.ok) {
              out.push({ lineId: line.id, result: 'refused', message: outcome?.error.message ?? 'refused' });
              break;
            }
            await mark('approved', outcome.value.movementIds[0] ?? null);
            out.push({ lineId: line.id, result: 'approved', message: null });
            break;
          }
          default:
            exhaustive(step);
        }
      }
      await appendAudit(tx, [
        {
          actorId,
          action: 'drone_audit.review',
          entity: 'drone_audit',
          entityId: String(id),
          data: JSON.stringify(out.map((o) => ({ lineId: o.lineId, result: o.result }))),
          createdAt: now,
        },
      ]);
      return out;
    });
  }

  /** Plans a new small audit of the bins that were disputed, went stale or could not be read. */
  async refly(id: number, actorId: number): Promise<JobView> {
    const detail = await this.get(id);
    if (detail.disputed.length === 0) throw conflict(`Drone audit ${id} has no disputed bins to fly again`);
    return this.startPlan(
      { scope: { kind: 'bins', codes: detail.disputed }, config: detail.config, parentId: id },
      actorId,
    );
  }
}
