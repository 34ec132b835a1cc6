import { beforeAll, describe, expect, it } from 'vitest';
import { deriveBins } from '../../../../twin-models/geometry.ts';
import { demoWarehouse, plantRoom } from '../../../../twin-models/samples/index.ts';
import { facilityToJson, safeName, sceneToGlb } from './files.ts';
import { type BinExtras, buildExportScene, countByKind } from './scene.ts';

type GltfJson = {
  asset: { version: string };
  nodes: { name?: string; extras?: Record<string, unknown>; mesh?: number; children?: number[] }[];
  meshes: unknown[];
  accessors: unknown[];
  materials: unknown[];
};

/** GLTFExporter's binary path reads Blobs with FileReader, which Node does not have. */
beforeAll(() => {
  if ('FileReader' in globalThis) return;
  class NodeFileReader {
    result: ArrayBuffer | string | null = null;
    onloadend: (() => void) | null = null;
    readAsArrayBuffer(blob: Blob) {
      void blob.arrayBuffer().then((b) => {
        this.result = b;
        this.onloadend?.();
      });
    }
    readAsDataURL(blob: Blob) {
      void blob.arrayBuffer().then((b) => {
        this.result = `data:${blob.type};base64,${Buffer.from(b).toString('base64')}`;
        this.onloadend?.();
      });
    }
  }
  Object.assign(globalThis, { FileReader: NodeFileReader });
});

function parseGlb(bytes: ArrayBuffer): GltfJson {
  const view = new DataView(bytes);
  expect(view.getUint32(0, true)).toBe(0x46546c67); // 'glTF'
  expect(view.getUint32(4, true)).toBe(2);
  expect(view.getUint32(8, true)).toBe(bytes.byteLength);
  const length = view.getUint32(12, true);
  expect(view.getUint32(16, true)).toBe(0x4e4f534a); // 'JSON'
  return JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 20, length))) as GltfJson;
}

describe('buildExportScene', () => {
  it('has one named node per bin with its ids, under floor → racks → rack', () => {
    const facility = demoWarehouse();
    const scene = buildExportScene(facility);
    const counts = countByKind(scene);
    expect(counts.bin).toBe(5_280);
    expect(counts.rack).toBe(facility.racks.length);
    expect(counts.marker).toBe(facility.markers.length);
    expect(counts.floor).toBe(1);

    const bin = scene.getObjectByName('A-01-1');
    expect(bin?.userData).toMatchObject({ kind: 'bin', code: 'A-01-1', aisle: 'A', bay: 1, level: 1 });
    const rack = bin?.parent;
    expect(rack?.userData.kind).toBe('rack');
    expect(rack?.parent?.parent?.userData.kind).toBe('floor');

    // Rack-local placement lands the bin where deriveBins puts it.
    const derived = deriveBins(facility).find((b) => b.code === 'A-01-1');
    scene.updateMatrixWorld(true);
    const world = bin?.getWorldPosition(bin.position.clone());
    expect(world?.x).toBeCloseTo(derived?.position.x ?? Number.NaN, 6);
    expect(world?.y).toBeCloseTo(derived?.position.y ?? Number.NaN, 6);
    expect(world?.z).toBeCloseTo(derived?.position.z ?? Number.NaN, 6);
  });

  it('places assets by tag', () => {
    const facility = plantRoom();
    const scene = buildExportScene(facility);
    expect(countByKind(scene).asset).toBe(facility.assets.length);
    const first = facility.assets[0];
    if (first) expect(scene.getObjectByName(first.assetTag)?.userData.kind).toBe('asset');
  });

  it('writes a small .glb whose nodes carry the bin codes and extras', async () => {
    const facility = demoWarehouse();
    const started = performance.now();
    const bytes = await sceneToGlb(buildExportScene(facility));
    const ms = performance.now() - started;
    console.log(`export: ${(bytes.byteLength / 1024).toFixed(0)} KB in ${ms.toFixed(0)} ms (Node)`);
    const gltf = parseGlb(bytes);
    expect(gltf.asset.version).toBe('2.0');
    const names = new Set(gltf.nodes.map((n) => n.name));
    for (const b of deriveBins(facility)) expect(names.has(b.code)).toBe(true);
    const node = gltf.nodes.find((n) => n.name === 'A-01-1');
    expect(node?.extras).toMatchObject({ kind: 'bin', code: 'A-01-1', rackId: expect.any(String) });
    const extras = node?.extras as BinExtras | undefined;
    expect(extras?.capacity).toBeGreaterThan(0);
    // Shared geometry and materials: a mesh per material kind, not per node.
    expect(gltf.meshes.length).toBeLessThan(20);
    expect(gltf.accessors.length).toBeGreaterThan(0);
    expect(bytes.byteLength).toBeLessThan(10 * 1024 * 1024);
  });
});

describe('export files', () => {
  it('names files after the facility id', () => {
    expect(facilityToJson(demoWarehouse()).filename).toBe('demo-warehouse.json');
    expect(safeName('a/b c')).toBe('a_b_c');
    expect(safeName('..')).toBe('facility');
  });
});
