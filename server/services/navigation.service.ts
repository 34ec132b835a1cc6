import { invalid, notFound } from '../../common/errors.ts';
import { isManualKind, kindLabel } from '../../common/masters/location.ts';
import { locationByCode } from '../db/catalog.repository.ts';
import type { Database } from '../db/database.ts';
import type { MultiStopResult } from '../domain/navigation/multi-stop.ts';
import { orderStops } from '../domain/navigation/multi-stop.ts';
import { type Navigator, navigatorFromData } from '../domain/navigation/navmesh.ts';
import type { RouteResult } from '../domain/navigation/route.ts';
import type { AssetWhereabouts, Target } from '../domain/navigation/targets.ts';
import type { Tasks } from '../workers/tasks.ts';
import type { WorkerPool } from '../workers/worker-pool.ts';
import type { EventBus } from './event-bus.ts';
import type { TwinService } from './twin.service.ts';

/** A dock is where goods come in and a natural start; people name it by its code. */
export type RouteTarget = Target | { kind: 'dock'; code: string };

/** Where the register says an asset is, by tag, for assets kept at a bin or in a zone. */
export type AssetLookup = (tag: string) => Promise<AssetWhereabouts | null>;

/**
 * Routes over the current twin. The navmesh is built once per revision, started as soon as a layout
 * is published (or at start) rather than on a user's request, and cached; the previous revision's
 * navmesh is freed when a new one is ready. The build (about a second for 50,000 bins) runs in a
 * worker thread, which hands back recast's export of the navmesh and the gate graph; routes are
 * answered here, on the main thread, from the imported copy (a few ms to import, no round trip per
 * route).
 */
export class NavigationService {
  readonly #db: Database;
  readonly #twin: TwinService;
  readonly #assets: AssetLookup;
  readonly #workers: WorkerPool<Tasks>;
  #built: { revisionId: number; navigator: Promise<Navigator> } | null = null;

  constructor(deps: {
    db: Database;
    twin: TwinService;
    events: EventBus;
    workers: WorkerPool<Tasks>;
    assets: AssetLookup;
  }) {
    this.#db = deps.db;
    this.#twin = deps.twin;
    this.#assets = deps.assets;
    this.#workers = deps.workers;
    deps.events.listen((event) => {
      if (event.type === 'twin' || event.type === 'resync') void this.warm().catch(() => undefined);
    });
  }

  /** Starts building the current revision's navmesh; resolves when it is ready. */
  async warm(): Promise<void> {
    await this.#navigator();
  }

  async route(from: RouteTarget, to: RouteTarget): Promise<RouteResult> {
    const { navigator, facility } = await this.#navigator();
    const [a, b] = [await this.#placed(from), await this.#placed(to)];
    if (!a.ok) return { ok: false, reason: a.reason };
    if (!b.ok) return { ok: false, reason: b.reason };
    const [ta, tb] = await Promise.all([this.#target(facility, a.target), this.#target(facility, b.target)]);
    return navigator.route(ta, tb);
  }

  async multiStop(start: RouteTarget, stops: RouteTarget[]): Promise<MultiStopResult> {
    const { navigator, facility } = await this.#navigator();
    const targets: Target[] = [];
    for (const t of [start, ...stops]) {
      const placed = await this.#placed(t);
      if (!placed.ok) throw invalid(placed.reason);
      targets.push(await this.#target(facility, placed.target));
    }
    const [first, ...rest] = targets;
    if (first === undefined) throw new Error('multiStop: no start');
    return orderStops(navigator, first, rest);
  }

  /** An asset the twin does not place may still be kept at a bin or stand in a zone: the register says. */
  async #target(facility: Parameters<typeof asTarget>[0], t: RouteTarget): Promise<Target> {
    if (t.kind !== 'asset') return asTarget(facility, t);
    const known = await this.#assets(t.id);
    return known === null ? t : { ...t, known };
  }

  /**
   * A "bin" code may name a hand-kept location (a cabinet, a room): those are reached at the point
   * they stand on, and one with no place in the twin (a van) cannot be walked to.
   */
  async #placed(t: RouteTarget): Promise<{ ok: true; target: RouteTarget } | { ok: false; reason: string }> {
    if (t.kind !== 'bin') return { ok: true, target: t };
    const location = await locationByCode(this.#db.reader, t.code);
    if (location === null || !isManualKind(location.kind)) return { ok: true, target: t };
    const label = `${kindLabel(location.kind)} ${location.code}${location.name ? ` (${location.name})` : ''}`;
    if (location.x === null || location.z === null)
      return { ok: false, reason: `${label} is not placed in the twin, so there is no route to it` };
    return { ok: true, target: { kind: 'point', x: location.x, z: location.z, label } };
  }

  async #navigator() {
    const current = await this.#twin.current();
    if (!current)
      throw notFound('No facility layout has been published yet, so there is nothing to route over');
    if (this.#built?.revisionId !== current.revisionId) {
      const previous = this.#built;
      const facility = current.facility;
      // Interactive: technicians wait for it, so it goes ahead of queued jobs.
      const navigator = this.#workers
        .run('navmesh.build', { facility }, { priority: 'interactive' })
        .then((data) => navigatorFromData(facility, data));
      this.#built = { revisionId: current.revisionId, navigator };
      void previous?.navigator.then((n) => n.dispose()).catch(() => undefined);
    }
    return { navigator: await this.#built.navigator, facility: current.facility };
  }
}

function asTarget(
  facility: { docks: { code: string; footprint: { x: number; z: number } }[] },
  t: RouteTarget,
): Target {
  if (t.kind !== 'dock') return t;
  const dock = facility.docks.find((d) => d.code === t.code);
  if (!dock) throw notFound(`There is no dock ${t.code}`);
  return { kind: 'point', x: dock.footprint.x, z: dock.footprint.z };
}
