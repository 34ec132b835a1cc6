/**
 * What the planner draws into the twin scene: the selected rack's handle (dragged across the floor
 * with snapping) and a heatmap of where pickers stood. Dragging is handled on the canvas's own
 * pointer events in the capture phase, so the orbit controls never see a drag that started on the
 * rack; the handle follows the pointer through a ref, with no React state per move.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  BoxGeometry,
  Color,
  InstancedMesh,
  type Intersection,
  Matrix4,
  type Mesh,
  MeshLambertMaterial,
  Plane,
  PlaneGeometry,
  Raycaster,
  Vector2,
  Vector3,
} from 'three';
import { rackCentre } from '../../../common/layout/edits.ts';
import type { Heatmap } from '../../../common/layout/simulation-result.ts';
import { rackLength, rotateY } from '../../../twin-models/geometry.ts';
import type { Rack } from '../../../twin-models/schema.ts';
import { snap } from './history.ts';

const UNIT_BOX = new BoxGeometry(1, 1, 1);
const _ray = new Raycaster();
const _ndc = new Vector2();
const _hit = new Vector3();
const _floor = new Plane(new Vector3(0, 1, 0), 0);
const _screen = new Vector3();
const _hits: Intersection[] = [];

/** What tests may read (never write): where the rack handle is on screen, in page pixels. */
export type PlannerProbe = { handleAt(): { x: number; y: number } | null };

declare global {
  interface Window {
    __planner?: PlannerProbe;
  }
}

type Props = {
  rack: Rack | null;
  elevation: number;
  /** Called with the rack's new (snapped) centre when a drag ends somewhere else. */
  onDrop: (x: number, z: number) => void;
};

export function RackHandle({ rack, elevation, onDrop }: Props) {
  const { camera, gl, invalidate } = useThree();
  const mesh = useRef<Mesh>(null);
  const onDropRef = useRef(onDrop);
  onDropRef.current = onDrop;

  const shape = useMemo(() => {
    if (rack === null) return null;
    const c = rackCentre(rack);
    const height = rack.levels.reduce((s, l) => s + l.height, 0) + rack.origin.position.y;
    return { c, length: rackLength(rack), depth: rack.depth, height, rotationY: rack.origin.rotationY };
  }, [rack]);

  useEffect(() => {
    const m = mesh.current;
    if (m === null || shape === null) return;
    m.position.set(shape.c.x, elevation + shape.height / 2, shape.c.z);
    m.rotation.set(0, shape.rotationY, 0);
    m.scale.set(shape.length + 0.1, shape.height + 0.1, shape.depth + 0.1);
    invalidate();
  }, [shape, elevation, invalidate]);

  useEffect(() => {
    window.__planner = {
      handleAt: () => {
        const m = mesh.current;
        if (m === null) return null;
        const r = gl.domElement.getBoundingClientRect();
        _screen.copy(m.position).project(camera);
        return { x: r.left + ((_screen.x + 1) / 2) * r.width, y: r.top + ((1 - _screen.y) / 2) * r.height };
      },
    };
    return () => {
      delete window.__planner;
    };
  }, [camera, gl]);

  useEffect(() => {
    if (shape === null) return;
    const el = gl.domElement;
    _floor.constant = -elevation;
    let dragging = false;
    let offsetX = 0;
    let offsetZ = 0;
    let at = { x: shape.c.x, z: shape.c.z };
    const floorPoint = (e: PointerEvent): boolean => {
      const r = el.getBoundingClientRect();
      _ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
      _ray.setFromCamera(_ndc, camera);
      return _ray.ray.intersectPlane(_floor, _hit) !== null;
    };
    const onRack = (): boolean => {
      // In the rack's own frame the footprint is an axis-aligned box around its centre.
      const local = rotateY(_hit.x - shape.c.x, _hit.z - shape.c.z, -shape.rotationY);
      return Math.abs(local.x) <= shape.length / 2 + 0.3 && Math.abs(local.z) <= shape.depth / 2 + 0.3;
    };
    const onHandle = (): boolean => {
      // The ray through the box (its sides and top), or the floor point inside its footprint.
      const m = mesh.current;
      return (m !== null && _ray.intersectObject(m, false, _hits).length > 0) || onRack();
    };
    const down = (e: PointerEvent) => {
      _hits.length = 0;
      if (e.button !== 0 || !floorPoint(e) || !onHandle()) return;
      e.stopImmediatePropagation();
      e.preventDefault();
      el.setPointerCapture(e.pointerId);
      dragging = true;
      offsetX = shape.c.x - _hit.x;
      offsetZ = shape.c.z - _hit.z;
      at = { x: shape.c.x, z: shape.c.z };
    };
    const move = (e: PointerEvent) => {
      if (!dragging || !floorPoint(e)) return;
      e.stopImmediatePropagation();
      at = { x: snap(_hit.x + offsetX), z: snap(_hit.z + offsetZ) };
      mesh.current?.position.set(at.x, elevation + shape.height / 2, at.z);
      invalidate();
    };
    const up = (e: PointerEvent) => {
      if (!dragging) return;
      e.stopImmediatePropagation();
      dragging = false;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
      if (Math.abs(at.x - shape.c.x) > 1e-6 || Math.abs(at.z - shape.c.z) > 1e-6)
        onDropRef.current(at.x, at.z);
    };
    el.addEventListener('pointerdown', down, { capture: true });
    el.addEventListener('pointermove', move, { capture: true });
    el.addEventListener('pointerup', up, { capture: true });
    return () => {
      el.removeEventListener('pointerdown', down, { capture: true });
      el.removeEventListener('pointermove', move, { capture: true });
      el.removeEventListener('pointerup', up, { capture: true });
    };
  }, [shape, elevation, camera, gl, invalidate]);

  if (shape === null) return null;
  return (
    <mesh ref={mesh} geometry={UNIT_BOX} renderOrder={2}>
      <meshBasicMaterial color="#ff8f00" transparent opacity={0.35} depthWrite={false} />
    </mesh>
  );
}

