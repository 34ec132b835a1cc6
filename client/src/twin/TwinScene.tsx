/**
 * The R3F scene. Everything numerous is an InstancedMesh (bins and rack frames: one per spatial
 * chunk; boxes and floor patches: one per kind), so draw calls stay flat as layouts grow. The render
 * loop reads state with `twinStore.getState()` and writes into module-level scratch objects: it
 * allocates nothing and sets no React state.
 */
import { Canvas, invalidate, type ThreeEvent, useFrame, useThree } from '@react-three/fiber';
import { type ReactNode, useEffect, useMemo } from 'react';
import {
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  Color,
  ConeGeometry,
  DoubleSide,
  InstancedMesh,
  Matrix4,
  MeshLambertMaterial,
  type Object3D,
  Quaternion,
  Vector3,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { binColor, emptyColor, type PaintContext } from './colors.ts';
import { type Box, type Chunk, overview, type TwinLayout } from './layout.ts';
import { probe, type RoutePoint, type TwinState, twinActions, twinStore, useTwin } from './store.ts';

// ---- scratch objects (module level: nothing is allocated per frame or per instance) -------------

const UNIT_BOX = new BoxGeometry(1, 1, 1);
/** A pin pointing down at a highlighted bin from above the racks. */
const PIN = new ConeGeometry(0.3, 0.8, 16).rotateX(Math.PI);
const MAX_BEACONS = 512;
const UP = new Vector3(0, 1, 0);
const _m = new Matrix4();
const _p = new Vector3();
const _q = new Quaternion();
const _s = new Vector3();
const _c = new Color();
const _v = new Vector3();
const _goalTarget = new Vector3();
const _goalPosition = new Vector3();
const _forward = new Vector3();
const _right = new Vector3();

function boxMatrix(b: Box, out: Matrix4): Matrix4 {
  _p.set(b.x, b.y, b.z);
  _q.setFromAxisAngle(UP, b.r);
  _s.set(b.w, b.h, b.d);
  return out.compose(_p, _q, _s);
}

/** How much of a bin's slot the drawn box fills, so neighbouring bins read as separate boxes. */
const BIN_INSET = { w: 0.86, h: 0.78, d: 0.84 };

// ---- painting -------------------------------------------------------------------------------------

function paintContext(s: TwinState): PaintContext {
  return {
    heatmap: s.heatmap,
    states: s.binStates,
    now: Date.now(),
    highlighted: s.highlighted,
    selected: s.selected,
  };
}

function paintsDiffer(a: TwinState, b: TwinState): boolean {
  return (
    a.heatmap !== b.heatmap ||
    a.binStates !== b.binStates ||
    a.highlighted !== b.highlighted ||
    a.selected !== b.selected
  );
}

// ---- scene parts ----------------------------------------------------------------------------------

function BinChunk({ layout, chunk }: { layout: TwinLayout; chunk: Chunk }) {
  const mesh = useMemo(() => {
    const material = new MeshLambertMaterial({ color: 0xffffff });
    const m = new InstancedMesh(UNIT_BOX, material, chunk.bins.length);
    m.name = `bins ${chunk.key}`;
    chunk.bins.forEach((binIdx, i) => {
      const bin = layout.bins[binIdx];
      if (bin === undefined) return;
      const h = bin.size.h * BIN_INSET.h;
      _p.set(bin.position.x, bin.position.y - bin.size.h / 2 + h / 2 + 0.01, bin.position.z);
      _q.setFromAxisAngle(UP, bin.rotationY);
      _s.set(bin.size.w * BIN_INSET.w, h, bin.size.d * BIN_INSET.d);
      m.setMatrixAt(i, _m.compose(_p, _q, _s));
      m.setColorAt(i, emptyColor(_c));
    });
    m.instanceMatrix.needsUpdate = true;
    // Frustum culling and raycasting test this sphere around the chunk's instances.
    m.computeBoundingSphere();
    return m;
  }, [layout, chunk]);

  useEffect(() => {
    const paint = (s: TwinState) => {
      const ctx = paintContext(s);
      chunk.bins.forEach((binIdx, i) => {
        const bin = layout.bins[binIdx];
        if (bin !== undefined) mesh.setColorAt(i, binColor(_c, bin.code, ctx));
      });
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      invalidate();
    };
    paint(twinStore.getState());
    const unsubscribe = twinStore.subscribe((s, prev) => {
      if (paintsDiffer(s, prev)) paint(s);
    });
    return () => {
      unsubscribe();
      mesh.dispose();
      (mesh.material as MeshLambertMaterial).dispose();
    };
  }, [mesh, layout, chunk]);

  const codeOf = (e: ThreeEvent<PointerEvent | MouseEvent>): string | null => {
    if (e.instanceId === undefined) return null;
    const binIdx = chunk.bins[e.instanceId];
    return binIdx === undefined ? null : (layout.bins[binIdx]?.code ?? null);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a three.js mesh, not a DOM element; the side panel lists the same bins as buttons
    <primitive
      object={mesh}
      onPointerMove={(e: ThreeEvent<PointerEvent>) => {
        e.stopPropagation();
        const code = codeOf(e);
        twinActions.hover(
          code === null ? null : { code, x: e.nativeEvent.offsetX, y: e.nativeEvent.offsetY },
        );
      }}
      onPointerOut={() => twinActions.hover(null)}
      onClick={(e: ThreeEvent<MouseEvent>) => {
        // A drag that orbits the camera is not a click on whatever lies under the pointer at the end.
        if (e.delta > 4) return;
        e.stopPropagation();
        const code = codeOf(e);
        if (code !== null) twinActions.select(code);
      }}
    />
  );
}

/** Pins above the highlighted bins, so they can be found from a distance and from above. */
function Beacons({ layout }: { layout: TwinLayout }) {
  const mesh = useMemo(() => {
    const m = new InstancedMesh(PIN, new MeshLambertMaterial({ color: '#ff7a00' }), MAX_BEACONS);
    m.name = 'beacons';
    m.count = 0;
    return m;
  }, []);
  useEffect(() => {
    const place = (s: TwinState) => {
      let n = 0;
      for (const code of s.highlighted) {
        if (n >= MAX_BEACONS) break;
        const idx = layout.binIndex.get(code);
        const bin = idx === undefined ? undefined : layout.bins[idx];
        if (bin === undefined) continue;
        const floorY = layout.floors.find((f) => f.id === bin.floorId)?.elevation ?? 0;
        _p.set(bin.position.x, floorY + layout.rackTop + 0.9, bin.position.z);
        mesh.setMatrixAt(n, _m.makeTranslation(_p));
        n++;
      }
      mesh.count = n;
      mesh.visible = n > 0;
      mesh.instanceMatrix.needsUpdate = true;
      mesh.computeBoundingSphere();
      invalidate();
    };
    place(twinStore.getState());
    const unsubscribe = twinStore.subscribe((s, prev) => {
      if (s.highlighted !== prev.highlighted) place(s);
    });
    return () => {
      unsubscribe();
      mesh.dispose();
      (mesh.material as MeshLambertMaterial).dispose();
    };
  }, [mesh, layout]);
  return <primitive object={mesh} />;
}

function BoxInstances({
  boxes,
  color,
  opacity = 1,
  name,
}: {
  boxes: readonly Box[];
  color: string;
  opacity?: number;
  name: string;
}) {
  const mesh = useMemo(() => {
    // With per-box colours the material is white and the instance colour decides.
    const material = new MeshLambertMaterial({
      color: boxes.some((b) => b.c !== undefined) ? '#ffffff' : color,
      transparent: opacity < 1,
      opacity,
      depthWrite: opacity >= 1,
    });
    const m = new InstancedMesh(UNIT_BOX, material, boxes.length);
    m.name = name;
    boxes.forEach((b, i) => {
      m.setMatrixAt(i, boxMatrix(b, _m));
      if (b.c !== undefined) m.setColorAt(i, _c.setHex(b.c));
    });
    m.instanceMatrix.needsUpdate = true;
    m.computeBoundingSphere();
    return m;
  }, [boxes, color, opacity, name]);
  useEffect(
    () => () => {
      mesh.dispose();
      (mesh.material as MeshLambertMaterial).dispose();
    },
    [mesh],
  );
  if (boxes.length === 0) return null;
  return <primitive object={mesh} />;
}

function Floors({ layout }: { layout: TwinLayout }) {
  return (
    <>
      {layout.floors.map((f) => (
        <mesh
          key={f.id}
          position={[f.width / 2, f.elevation, f.depth / 2]}
          rotation={[-Math.PI / 2, 0, 0]}
          name={`floor ${f.id}`}
        >
          <planeGeometry args={[f.width, f.depth]} />
          <meshLambertMaterial color="#d9dde3" />
        </mesh>
      ))}
    </>
  );
}

/** A flat ribbon 2 cm above the floor, mitred at the corners. */
function ribbonGeometry(points: readonly RoutePoint[], width: number, y: number): BufferGeometry {
  const n = points.length;
  const positions = new Float32Array(n * 2 * 3);
  const indices: number[] = [];
  const half = width / 2;
  for (let i = 0; i < n; i++) {
    const p = points[i];
    if (p === undefined) continue;
    const prev = points[i - 1] ?? p;
    const next = points[i + 1] ?? p;
    let ax = p.x - prev.x;
    let az = p.z - prev.z;
    let bx = next.x - p.x;
    let bz = next.z - p.z;
    const la = Math.hypot(ax, az) || 1;
    const lb = Math.hypot(bx, bz) || 1;
    ax /= la;
    az /= la;
    bx /= lb;
    bz /= lb;
    let tx = ax + bx;
    let tz = az + bz;
    const lt = Math.hypot(tx, tz);
    if (lt < 1e-6) {
      tx = bx || ax;
      tz = bz || az;
    } else {
      tx /= lt;
      tz /= lt;
    }
    // Normal of the tangent; lengthen at a corner so both edges keep the ribbon's width.
    const nx = -tz;
    const nz = tx;
    const refX = i > 0 ? ax : bx;
    const refZ = i > 0 ? az : bz;
    const scale = half / Math.max(0.35, Math.abs(tx * refX + tz * refZ));
    positions.set([p.x + nx * scale, y, p.z + nz * scale, p.x - nx * scale, y, p.z - nz * scale], i * 6);
    if (i > 0) {
      const a = (i - 1) * 2;
      const b = i * 2;
      indices.push(a, a + 1, b, a + 1, b + 1, b);
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(positions, 3));
  g.setIndex(indices);
  g.computeBoundingSphere();
  return g;
}

function RouteRibbon() {
  const route = useTwin((s) => s.route);
  const geometry = useMemo(
    () => (route && route.points.length > 1 ? ribbonGeometry(route.points, 0.35, route.y + 0.02) : null),
    [route],
  );
  useEffect(() => () => geometry?.dispose(), [geometry]);
  if (route === null || geometry === null) return null;
  const start = route.points[0];
  const end = route.points[route.points.length - 1];
  return (
    <group name="route">
      <mesh geometry={geometry} renderOrder={2}>
        <meshBasicMaterial color="#1565ff" side={DoubleSide} polygonOffset polygonOffsetFactor={-2} />
      </mesh>
      {start ? (
        <mesh position={[start.x, route.y + 0.03, start.z]} rotation={[-Math.PI / 2, 0, 0]}>
          <circleGeometry args={[0.45, 24]} />
          <meshBasicMaterial color="#11703a" />
        </mesh>
      ) : null}
      {end ? (
        <mesh position={[end.x, route.y + 0.03, end.z]} rotation={[-Math.PI / 2, 0, 0]}>
          <circleGeometry args={[0.45, 24]} />
          <meshBasicMaterial color="#ff8c00" />
        </mesh>
      ) : null}
    </group>
  );
}

// ---- camera ------------------------------------------------------------------------------------------

const EYE_HEIGHT = 1.6;
const WALK_SPEED = 3;
const LOOK_SPEED = 0.004;

/** Walk-mode input, written by event handlers and read by the render loop. */
const walk = {
  yaw: 0,
  pitch: 0,
  forward: 0,
  back: 0,
  left: 0,
  right: 0,
  fast: false,
  dragging: false,
  lastX: 0,
  lastY: 0,
};
const flight = { lastGoalId: 0, active: false };
let activeMode: TwinState['cameraMode'] = 'orbit';
let lastProbeAt = 0;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

const KEYS: Record<string, 'forward' | 'back' | 'left' | 'right'> = {
  KeyW: 'forward',
  ArrowUp: 'forward',
  KeyS: 'back',
  ArrowDown: 'back',
  KeyA: 'left',
  ArrowLeft: 'left',
  KeyD: 'right',
  ArrowRight: 'right',
};

function CameraRig({ layout }: { layout: TwinLayout }) {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const controls = useMemo(() => new OrbitControls(camera, gl.domElement), [camera, gl]);

  useEffect(() => {
    const { minX, maxX, minZ, maxZ } = layout.extent;
    const size = Math.max(maxX - minX, maxZ - minZ);
    const start = overview(layout);
    controls.target.set(...start.target);
    camera.position.set(...start.position);
    controls.maxPolarAngle = Math.PI / 2 - 0.05;
    controls.minDistance = 1.5;
    controls.maxDistance = size * 3;
    controls.screenSpacePanning = false;
    controls.enableDamping = true;
    controls.dampingFactor = 0.15;
    controls.update();
    flight.active = false;
    flight.lastGoalId = twinStore.getState().cameraGoal?.id ?? 0;
    activeMode = 'orbit';
    const stopFlight = () => {
      flight.active = false;
    };
    // Frames are drawn on demand: when the camera moves, an animation runs or the store changes.
    const redraw = () => invalidate();
    controls.addEventListener('start', stopFlight);
    controls.addEventListener('change', redraw);
    const unsubscribe = twinStore.subscribe((s, prev) => {
      if (s.cameraGoal !== prev.cameraGoal || s.cameraMode !== prev.cameraMode) invalidate();
    });
    return () => {
      unsubscribe();
      controls.removeEventListener('start', stopFlight);
      controls.removeEventListener('change', redraw);
      controls.dispose();
    };
  }, [controls, camera, layout]);

  useEffect(() => {
    const el = gl.domElement;
    const setKey = (e: KeyboardEvent, down: boolean) => {
      if (twinStore.getState().cameraMode !== 'walk' || isTyping(e.target)) return;
      if (e.key === 'Shift') walk.fast = down;
      const dir = KEYS[e.code];
      if (dir === undefined) return;
      e.preventDefault();
      walk[dir] = down ? 1 : 0;
      invalidate();
    };
    const onKeyDown = (e: KeyboardEvent) => setKey(e, true);
    const onKeyUp = (e: KeyboardEvent) => setKey(e, false);
    const onDown = (e: PointerEvent) => {
      if (twinStore.getState().cameraMode !== 'walk') return;
      walk.dragging = true;
      walk.lastX = e.clientX;
      walk.lastY = e.clientY;
      el.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      if (!walk.dragging) return;
      walk.yaw -= (e.clientX - walk.lastX) * LOOK_SPEED;
      walk.pitch = Math.max(-1.4, Math.min(1.4, walk.pitch - (e.clientY - walk.lastY) * LOOK_SPEED));
      walk.lastX = e.clientX;
      walk.lastY = e.clientY;
      invalidate();
    };
    const onUp = () => {
      walk.dragging = false;
    };
    const onBlur = () => {
      walk.forward = walk.back = walk.left = walk.right = 0;
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onUp);
    };
  }, [gl]);

  useFrame((state, delta) => {
    // In an XR session the headset moves the camera; orbit and walk input must not fight it.
    controls.enabled = !state.gl.xr.isPresenting && activeMode === 'orbit';
    if (state.gl.xr.isPresenting) return;
    const s = twinStore.getState();
    const dt = Math.min(delta, 0.1);
    const floorY = layout.floors[0]?.elevation ?? 0;

    if (s.cameraGoal !== null && s.cameraGoal.id !== flight.lastGoalId) {
      flight.lastGoalId = s.cameraGoal.id;
      _goalTarget.set(s.cameraGoal.target[0], s.cameraGoal.target[1], s.cameraGoal.target[2]);
      _goalPosition.set(s.cameraGoal.position[0], s.cameraGoal.position[1], s.cameraGoal.position[2]);
      flight.active = true;
    }

    if (s.cameraMode !== activeMode) {
      activeMode = s.cameraMode;
      if (activeMode === 'walk') {
        // Stand where asked (a route's start), else on the floor under the camera facing where it looked.
        const from = s.walkFrom;
        if (from !== null) {
          camera.position.x = from.x;
          camera.position.z = from.z;
          walk.yaw = from.yaw;
        } else {
          _v.subVectors(controls.target, camera.position);
          walk.yaw = Math.atan2(-_v.x, -_v.z);
        }
        walk.pitch = 0;
        const { minX, maxX, minZ, maxZ } = layout.extent;
        camera.position.set(
          Math.min(maxX - 0.5, Math.max(minX + 0.5, camera.position.x)),
          floorY + EYE_HEIGHT,
          Math.min(maxZ - 0.5, Math.max(minZ + 0.5, camera.position.z)),
        );
        flight.active = false;
        controls.enabled = false;
      } else {
        _forward.set(0, 0, -1).applyQuaternion(camera.quaternion);
        controls.target.copy(camera.position).addScaledVector(_forward, 5);
        controls.enabled = true;
      }
    }

    if (activeMode === 'walk') {
      const speed = WALK_SPEED * (walk.fast ? 2.5 : 1) * dt;
      _forward.set(-Math.sin(walk.yaw), 0, -Math.cos(walk.yaw));
      _right.set(Math.cos(walk.yaw), 0, -Math.sin(walk.yaw));
      camera.position.addScaledVector(_forward, (walk.forward - walk.back) * speed);
      camera.position.addScaledVector(_right, (walk.right - walk.left) * speed);
      camera.position.y = floorY + EYE_HEIGHT;
      camera.rotation.set(walk.pitch, walk.yaw, 0, 'YXZ');
      if (walk.forward || walk.back || walk.left || walk.right) state.invalidate();
    } else {
      if (flight.active) {
        const k = 1 - Math.exp(-dt * 3.5);
        camera.position.lerp(_goalPosition, k);
        controls.target.lerp(_goalTarget, k);
        if (
          camera.position.distanceToSquared(_goalPosition) < 1e-4 &&
          controls.target.distanceToSquared(_goalTarget) < 1e-4
        ) {
          flight.active = false;
        }
        state.invalidate();
      }
      controls.update();
    }

    // Draw calls of the previous frame (the renderer resets its counters when a frame starts).
    if (state.clock.elapsedTime - lastProbeAt > 0.25) {
      lastProbeAt = state.clock.elapsedTime;
      probe.drawCalls = state.gl.info.render.calls;
    }
  });

  return null;
}

/**
 * Rack uprights and beams are a few pixels wide from afar but still cost rasterising (measured: most
 * of a 3 s software-rendered first frame at 50,000 bins), so a chunk's frames are drawn only when the
 * camera is near it. Checked in the frame loop before each render; nothing is allocated there.
 */
const FRAME_LOD_M = 70;

function FrameLod({ layout }: { layout: TwinLayout }) {
  const scene = useThree((s) => s.scene);
  const targets = useMemo(
    () =>
      layout.chunks.map((chunk) => {
        let x = 0;
        let z = 0;
        for (const b of chunk.frames) {
          x += b.x;
          z += b.z;
        }
        const n = Math.max(1, chunk.frames.length);
        return {
          name: `frames ${chunk.key}`,
          centre: new Vector3(x / n, 0, z / n),
          mesh: null as Object3D | null,
        };
      }),
    [layout],
  );
  useFrame(({ camera }) => {
    for (const t of targets) {
      // Looked up once: the meshes are created with the layout and live as long as it does.
      t.mesh ??= scene.getObjectByName(t.name) ?? null;
      if (t.mesh) t.mesh.visible = camera.position.distanceTo(t.centre) < FRAME_LOD_M;
    }
  });
  return null;
}

/** Marks the view ready once the scene has been built and has had two frames to draw. */
function ReadySignal({ bins }: { bins: number }) {
  useEffect(() => {
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => twinStore.setState({ ready: true, binCount: bins }));
    });
    return () => {
      cancelAnimationFrame(frame);
      twinStore.setState({ ready: false });
    };
  }, [bins]);
  return null;
}

