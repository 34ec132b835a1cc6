/**
 * A scenario's edits to a base layout, and the layout they produce. Edits are absolute (a rack's new
 * centre, its new heading), so replaying a list is order-independent per rack and undo is just
 * dropping the last edit. Pure: the client applies the same functions as the server, so an edit is
 * refused in the 3D view for the same reason the server would refuse it.
 */
import { z } from 'zod';
import { rackBinCodes, rackCorners, rackLength, rotateY } from '../../twin-models/geometry.ts';
import { type Facility, type Rack, RackSchema } from '../../twin-models/schema.ts';
import { exhaustive } from '../errors.ts';
import { type LayoutProblem, type LayoutRules, layoutProblems } from './validate.ts';

const code = z.string().trim().min(1).max(40);
const rackId = z.string().trim().min(1).max(100);
const metres = z.number().min(-10_000).max(10_000);

export const LayoutEditSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('moveRack'), rackId, x: metres, z: metres }),
  z.strictObject({
    kind: z.literal('rotateRack'),
    rackId,
    rotationY: z
      .number()
      .min(-4 * Math.PI)
      .max(4 * Math.PI),
  }),
  z.strictObject({ kind: z.literal('addRack'), rack: RackSchema }),
  z.strictObject({ kind: z.literal('removeRack'), rackId }),
  z.strictObject({ kind: z.literal('setAisleWidth'), aisleId: rackId, width: z.number().gt(0).max(50) }),
  z.strictObject({
    kind: z.literal('moveItem'),
    itemId: z.number().int().positive(),
    fromBin: code,
    toBin: code,
  }),
]);
export const LayoutEditsSchema = z.array(LayoutEditSchema).max(5000);

export type LayoutEdit = z.output<typeof LayoutEditSchema>;
export type ItemMove = { itemId: number; fromBin: string; toBin: string };

export type EditOutcome =
  | { ok: true; facility: Facility; itemMoves: ItemMove[] }
  | { ok: false; index: number; edit: LayoutEdit; reasons: string[] };

/** Centre of a rack's footprint on the floor. */
export function rackCentre(rack: Rack): { x: number; z: number } {
  const q = rackCorners(rack);
  return { x: (q[0].x + q[2].x) / 2, z: (q[0].z + q[2].z) / 2 };
}

