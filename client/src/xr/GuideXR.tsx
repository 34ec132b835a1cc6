/**
 * What guidance adds to the twin scene: the XR session, the XR origin placed by the alignment (so the
 * whole twin, its route and the user's head share twin coordinates), the per-frame guidance update,
 * floor arrows along the route, the target bin's outline and item card, and the hit-test reticle for
 * manual alignment.
 *
 * Frame-loop rules: `useFrame` callbacks read stores with `getState()`, write `live` and module-level
 * scratch objects, and never allocate or set React state.
 */
import { invalidate, useFrame } from '@react-three/fiber';
import { useXRHitTest, XR, XROrigin } from '@react-three/xr';
import { useEffect, useMemo, useRef } from 'react';
import {
  BoxGeometry,
  CanvasTexture,
  DoubleSide,
  EdgesGeometry,
  type Group,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  Matrix4,
  MeshBasicMaterial,
  Quaternion,
  Shape,
  ShapeGeometry,
  Sprite,
  SpriteMaterial,
  Vector3,
} from 'three';
import type { TwinLayout } from '../twin/layout.ts';
import { twinStore } from '../twin/store.ts';
import { applyTransform } from './alignment.ts';
import { locate } from './guidance.ts';
import { guideStore } from './guide-store.ts';
import { live } from './live.ts';
import { xrStore } from './xr-store.ts';

// ---- scratch (module level: nothing is allocated per frame) --------------------------------------
const _head = { x: 0, y: 0, z: 0 };
const _twin = { x: 0, y: 0, z: 0 };
const _m = new Matrix4();
const _p = new Vector3();
const _q = new Quaternion();
const _s = new Vector3(1, 1, 1);
const UP = new Vector3(0, 1, 0);
/** Head movement below this between frames is tracking jitter, not walking. */
const JITTER_M = 0.005;

/** The latest hit-test point on the floor (world = twin coordinates), for manual alignment. */
const reticle = { valid: false, x: 0, y: 0, z: 0 };

export type GuideTarget = {
  code: string;
  title: string;
  detail: string;
};

/** Keeps the XR origin where the alignment says the session's origin lies in the twin. */
function AlignedOrigin() {
  const ref = useRef<Group>(null);
  useEffect(() => {
    const place = () => {
      const g = ref.current;
      const a = guideStore.getState().alignment;
      if (g === null) return;
      if (a === null) {
        g.position.set(0, 0, 0);
        g.rotation.set(0, 0, 0);
      } else {
        g.position.set(a.inverse.tx, a.inverse.ty, a.inverse.tz);
        g.rotation.set(0, a.inverse.yaw, 0);
      }
      g.updateMatrixWorld(true);
    };
    place();
    return guideStore.subscribe((s, prev) => {
      if (s.alignment !== prev.alignment) place();
    });
  }, []);
  return <XROrigin ref={ref} />;
}

/** Per frame: head pose → twin position → progress along the route. */
function GuideFrame() {
  useFrame((state) => {
    const gl = state.gl;
    if (gl.xr.isPresenting) {
      live.xrFrames++;
      // At this point three has already written this frame's viewer pose (XR space) into the XR camera.
      const e = gl.xr.getCamera().matrix.elements;
      const hx = e[12] ?? 0;
      const hz = e[14] ?? 0;
      live.headX = hx;
      live.headY = e[13] ?? 0;
      live.headZ = hz;
      // Forward is -Z of the camera; yaw 0 looks along -Z (three.js).
      live.headYaw = Math.atan2(e[8] ?? 0, e[10] ?? 1);
      if (live.hasLastHead) {
        const d = Math.hypot(hx - live.lastHeadX, hz - live.lastHeadZ);
        if (d > JITTER_M) {
          live.walkedM += d;
          live.lastHeadX = hx;
          live.lastHeadZ = hz;
        }
      } else {
        live.hasLastHead = true;
        live.lastHeadX = hx;
        live.lastHeadZ = hz;
      }
      const alignment = guideStore.getState().alignment;
      if (alignment === null) {
        live.hasPosition = false;
      } else {
        _head.x = hx;
        _head.y = live.headY;
        _head.z = hz;
        applyTransform(alignment.inverse, _head, _twin);
        live.x = _twin.x;
        live.z = _twin.z;
        live.hasPosition = true;
      }
    } else if (twinStore.getState().cameraMode === 'walk') {
      live.x = state.camera.position.x;
      live.z = state.camera.position.z;
      live.hasPosition = true;
    }
    const track = live.track;
    if (track !== null && live.hasPosition) locate(track, live.x, live.z, live.progress, live.progress.cue);
  });
  return null;
}

/** A flat chevron pointing along +Z, 2 cm above the floor. */
function chevronGeometry(): ShapeGeometry {
  const s = new Shape();
  s.moveTo(-0.28, -0.18);
  s.lineTo(0, 0.14);
  s.lineTo(0.28, -0.18);
  s.lineTo(0.28, -0.02);
  s.lineTo(0, 0.3);
  s.lineTo(-0.28, -0.02);
  s.closePath();
  return new ShapeGeometry(s).rotateX(-Math.PI / 2).rotateY(Math.PI);
}

const ARROW_EVERY_M = 1.5;
const MAX_ARROWS = 400;

