/**
 * Loading a Facility document: version dispatch, migration of older versions, validation with
 * errors that name the exact path (`racks[12].levels[3].height: must be > 0`). Never throws.
 *
 * Rule: every older version has a frozen schema here and a pure function to the next version; a
 * document is validated against its own version's schema first (so errors point into the document
 * the author actually wrote), then migrated step by step and validated as current.
 */
import { z } from 'zod';
import { FACILITY_VERSION, type Facility, FacilitySchema } from './schema.ts';

export type LoadResult =
  | { ok: true; facility: Facility; migratedFrom?: number }
  | { ok: false; errors: string[] };

export const SUPPORTED_VERSIONS: readonly number[] = [1, FACILITY_VERSION];

/** `racks[12].levels[3].height`; the empty path (the document itself) reads `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

function formatIssues(error: z.ZodError, suffix = ''): string[] {
  return error.issues.map((i) => `${formatPath(i.path)}: ${i.message}${suffix}`);
}

// ---- version 1 (frozen) -------------------------------------------------------------------------
// The first layout: axis-aligned footprints given as x/z centre + size, racks with a level count and
// one level height, no markers, zones, aisles, walls, workstations or asset placements.

const positive = z.number().gt(0, { error: 'must be > 0' });
const v1Rect = { x: z.number(), z: z.number(), width: positive, depth: positive };

const FacilityV1Schema = z.strictObject({
  version: z.literal(1),
  id: z.string().min(1, { error: 'must not be empty' }),
  name: z.string(),
  floors: z
    .array(z.strictObject({ id: z.string().min(1), name: z.string(), width: positive, depth: positive }))
    .min(1, { error: 'must have at least one floor' }),
  obstacles: z
    .array(z.strictObject({ id: z.string().min(1), floorId: z.string().min(1), ...v1Rect, height: positive }))
    .default([]),
  racks: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        floorId: z.string().min(1),
        aisle: z.string(),
        face: z.enum(['left', 'right']),
        x: z.number(),
        z: z.number(),
        rotationY: z.number().default(0),
        firstBay: z.int().gte(1, { error: 'must be >= 1' }),
        bays: z.int().gte(1, { error: 'must be >= 1' }),
        bayWidth: positive,
        depth: positive,
        levels: z.int().gte(1, { error: 'must be >= 1' }),
        levelHeight: positive,
      }),
    )
    .default([]),
  docks: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        floorId: z.string().min(1),
        code: z.string().min(1),
        ...v1Rect,
      }),
    )
    .default([]),
  keepClear: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        floorId: z.string().min(1),
        reason: z.enum(['fire-exit', 'electrical-panel']),
        ...v1Rect,
      }),
    )
    .default([]),
});

export type FacilityV1 = z.input<typeof FacilityV1Schema>;

function migrateV1(v1: z.output<typeof FacilityV1Schema>): unknown {
  const rect = (r: { x: number; z: number; width: number; depth: number }) => ({
    x: r.x,
    z: r.z,
    width: r.width,
    depth: r.depth,
    rotationY: 0,
  });
  return {
    version: 2,
    id: v1.id,
    name: v1.name,
    floors: v1.floors.map((f) => ({ ...f, elevation: 0 })),
    // v1 called every obstacle a block of building; columns are the common case.
    obstacles: v1.obstacles.map((o) => ({
      id: o.id,
      floorId: o.floorId,
      kind: 'column',
      footprint: rect(o),
      height: o.height,
    })),
    racks: v1.racks.map((r) => ({
      id: r.id,
      floorId: r.floorId,
      aisle: r.aisle,
      face: r.face,
      numbering: 'odd-even',
      origin: { position: { x: r.x, y: 0, z: r.z }, rotationY: r.rotationY },
      firstBay: r.firstBay,
      bays: r.bays,
      bayWidth: r.bayWidth,
      depth: r.depth,
      levels: Array.from({ length: r.levels }, () => ({ height: r.levelHeight })),
    })),
    docks: v1.docks.map((d) => ({ id: d.id, floorId: d.floorId, code: d.code, footprint: rect(d) })),
    keepClear: v1.keepClear.map((k) => ({
      id: k.id,
      floorId: k.floorId,
      reason: k.reason,
      footprint: rect(k),
    })),
    markers: [],
  };
}

// ---- loading ------------------------------------------------------------------------------------

function validateCurrent(doc: unknown, suffix: string): LoadResult {
  const parsed = FacilitySchema.safeParse(doc);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error, suffix) };
  return { ok: true, facility: parsed.data };
}

export function loadFacility(input: unknown): LoadResult {
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, errors: ['(root): must be a Facility document object'] };
    }
    const version = (input as { version?: unknown }).version;
    if (version === undefined) return { ok: false, errors: ['version: missing'] };
    if (version === FACILITY_VERSION) return validateCurrent(input, '');
    if (version === 1) {
      const v1 = FacilityV1Schema.safeParse(input);
      if (!v1.success) return { ok: false, errors: formatIssues(v1.error) };
      // Paths still point into the document, but a cross-check could only fail on migrated data.
      const result = validateCurrent(migrateV1(v1.data), ' (after migration from version 1)');
      return result.ok ? { ...result, migratedFrom: 1 } : result;
    }
    return {
      ok: false,
      errors: [
        `version: unsupported version ${JSON.stringify(version)} (supported: ${SUPPORTED_VERSIONS.join(', ')})`,
      ],
    };
  } catch (err) {
    // A validator bug must not take the caller down with it; the document is refused instead.
    return {
      ok: false,
      errors: [`(root): could not validate: ${err instanceof Error ? err.message : String(err)}`],
    };
  }
}

/** For committed samples and uploads that arrive as text. */
export function loadFacilityJson(text: string): LoadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`(root): not JSON: ${err instanceof Error ? err.message : String(err)}`] };
  }
  return loadFacility(parsed);
}