/** The rack with its origin moved so its footprint centre is at (x, z) with heading rotationY. */
function placeRack(rack: Rack, x: number, z: number, rotationY: number): Rack {
  const side = rack.face === 'right' ? 1 : -1;
  const local = rotateY(rackLength(rack) / 2, (side * rack.depth) / 2, rotationY);
  return {
    ...rack,
    origin: {
      position: { ...rack.origin.position, x: round(x - local.x), z: round(z - local.z) },
      rotationY,
    },
  };
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Applies one layout edit (not an item move) to a copy-on-write facility; throws a reason string. */
function applyOne(f: Facility, e: Exclude<LayoutEdit, { kind: 'moveItem' }>): Facility {
  const rackAt = (id: string): number => {
    const i = f.racks.findIndex((r) => r.id === id);
    if (i < 0) throw new EditRefused(`there is no rack ${id}`);
    return i;
  };
  const withRack = (i: number, rack: Rack): Facility => ({
    ...f,
    racks: f.racks.map((r, k) => (k === i ? rack : r)),
  });
  switch (e.kind) {
    case 'moveRack': {
      const i = rackAt(e.rackId);
      const rack = f.racks[i] as Rack;
      return withRack(i, placeRack(rack, e.x, e.z, rack.origin.rotationY));
    }
    case 'rotateRack': {
      const i = rackAt(e.rackId);
      const rack = f.racks[i] as Rack;
      const c = rackCentre(rack);
      return withRack(i, placeRack(rack, c.x, c.z, e.rotationY));
    }
    case 'addRack': {
      if (f.racks.some((r) => r.id === e.rack.id))
        throw new EditRefused(`a rack ${e.rack.id} already exists`);
      return { ...f, racks: [...f.racks, e.rack] };
    }
    case 'removeRack': {
      const i = rackAt(e.rackId);
      return { ...f, racks: f.racks.filter((_, k) => k !== i) };
    }
    case 'setAisleWidth':
      return resizeAisle(f, e.aisleId, e.width);
    default:
      return exhaustive(e);
  }
}

class EditRefused extends Error {}

/**
 * Sets an aisle's width (its narrower dimension) and moves the racks that face it sideways by half
 * the change each, so the racks stay at the aisle's edges; the racks behind them do not move, which
 * is why widening an aisle usually needs room (and is refused as an overlap when there is none).
 */
function resizeAisle(f: Facility, aisleId: string, width: number): Facility {
  const aisle = f.aisles.find((a) => a.id === aisleId);
  if (aisle === undefined) throw new EditRefused(`there is no aisle ${aisleId}`);
  if (aisle.kind !== 'aisle' || aisle.letter === undefined)
    throw new EditRefused(`${aisleId} is a cross-aisle; only rack aisles can be resized`);
  const fp = aisle.footprint;
  const alongX = fp.width <= fp.depth; // the lateral axis is the aisle's local X when it is the narrow one
  const old = alongX ? fp.width : fp.depth;
  const delta = width - old;
  const axis = alongX ? rotateY(1, 0, fp.rotationY) : rotateY(0, 1, fp.rotationY);
  const racks = f.racks.map((r) => {
    if (r.aisle !== aisle.letter || r.floorId !== aisle.floorId) return r;
    const c = rackCentre(r);
    const side = Math.sign((c.x - fp.x) * axis.x + (c.z - fp.z) * axis.z) || 1;
    const shift = (side * delta) / 2;
    return placeRack(r, c.x + axis.x * shift, c.z + axis.z * shift, r.origin.rotationY);
  });
  const footprint = alongX ? { ...fp, width } : { ...fp, depth: width };
  return {
    ...f,
    racks,
    aisles: f.aisles.map((a) => (a.id === aisleId ? { ...a, footprint } : a)),
  };
}

/**
 * Applies the edits in order to the base layout. The first edit that makes the layout worse (a new
 * problem the base did not already have) or cannot be applied stops it, with the reasons.
 */
export function applyEdits(base: Facility, edits: readonly LayoutEdit[], rules: LayoutRules): EditOutcome {
  const known = new Set(layoutProblems(base, rules).map(problemKey));
  const baseBins = binCodeSet(base);
  let facility = base;
  let bins = baseBins;
  const moves = new Map<string, ItemMove>();
  for (let index = 0; index < edits.length; index++) {
    const edit = edits[index] as LayoutEdit;
    if (edit.kind === 'moveItem') {
      const reason = itemMoveProblem(edit, baseBins, bins, moves);
      if (reason !== null) return { ok: false, index, edit, reasons: [reason] };
      // A move of stock that an earlier edit already moved continues that move.
      const earlier = [...moves.values()].find((m) => m.itemId === edit.itemId && m.toBin === edit.fromBin);
      if (earlier) earlier.toBin = edit.toBin;
      else
        moves.set(`${edit.itemId}|${edit.fromBin}`, {
          itemId: edit.itemId,
          fromBin: edit.fromBin,
          toBin: edit.toBin,
        });
      continue;
    }
    let next: Facility;
    try {
      next = applyOne(facility, edit);
    } catch (error) {
      if (error instanceof EditRefused) return { ok: false, index, edit, reasons: [error.message] };
      throw error;
    }
    const fresh = layoutProblems(next, rules).filter((p) => !known.has(problemKey(p)));
    if (fresh.length > 0) return { ok: false, index, edit, reasons: fresh.map((p) => p.message) };
    facility = next;
    bins = binCodeSet(facility);
  }
  const itemMoves = [...moves.values()].filter((m) => m.fromBin !== m.toBin);
  return { ok: true, facility, itemMoves };
}

function itemMoveProblem(
  e: ItemMove,
  baseBins: ReadonlySet<string>,
  bins: ReadonlySet<string>,
  moves: ReadonlyMap<string, ItemMove>,
): string | null {
  if (e.fromBin === e.toBin) return `item ${e.itemId}: ${e.fromBin} is already where it is`;
  if (!baseBins.has(e.fromBin) && ![...moves.values()].some((m) => m.toBin === e.fromBin))
    return `item ${e.itemId}: there is no bin ${e.fromBin} in the base layout`;
  if (!bins.has(e.toBin)) return `item ${e.itemId}: there is no bin ${e.toBin} in this layout`;
  if (moves.has(`${e.itemId}|${e.fromBin}`)) return `item ${e.itemId} in ${e.fromBin} is already being moved`;
  return null;
}

function problemKey(p: LayoutProblem): string {
  return `${p.subject}|${p.message}`;
}

const binSets = new WeakMap<Facility, Set<string>>();

/** Every bin code of a layout (cached per document). */
function binCodeSet(f: Facility): Set<string> {
  let s = binSets.get(f);
  if (s === undefined) {
    s = new Set();
    for (const r of f.racks) {
      for (const c of rackBinCodes(r)) s.add(c);
    }
    binSets.set(f, s);
  }
  return s;
}
