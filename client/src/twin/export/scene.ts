/**
 * The Facility document as a plain three.js scene graph for export (glTF), not for drawing: one named
 * node per bin, rack, asset and marker, grouped floor → rack, with the ids that join the model back to
 * the inventory in `userData` (which GLTFExporter writes as glTF `extras`, and Blender shows as custom
 * properties). Every node shares one unit box geometry and one material per kind, so the file holds
 * a handful of meshes however many bins there are; nodes differ only by their transform.
 *
 * Pure: no DOM, no renderer, nothing cached between calls. The caller owns the returned scene and
 * may `disposeExportScene` it after exporting.
 */
import { BoxGeometry, Group, Mesh, MeshStandardMaterial, type Object3D, Scene } from 'three';
import { deriveBins, rotateY } from '../../../../twin-models/geometry.ts';
import type { Facility, Footprint, Rack } from '../../../../twin-models/schema.ts';

/** What a bin node carries as glTF extras. */
export type BinExtras = {
  kind: 'bin';
  code: string;
  rackId: string;
  aisle: string;
  bay: number;
  level: number;
  capacity: number;
};

/** Bins are drawn this much smaller than their slot so neighbouring bins read as separate boxes. */
const BIN_INSET = 0.92;
/** Thickness of floor slabs and of the flat patches (docks, keep-clear areas, zones) drawn on them. */
const SLAB = 0.05;
const PATCH = 0.01;
const MARKER_THICKNESS = 0.005;

const COLOURS = {
  floor: 0xd9dde3,
  wall: 0x9aa3ad,
  obstacle: 0x6b7785,
  zone: 0xe8eef5,
  aisle: 0xf4f6f8,
  bin: 0xc49a61,
  rack: 0x2f5f98,
  dock: 0x4f9d69,
  workstation: 0x8a6fb5,
  keepClear: 0xe0483e,
  asset: 0xf0a020,
  marker: 0x202020,
} as const;

type Kind = keyof typeof COLOURS;

type Shared = {
  box: BoxGeometry;
  material: (kind: Kind) => MeshStandardMaterial;
};

function shared(): Shared {
  const box = new BoxGeometry(1, 1, 1);
  box.name = 'unit-box';
  const materials = new Map<Kind, MeshStandardMaterial>();
  return {
    box,
    material(kind) {
      let m = materials.get(kind);
      if (m === undefined) {
        m = new MeshStandardMaterial({ color: COLOURS[kind], roughness: 0.85, metalness: 0 });
        m.name = kind;
        if (kind === 'keepClear' || kind === 'zone' || kind === 'aisle') {
          m.transparent = true;
          m.opacity = 0.6;
        }
        materials.set(kind, m);
      }
      return m;
    },
  };
}

/** A unit box scaled to w × h × d, centred at (x, y, z), turned by r about +Y. */
function box(
  s: Shared,
  kind: Kind,
  name: string,
  at: { x: number; y: number; z: number; w: number; h: number; d: number; r: number },
  userData: Record<string, unknown>,
): Mesh {
  const mesh = new Mesh(s.box, s.material(kind));
  mesh.name = name;
  mesh.position.set(at.x, at.y, at.z);
  mesh.rotation.y = at.r;
  mesh.scale.set(at.w, at.h, at.d);
  mesh.userData = userData;
  return mesh;
}

function flat(
  s: Shared,
  kind: Kind,
  name: string,
  fp: Footprint,
  lift: number,
  userData: Record<string, unknown>,
) {
  return box(
    s,
    kind,
    name,
    { x: fp.x, y: lift + PATCH / 2, z: fp.z, w: fp.width, h: PATCH, d: fp.depth, r: fp.rotationY },
    userData,
  );
}

function group(name: string, userData: Record<string, unknown>): Group {
  const g = new Group();
  g.name = name;
  g.userData = userData;
  return g;
}

