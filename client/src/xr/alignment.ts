/**
 * Twin ↔ XR alignment as a rigid transform: a rotation about the vertical axis (yaw) and a
 * translation. `xr = R(yaw) · twin + t`.
 *
 * Why yaw only: WebXR's `local-floor` space is already gravity-aligned (its Y axis is up, measured by
 * the device's IMU), so the only unknowns between the building and the session are the heading and
 * the offset. Estimating pitch and roll from a marker would let the detector's tilt noise tip the
 * whole building: 2° of tilt is 1.7 m of height error 50 m away. Yaw-only keeps the floor flat and
 * makes one marker (or two floor points) enough.
 *
 * Pure numbers, no three.js: the tests, the frame loop and the benchmark use the same code.
 */

export type Vec3 = { x: number; y: number; z: number };

export type RigidTransform = { yaw: number; tx: number; ty: number; tz: number };

/** A marker's pose: where its centre is and which way its printed face looks (yaw of local +Z). */
export type MarkerPose = { position: Vec3; yaw: number };

/** (-π, π]. */
export function wrapAngle(a: number): number {
  let r = a % (2 * Math.PI);
  if (r <= -Math.PI) r += 2 * Math.PI;
  else if (r > Math.PI) r -= 2 * Math.PI;
  return r;
}

/** Writes `T · p` into `out` and returns it; allocation-free, so the frame loop may call it. */
export function applyTransform<T extends Vec3>(t: RigidTransform, p: Vec3, out: T): T {
  const c = Math.cos(t.yaw);
  const s = Math.sin(t.yaw);
  const x = p.x * c + p.z * s;
  const z = -p.x * s + p.z * c;
  out.x = x + t.tx;
  out.y = p.y + t.ty;
  out.z = z + t.tz;
  return out;
}

export function invertTransform(t: RigidTransform): RigidTransform {
  // twin = R(-yaw) · (xr - t)
  const c = Math.cos(-t.yaw);
  const s = Math.sin(-t.yaw);
  return {
    yaw: wrapAngle(-t.yaw),
    tx: -(t.tx * c + t.tz * s),
    ty: -t.ty,
    tz: -(-t.tx * s + t.tz * c),
  };
}

/**
 * From one marker: its pose in the twin (floor elevation already added to y) and the pose at which
 * the device observed it in XR space. The printed face's heading fixes the yaw, its centre the
 * translation.
 */
export function alignFromMarker(twin: MarkerPose, observed: MarkerPose): RigidTransform {
  const yaw = wrapAngle(observed.yaw - twin.yaw);
  const rotated = applyTransform({ yaw, tx: 0, ty: 0, tz: 0 }, twin.position, { x: 0, y: 0, z: 0 });
  return {
    yaw,
    tx: observed.position.x - rotated.x,
    ty: observed.position.y - rotated.y,
    tz: observed.position.z - rotated.z,
  };
}

export type PointPair = { twin: Vec3; xr: Vec3 };

/**
 * From two (or more) points known in both spaces, e.g. two floor spots tapped through hit test.
 * Least squares in the horizontal plane (2-D Procrustes without scale): the yaw that best turns the
 * twin points' offsets from their centroid onto the XR ones, then the translation that maps centroid
 * onto centroid. With two points this is the heading of the line between them and its midpoint, which
 * halves the effect of noise on either tap. Returns null when the points are too close together to
 * give a heading (the caller asks for points further apart).
 */
export function alignFromPoints(pairs: readonly PointPair[], minSpreadM = 0.5): RigidTransform | null {
  const n = pairs.length;
  if (n < 2) return null;
  let ctx = 0;
  let cty = 0;
  let ctz = 0;
  let cxx = 0;
  let cxy = 0;
  let cxz = 0;
  for (const p of pairs) {
    ctx += p.twin.x;
    cty += p.twin.y;
    ctz += p.twin.z;
    cxx += p.xr.x;
    cxy += p.xr.y;
    cxz += p.xr.z;
  }
  ctx /= n;
  cty /= n;
  ctz /= n;
  cxx /= n;
  cxy /= n;
  cxz /= n;
  // Σ a×b and Σ a·b over centred horizontal vectors, with the rotation convention of applyTransform.
  let sin = 0;
  let cos = 0;
  let spread = 0;
  for (const p of pairs) {
    const ax = p.twin.x - ctx;
    const az = p.twin.z - ctz;
    const bx = p.xr.x - cxx;
    const bz = p.xr.z - cxz;
    cos += ax * bx + az * bz;
    sin += ax * bz - az * bx;
    spread = Math.max(spread, Math.hypot(ax, az));
  }
  if (spread * 2 < minSpreadM) return null;
  // R(yaw) maps (x, z) to (x cos + z sin, -x sin + z cos): for that convention the best yaw is
  // atan2(-Σ a×b, Σ a·b).
  const yaw = wrapAngle(Math.atan2(-sin, cos));
  const rotated = applyTransform(
    { yaw, tx: 0, ty: 0, tz: 0 },
    { x: ctx, y: cty, z: ctz },
    { x: 0, y: 0, z: 0 },
  );
  return { yaw, tx: cxx - rotated.x, ty: cxy - rotated.y, tz: cxz - rotated.z };
}

/** How far apart two transforms put the same point, and how far their headings differ. */
export function transformError(
  a: RigidTransform,
  b: RigidTransform,
  at: Vec3 = { x: 0, y: 0, z: 0 },
): { metres: number; degrees: number } {
  const pa = applyTransform(a, at, { x: 0, y: 0, z: 0 });
  const pb = applyTransform(b, at, { x: 0, y: 0, z: 0 });
  return {
    metres: Math.hypot(pa.x - pb.x, pa.y - pb.y, pa.z - pb.z),
    degrees: (Math.abs(wrapAngle(a.yaw - b.yaw)) * 180) / Math.PI,
  };
}

/**
 * A marker's pose in XR space from one camera detection, for devices that give no marker tracking of
 * their own. Assumes the camera looks along the head's forward axis and the user faces the marker
 * squarely (the sheet says so): distance from the code's apparent size, bearing from how far off
 * centre it is; the printed face is taken to look back at the camera. Heading errors are bounded by
 * how squarely the user stands, which is why any later marker re-aligns.
 */
export function markerPoseFromDetection(input: {
  /** Head (camera) position in XR space and its yaw (three.js: yaw 0 looks along -Z). */
  head: Vec3;
  headYaw: number;
  /** The code's centre x and side length in pixels, and the image width. */
  centreXPx: number;
  sidePx: number;
  imageWidthPx: number;
  /** Horizontal field of view of the camera. */
  hfovRad: number;
  markerSizeM: number;
  /** Height of the marker's centre above the floor, from the twin. */
  markerHeightM: number;
}): MarkerPose {
  const halfTan = Math.tan(input.hfovRad / 2);
  const half = input.imageWidthPx / 2;
  const distance = (input.markerSizeM * half) / (halfTan * Math.max(1, input.sidePx));
  // Pixels right of centre turn the bearing clockwise seen from above, i.e. to negative yaw.
  const offset = Math.atan(((input.centreXPx - half) / half) * halfTan);
  const bearing = input.headYaw + Math.PI - offset;
  return {
    position: {
      x: input.head.x + distance * Math.sin(bearing),
      y: input.markerHeightM,
      z: input.head.z + distance * Math.cos(bearing),
    },
    yaw: wrapAngle(bearing + Math.PI),
  };
}
