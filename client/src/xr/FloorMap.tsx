/**
 * The 2-D floor plan for guidance without AR (and beside it): racks, walls and markers from the
 * layout, the route, the target and where the user is. SVG in metres (1 unit = 1 m), drawn once per
 * layout; only the route and the dots change.
 */
import { useMemo } from 'react';
import { rackCorners, wallCorners } from '../../../twin-models/geometry.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import type { RoutePoint } from '../twin/store.ts';

type Props = {
  facility: Facility;
  floorId: string;
  route: readonly RoutePoint[] | null;
  target: RoutePoint | null;
  you: RoutePoint | null;
  nextTurn: RoutePoint | null;
};

const poly = (q: readonly { x: number; z: number }[]) =>
  q.map((p) => `${p.x.toFixed(2)},${p.z.toFixed(2)}`).join(' ');

export function FloorMap({ facility, floorId, route, target, you, nextTurn }: Props) {
  const floor = facility.floors.find((f) => f.id === floorId) ?? facility.floors[0];
  const plan = useMemo(
    () => ({
      racks: facility.racks
        .filter((r) => r.floorId === floorId)
        .map((r) => ({ id: r.id, q: poly(rackCorners(r)) })),
      walls: facility.walls
        .filter((w) => w.floorId === floorId)
        .map((w) => ({ id: w.id, q: poly(wallCorners(w)) })),
      markers: facility.markers
        .filter((m) => m.floorId === floorId)
        .map((m) => ({ code: m.code, x: m.pose.position.x, z: m.pose.position.z })),
    }),
    [facility, floorId],
  );
  if (floor === undefined) return null;
  return (
    <svg
      className="guide-map"
      viewBox={`-1 -1 ${floor.width + 2} ${floor.depth + 2}`}
      role="img"
      aria-label={`Floor plan of ${floor.name} with the route`}
      data-testid="guide-map"
    >
      <rect x={0} y={0} width={floor.width} height={floor.depth} className="guide-map__floor" />
      {plan.walls.map((w) => (
        <polygon key={w.id} points={w.q} className="guide-map__wall" />
      ))}
      {plan.racks.map((r) => (
        <polygon key={r.id} points={r.q} className="guide-map__rack" />
      ))}
      {plan.markers.map((m) => (
        <rect key={m.code} x={m.x - 0.3} y={m.z - 0.3} width={0.6} height={0.6} className="guide-map__marker">
          <title>Marker {m.code}</title>
        </rect>
      ))}
      {route && route.length > 1 ? (
        <polyline points={poly(route)} className="guide-map__route" data-testid="guide-map-route" />
      ) : null}
      {nextTurn ? <circle cx={nextTurn.x} cy={nextTurn.z} r={0.7} className="guide-map__turn" /> : null}
      {target ? <circle cx={target.x} cy={target.z} r={0.9} className="guide-map__target" /> : null}
      {you ? (
        <circle cx={you.x} cy={you.z} r={0.7} className="guide-map__you" data-testid="guide-map-you" />
      ) : null}
    </svg>
  );
}
