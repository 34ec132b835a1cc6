/**
 * Drawn inside the twin's canvas: the planned route (one line draw call, each sortie its own
 * colour), the drone, and the bins it has scanned lit up. The frame loop advances the playback
 * cursor, moves the drone and sets how many scan markers are visible; markers are laid out once in
 * scan order, so "scanned so far" is just the instance count. Nothing is allocated per frame.
 */
import { invalidate, useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  Color,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  Matrix4,
  type Mesh,
  MeshBasicMaterial,
  Quaternion,
  Vector3,
} from 'three';
import type { TwinLayout } from '../twin/layout.ts';
import { cursor, playbackActions, playbackStore } from './playback.ts';
import { positionAt, SORTIE_COLOURS, scannedBy, type TrackData } from './track-view.ts';

const UP = new Vector3(0, 1, 0);
const _m = new Matrix4();
const _p = new Vector3();
const _q = new Quaternion();
const _s = new Vector3();
const _c = new Color();
const _at = { x: 0, y: 0, z: 0 };
const UNIT_BOX = new BoxGeometry(1, 1, 1);

export type OverlayTrack = TrackData & { sortie: readonly number[]; scanCodes: readonly string[] };

/** What e2e tests read: how far playback has got. */
export type DroneProbe = { t: number; scanned: number; scans: number };
declare global {
  interface Window {
    __drone?: DroneProbe;
  }
}
const probe: DroneProbe = { t: 0, scanned: 0, scans: 0 };
if (typeof window !== 'undefined') window.__drone = probe;

function routeGeometry(track: OverlayTrack): BufferGeometry {
  const n = track.t.length;
  const positions: number[] = [];
  const colours: number[] = [];
  for (let i = 1; i < n; i++) {
    const k = track.sortie[i] ?? 0;
    if (k !== track.sortie[i - 1]) continue; // the charge between sorties is not a flight
    _c.setHex(SORTIE_COLOURS[k % SORTIE_COLOURS.length] ?? 0x1565ff);
    for (const v of [i - 1, i]) {
      positions.push(track.xyz[v * 3] ?? 0, track.xyz[v * 3 + 1] ?? 0, track.xyz[v * 3 + 2] ?? 0);
      colours.push(_c.r, _c.g, _c.b);
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(positions), 3));
  g.setAttribute('color', new BufferAttribute(new Float32Array(colours), 3));
  g.computeBoundingSphere();
  return g;
}

export function AuditOverlay({
  layout,
  track,
  scanColours,
}: {
  layout: TwinLayout;
  track: OverlayTrack;
  /** Per scan, in scan order: the colour it lights up with (results once flown). */
  scanColours: readonly number[];
}) {
  const route = useMemo(() => {
    const lines = new LineSegments(routeGeometry(track), new LineBasicMaterial({ vertexColors: true }));
    lines.name = 'drone route';
    return lines;
  }, [track]);

  const markers = useMemo(() => {
    const material = new MeshBasicMaterial({
      color: 0xffffff,
      transparent: true,
      opacity: 0.75,
      depthWrite: false,
    });
    const mesh = new InstancedMesh(UNIT_BOX, material, Math.max(1, track.scanCodes.length));
    mesh.name = 'scanned bins';
    track.scanCodes.forEach((code, i) => {
      const idx = layout.binIndex.get(code);
      const bin = idx === undefined ? undefined : layout.bins[idx];
      if (bin === undefined) return;
      _p.set(bin.position.x, bin.position.y, bin.position.z);
      _q.setFromAxisAngle(UP, bin.rotationY);
      // Slightly larger than the drawn bin box, so the lit bin reads as a glow around it.
      _s.set(bin.size.w * 0.92, bin.size.h * 0.86, bin.size.d * 0.9);
      mesh.setMatrixAt(i, _m.compose(_p, _q, _s));
      mesh.setColorAt(i, _c.setHex(scanColours[i] ?? 0x40c057));
    });
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere();
    mesh.count = 0;
    return mesh;
  }, [layout, track, scanColours]);

  useEffect(
    () => () => {
      route.geometry.dispose();
      (route.material as LineBasicMaterial).dispose();
      markers.dispose();
      (markers.material as MeshBasicMaterial).dispose();
    },
    [route, markers],
  );

  // A click (play, pause, scrub, speed) must draw a frame; while playing, each frame asks for the next.
  useEffect(() => {
    probe.scans = track.scanCodes.length;
    invalidate();
    return playbackStore.subscribe(() => invalidate());
  }, [track]);

  const drone = useRef<Mesh>(null);
  useFrame((_, delta) => {
    // A long pause between frames (a hidden tab) must not jump the playback.
    playbackActions.advance(Math.min(delta, 0.1));
    positionAt(track, cursor.t, _at);
    drone.current?.position.set(_at.x, _at.y, _at.z);
    const scanned = scannedBy(track, cursor.t);
    markers.count = scanned;
    probe.t = cursor.t;
    probe.scanned = scanned;
    if (playbackStore.getState().playing) invalidate();
  });

  return (
    <group name="drone audit">
      <primitive object={route} />
      <primitive object={markers} />
      <mesh ref={drone} name="drone" renderOrder={3}>
        <sphereGeometry args={[0.35, 16, 12]} />
        <meshBasicMaterial color="#111827" />
      </mesh>
    </group>
  );
}