/**
 * What the scene draws: the whole `building`; only the `overlay` a person needs over the real
 * building in AR passthrough (route, pins, markers; no background, so the camera image shows); or
 * `none` (AR before the twin is aligned, when anything drawn would be in the wrong place).
 */
export type TwinContent = 'building' | 'overlay' | 'none';

function Scene({ layout, content }: { layout: TwinLayout; content: TwinContent }) {
  const markers = useMemo(() => layout.markers.map((m) => m.box), [layout]);
  if (content !== 'building') {
    return (
      <>
        <hemisphereLight args={['#ffffff', '#9aa4b0', 1.6]} />
        {content === 'overlay' ? (
          <>
            <BoxInstances name="markers" boxes={markers} color="#202833" />
            <Beacons layout={layout} />
            <RouteRibbon />
          </>
        ) : null}
        <CameraRig layout={layout} />
        <ReadySignal bins={layout.bins.length} />
      </>
    );
  }
  return <Building layout={layout} markers={markers} />;
}

function Building({ layout, markers }: { layout: TwinLayout; markers: Box[] }) {
  const frames = layout.chunks;
  return (
    <>
      <color attach="background" args={['#eef2f6']} />
      <hemisphereLight args={['#ffffff', '#9aa4b0', 1.6]} />
      <directionalLight position={[30, 60, 20]} intensity={1.4} />
      <Floors layout={layout} />
      <BoxInstances name="zones" boxes={layout.zones} color="#c9d3de" />
      <BoxInstances
        name="docks"
        boxes={useMemo(() => layout.docks.map((d) => d.box), [layout])}
        color="#f2c230"
      />
      <BoxInstances name="keep-clear" boxes={layout.keepClear} color="#e53935" opacity={0.45} />
      <BoxInstances name="solids" boxes={layout.solids} color="#7b8794" />
      <BoxInstances name="workstations" boxes={layout.workstations} color="#8d6e63" />
      <BoxInstances name="markers" boxes={markers} color="#202833" />
      {frames.map((chunk) => (
        <BoxInstances
          key={`frames ${chunk.key}`}
          name={`frames ${chunk.key}`}
          boxes={chunk.frames}
          color="#2f5f98"
        />
      ))}
      {layout.chunks.map((chunk) => (
        <BinChunk key={chunk.key} layout={layout} chunk={chunk} />
      ))}
      <Beacons layout={layout} />
      <RouteRibbon />
      <CameraRig layout={layout} />
      <FrameLod layout={layout} />
      <ReadySignal bins={layout.bins.length} />
    </>
  );
}

/** `children` draw into the same scene (drone routes, planner handles, heatmaps, AR guidance). */
export function TwinCanvas({
  layout,
  children,
  content = 'building',
}: {
  layout: TwinLayout;
  children?: ReactNode;
  content?: TwinContent;
}) {
  return (
    <Canvas
      camera={{ fov: 45, near: 0.1, far: 2000, position: [60, 60, 60] }}
      dpr={[1, 2]}
      frameloop="demand"
      gl={{ antialias: true }}
      onPointerMissed={() => twinActions.hover(null)}
    >
      <Scene layout={layout} content={content} />
      {children}
    </Canvas>
  );
}