const TILE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
const COLD = new Color('#2b8cbe');
const HOT = new Color('#e6550d');

/** Pick lines per floor cell as coloured tiles just above the floor (one instanced mesh). */
export function HeatmapTiles({ heatmap, elevation }: { heatmap: Heatmap; elevation: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const mesh = useMemo(() => {
    const cells: { i: number; v: number }[] = [];
    let max = 0;
    heatmap.counts.forEach((v, i) => {
      if (v > 0) cells.push({ i, v });
      if (v > max) max = v;
    });
    const m = new InstancedMesh(
      TILE,
      new MeshLambertMaterial({ transparent: true, opacity: 0.75, depthWrite: false }),
      Math.max(1, cells.length),
    );
    m.count = cells.length;
    m.name = 'planner-heatmap';
    const matrix = new Matrix4();
    const colour = new Color();
    cells.forEach(({ i, v }, k) => {
      const c = i % heatmap.columns;
      const r = Math.floor(i / heatmap.columns);
      const size = heatmap.cellM * 0.95;
      matrix.makeScale(size, 1, size);
      matrix.setPosition((c + 0.5) * heatmap.cellM, elevation + 0.03, (r + 0.5) * heatmap.cellM);
      m.setMatrixAt(k, matrix);
      // Square root: a few very busy cells would otherwise wash every other cell out to cold.
      m.setColorAt(k, colour.copy(COLD).lerp(HOT, Math.sqrt(v / max)));
    });
    return m;
  }, [heatmap, elevation]);
  useEffect(() => {
    invalidate();
    return () => {
      mesh.material.dispose();
      mesh.dispose();
      invalidate();
    };
  }, [mesh, invalidate]);
  return <primitive object={mesh} />;
}