/** Arrows on the floor along the route, rebuilt when the route changes (never per frame). */
function PathArrows() {
  const mesh = useMemo(() => {
    const m = new InstancedMesh(
      chevronGeometry(),
      new MeshBasicMaterial({ color: '#00c2ff', side: DoubleSide, transparent: true, opacity: 0.9 }),
      MAX_ARROWS,
    );
    m.name = 'route arrows';
    m.count = 0;
    m.frustumCulled = false;
    return m;
  }, []);
  useEffect(() => {
    const place = () => {
      const route = twinStore.getState().route;
      let n = 0;
      if (route !== null) {
        for (let i = 0; i + 1 < route.points.length && n < MAX_ARROWS; i++) {
          const a = route.points[i];
          const b = route.points[i + 1];
          if (a === undefined || b === undefined) continue;
          const len = Math.hypot(b.x - a.x, b.z - a.z);
          if (len < 0.01) continue;
          _q.setFromAxisAngle(UP, Math.atan2(b.x - a.x, b.z - a.z));
          for (let d = ARROW_EVERY_M / 2; d < len && n < MAX_ARROWS; d += ARROW_EVERY_M) {
            _p.set(a.x + ((b.x - a.x) * d) / len, route.y + 0.03, a.z + ((b.z - a.z) * d) / len);
            mesh.setMatrixAt(n++, _m.compose(_p, _q, _s));
          }
        }
      }
      mesh.count = n;
      mesh.visible = n > 0;
      mesh.instanceMatrix.needsUpdate = true;
      invalidate();
    };
    place();
    const unsubscribe = twinStore.subscribe((s, prev) => {
      if (s.route !== prev.route) place();
    });
    return () => {
      unsubscribe();
      mesh.geometry.dispose();
      (mesh.material as MeshBasicMaterial).dispose();
    };
  }, [mesh]);
  return <primitive object={mesh} />;
}

function cardTexture(target: GuideTarget): CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = 512;
  canvas.height = 192;
  const g = canvas.getContext('2d');
  if (g) {
    g.fillStyle = 'rgba(255,255,255,0.94)';
    g.fillRect(0, 0, 512, 192);
    g.fillStyle = '#ff7a00';
    g.fillRect(0, 0, 12, 192);
    g.fillStyle = '#101820';
    g.font = 'bold 44px system-ui, sans-serif';
    g.fillText(target.code, 32, 60, 460);
    g.font = '34px system-ui, sans-serif';
    g.fillText(target.title, 32, 112, 460);
    g.fillStyle = '#44505c';
    g.fillText(target.detail, 32, 160, 460);
  }
  return new CanvasTexture(canvas);
}

/** The target bin outlined at its real height, with a card above it (name, quantity, bin code). */
function TargetBin({ layout, target }: { layout: TwinLayout; target: GuideTarget }) {
  const bin = useMemo(() => {
    const idx = layout.binIndex.get(target.code);
    return idx === undefined ? undefined : layout.bins[idx];
  }, [layout, target.code]);
  const outline = useMemo(() => {
    if (bin === undefined) return null;
    const box = new BoxGeometry(bin.size.w + 0.04, bin.size.h + 0.04, bin.size.d + 0.04);
    const lines = new LineSegments(new EdgesGeometry(box), new LineBasicMaterial({ color: '#ff7a00' }));
    box.dispose();
    lines.position.set(bin.position.x, bin.position.y, bin.position.z);
    lines.rotation.set(0, bin.rotationY, 0);
    lines.name = `target ${bin.code}`;
    return lines;
  }, [bin]);
  const card = useMemo(() => {
    if (bin === undefined) return null;
    const sprite = new Sprite(new SpriteMaterial({ map: cardTexture(target), depthTest: false }));
    sprite.scale.set(0.8, 0.3, 1);
    sprite.position.set(bin.position.x, bin.position.y + bin.size.h / 2 + 0.35, bin.position.z);
    sprite.renderOrder = 10;
    return sprite;
  }, [bin, target]);
  useEffect(
    () => () => {
      outline?.geometry.dispose();
      (outline?.material as LineBasicMaterial | undefined)?.dispose();
      card?.material.map?.dispose();
      card?.material.dispose();
    },
    [outline, card],
  );
  return (
    <>
      {outline ? <primitive object={outline} /> : null}
      {card ? <primitive object={card} /> : null}
    </>
  );
}

/** Continuous hit test from the centre of the view while the user aligns by hand. */
function HitTestReticle() {
  const mark = useRef<Group>(null);
  useXRHitTest((results, getWorldMatrix) => {
    const first = results[0];
    reticle.valid = first !== undefined && getWorldMatrix(_m, first);
    if (!reticle.valid) return;
    reticle.x = _m.elements[12] ?? 0;
    reticle.y = _m.elements[13] ?? 0;
    reticle.z = _m.elements[14] ?? 0;
    mark.current?.position.set(reticle.x, reticle.y + 0.01, reticle.z);
  }, 'viewer');
  return (
    <group ref={mark}>
      <mesh rotation={[-Math.PI / 2, 0, 0]}>
        <ringGeometry args={[0.08, 0.12, 32]} />
        <meshBasicMaterial color="#00c2ff" side={DoubleSide} />
      </mesh>
    </group>
  );
}

/** The XR point a tapped reticle stands for: world is twin space once aligned, XR space before. */
export function reticleInXr(): { x: number; y: number; z: number } | null {
  if (!reticle.valid) return null;
  const a = guideStore.getState().alignment;
  const p = { x: reticle.x, y: reticle.y, z: reticle.z };
  return a === null ? p : applyTransform(a.transform, p, { x: 0, y: 0, z: 0 });
}

export function GuideXR({
  layout,
  target,
  aligning,
}: {
  layout: TwinLayout;
  target: GuideTarget | null;
  aligning: boolean;
}) {
  return (
    <XR store={xrStore}>
      <AlignedOrigin />
      <GuideFrame />
      <PathArrows />
      {target ? <TargetBin layout={layout} target={target} /> : null}
      {aligning ? <HitTestReticle /> : null}
    </XR>
  );
}