/** Rack group: placed at the rack's origin pose (floor-local), so its bins sit in rack-local coordinates. */
function rackGroup(rack: Rack): Group {
  const g = group(rack.id, {
    kind: 'rack',
    rackId: rack.id,
    aisle: rack.aisle,
    face: rack.face,
    firstBay: rack.firstBay,
    bays: rack.bays,
    levels: rack.levels.length,
    bayWidth: rack.bayWidth,
    depth: rack.depth,
  });
  g.position.set(rack.origin.position.x, rack.origin.position.y, rack.origin.position.z);
  g.rotation.y = rack.origin.rotationY;
  return g;
}

/**
 * The scene for a glTF export of `facility`. Hierarchy:
 * `<facility>` → floor (at its elevation) → { structure, areas, racks → rack → bins, assets, markers }.
 */
export function buildExportScene(facility: Facility): Scene {
  const s = shared();
  const scene = new Scene();
  scene.name = facility.name || facility.id;
  scene.userData = {
    kind: 'facility',
    facilityId: facility.id,
    name: facility.name,
    version: facility.version,
  };

  type FloorNodes = {
    floor: Group;
    structure: Group;
    areas: Group;
    racks: Group;
    assets: Group;
    markers: Group;
  };
  const floors = new Map<string, FloorNodes>();
  for (const f of facility.floors) {
    const floor = group(f.id, { kind: 'floor', floorId: f.id, name: f.name, elevation: f.elevation });
    floor.position.y = f.elevation;
    const part = (name: string) => {
      const g = group(`${f.id} ${name}`, {});
      floor.add(g);
      return g;
    };
    floor.add(
      box(
        s,
        'floor',
        `${f.id} slab`,
        { x: f.width / 2, y: -SLAB / 2, z: f.depth / 2, w: f.width, h: SLAB, d: f.depth, r: 0 },
        { kind: 'slab', floorId: f.id },
      ),
    );
    const nodes: FloorNodes = {
      floor,
      structure: part('structure'),
      areas: part('areas'),
      racks: part('racks'),
      assets: part('assets'),
      markers: part('markers'),
    };
    floors.set(f.id, nodes);
    scene.add(floor);
  }
  // The schema guarantees every floorId names a floor; anything else is dropped rather than guessed.
  const on = (floorId: string): FloorNodes | undefined => floors.get(floorId);

  for (const w of facility.walls) {
    const length = Math.hypot(w.to.x - w.from.x, w.to.z - w.from.z);
    on(w.floorId)?.structure.add(
      box(
        s,
        'wall',
        w.id,
        {
          x: (w.from.x + w.to.x) / 2,
          y: w.height / 2,
          z: (w.from.z + w.to.z) / 2,
          w: length,
          h: w.height,
          d: w.thickness,
          // The heading that turns local +X onto the wall (as geometry.ts wallCorners does).
          r: Math.atan2(-(w.to.z - w.from.z), w.to.x - w.from.x),
        },
        { kind: 'wall', id: w.id },
      ),
    );
  }
  for (const o of facility.obstacles) {
    const fp = o.footprint;
    on(o.floorId)?.structure.add(
      box(
        s,
        'obstacle',
        o.id,
        { x: fp.x, y: o.height / 2, z: fp.z, w: fp.width, h: o.height, d: fp.depth, r: fp.rotationY },
        { kind: 'obstacle', id: o.id, obstacleKind: o.kind },
      ),
    );
  }
  for (const ws of facility.workstations) {
    const fp = ws.footprint;
    const h = 0.9;
    on(ws.floorId)?.structure.add(
      box(
        s,
        'workstation',
        ws.id,
        { x: fp.x, y: h / 2, z: fp.z, w: fp.width, h, d: fp.depth, r: fp.rotationY },
        { kind: 'workstation', id: ws.id, name: ws.name, workstationKind: ws.kind },
      ),
    );
  }

  for (const z of facility.zones) {
    on(z.floorId)?.areas.add(
      flat(s, 'zone', z.id, z.footprint, 0, { kind: 'zone', id: z.id, name: z.name, zoneKind: z.kind }),
    );
  }
  for (const a of facility.aisles) {
    const extras: Record<string, unknown> = { kind: 'aisle', id: a.id, aisleKind: a.kind };
    if (a.letter !== undefined) extras.letter = a.letter;
    on(a.floorId)?.areas.add(flat(s, 'aisle', a.id, a.footprint, PATCH, extras));
  }
  for (const d of facility.docks) {
    on(d.floorId)?.areas.add(
      flat(s, 'dock', d.id, d.footprint, 2 * PATCH, { kind: 'dock', id: d.id, code: d.code }),
    );
  }
  for (const k of facility.keepClear) {
    on(k.floorId)?.areas.add(
      flat(s, 'keepClear', k.id, k.footprint, 3 * PATCH, { kind: 'keep-clear', id: k.id, reason: k.reason }),
    );
  }

  // Racks, then their bins in rack-local coordinates (deriveBins gives world positions; undo the
  // floor elevation and the rack's pose so Blender can move a rack and its bins together).
  const racks = new Map<string, { rack: Rack; node: Group }>();
  for (const rack of facility.racks) {
    const node = rackGroup(rack);
    racks.set(rack.id, { rack, node });
    on(rack.floorId)?.racks.add(node);
  }
  const elevation = new Map(facility.floors.map((f) => [f.id, f.elevation]));
  for (const bin of deriveBins(facility)) {
    const entry = racks.get(bin.rackId);
    if (entry === undefined) continue;
    const { rack, node } = entry;
    const o = rack.origin.position;
    const local = rotateY(bin.position.x - o.x, bin.position.z - o.z, -rack.origin.rotationY);
    const extras: BinExtras = {
      kind: 'bin',
      code: bin.code,
      rackId: bin.rackId,
      aisle: bin.aisle,
      bay: bin.bay,
      level: bin.level,
      capacity: bin.capacity,
    };
    node.add(
      box(
        s,
        'bin',
        bin.code,
        {
          x: local.x,
          y: bin.position.y - (elevation.get(bin.floorId) ?? 0) - o.y,
          z: local.z,
          w: bin.size.w * BIN_INSET,
          h: bin.size.h * BIN_INSET,
          d: bin.size.d * BIN_INSET,
          r: 0,
        },
        extras,
      ),
    );
  }

  for (const a of facility.assets) {
    const p = a.pose.position;
    on(a.floorId)?.assets.add(
      box(
        s,
        'asset',
        a.assetTag,
        { x: p.x, y: p.y + a.size.h / 2, z: p.z, w: a.size.w, h: a.size.h, d: a.size.d, r: a.pose.rotationY },
        { kind: 'asset', assetTag: a.assetTag, id: a.id, assetKind: a.kind, name: a.name },
      ),
    );
  }
  for (const m of facility.markers) {
    const p = m.pose.position;
    on(m.floorId)?.markers.add(
      box(
        s,
        'marker',
        m.code,
        { x: p.x, y: p.y, z: p.z, w: m.size, h: m.size, d: MARKER_THICKNESS, r: m.pose.rotationY },
        { kind: 'marker', code: m.code, id: m.id, size: m.size },
      ),
    );
  }

  // Drop the empty part groups so the outliner lists only what the floor has.
  for (const f of floors.values()) {
    for (const g of [f.structure, f.areas, f.racks, f.assets, f.markers]) {
      if (g.children.length === 0) f.floor.remove(g);
    }
  }
  return scene;
}

/** Frees the shared geometry and materials of a scene from `buildExportScene`. */
export function disposeExportScene(scene: Scene): void {
  const seen = new Set<{ dispose(): void }>();
  scene.traverse((o: Object3D) => {
    if (o instanceof Mesh) {
      seen.add(o.geometry);
      if (Array.isArray(o.material)) for (const m of o.material) seen.add(m);
      else seen.add(o.material);
    }
  });
  for (const d of seen) d.dispose();
}

/** How many nodes of each kind the scene has (for tests and the export summary). */
export function countByKind(scene: Scene): Record<string, number> {
  const out: Record<string, number> = {};
  scene.traverse((o) => {
    const kind = o.userData.kind;
    if (typeof kind === 'string') out[kind] = (out[kind] ?? 0) + 1;
  });
  return out;
}
