import { notFound } from '../../common/errors.ts';
import type { MultiStopResult } from '../domain/navigation/multi-stop.ts';
import { orderStops } from '../domain/navigation/multi-stop.ts';
import { buildNavigator, type Navigator } from '../domain/navigation/navmesh.ts';
import type { RouteResult } from '../domain/navigation/route.ts';
import type { AssetWhereabouts, Target } from '../domain/navigation/targets.ts';
import type { EventBus } from './event-bus.ts';
import type { TwinService } from './twin.service.ts';

/** A dock is where goods come in and a natural start; people name it by its code. */
export type RouteTarget = Target | { kind: 'dock'; code: string };

/** Where the register says an asset is, by tag, for assets kept at a bin or in a zone. */
export type AssetLookup = (tag: string) => Promise<AssetWhereabouts | null>;

/**
 * Routes over the current twin. The navmesh is built once per revision, started as soon as a layout
 * is published (or at start) rather than on a user's request, and cached; the previous revision's
 * navmesh is freed when a new one is ready.
 */
export class NavigationService {
  readonly #twin: TwinService;
  readonly #assets: AssetLookup;
  #built: { revisionId: number; navigator: Promise<Navigator> } | null = null;

  constructor(deps: { twin: TwinService; events: EventBus; assets: AssetLookup }) {
    this.#twin = deps.twin;
    this.#assets = deps.assets;
    deps.events.listen((event) => {
      if (event.type === 'twin') void this.warm().catch(() => undefined);
    });
  }

  /** Starts building the current revision's navmesh; resolves when it is ready. */
  async warm(): Promise<void> {
    await this.#navigator();
  }

  async route(from: RouteTarget, to: RouteTarget): Promise<RouteResult> {
    const { navigator, facility } = await this.#navigator();
    const [a, b] = await Promise.all([this.#target(facility, from), this.#target(facility, to)]);
    return navigator.route(a, b);
  }

  async multiStop(start: RouteTarget, stops: RouteTarget[]): Promise<MultiStopResult> {
    const { navigator, facility } = await this.#navigator();
    const [first, ...rest] = await Promise.all([start, ...stops].map((t) => this.#target(facility, t)));
    if (first === undefined) throw new Error('multiStop: no start');
    return orderStops(navigator, first, rest);
  }

  /** An asset the twin does not place may still be kept at a bin or stand in a zone: the register says. */
  async #target(facility: Parameters<typeof asTarget>[0], t: RouteTarget): Promise<Target> {
    if (t.kind !== 'asset') return asTarget(facility, t);
    const known = await this.#assets(t.id);
    return known === null ? t : { ...t, known };
  }

  async #navigator() {
    const current = await this.#twin.current();
    if (!current)
      throw notFound('No facility layout has been published yet, so there is nothing to route over');
    if (this.#built?.revisionId !== current.revisionId) {
      const previous = this.#built;
      this.#built = { revisionId: current.revisionId, navigator: buildNavigator(current.facility) };
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
