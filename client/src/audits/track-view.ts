/**
 * Reading a flown track at a moment: where the drone is and how many bins it has scanned. Binary
 * searches over the track's sorted times; results go into caller-owned objects so the frame loop
 * allocates nothing.
 */
export type TrackData = {
  xyz: readonly number[];
  t: readonly number[];
  scanT: Float64Array;
};

/** Index of the last entry with time <= t (−1 before the first). */
export function lastAtOrBefore(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function scannedBy(track: TrackData, t: number): number {
  return lastAtOrBefore(track.scanT, t) + 1;
}

/** Writes the drone's position at time t into `out` (x, y, z). */
export function positionAt(track: TrackData, t: number, out: { x: number; y: number; z: number }): void {
  const n = track.t.length;
  if (n === 0) return;
  const i = Math.max(0, lastAtOrBefore(track.t, t));
  const j = Math.min(n - 1, i + 1);
  const t0 = track.t[i] ?? 0;
  const t1 = track.t[j] ?? t0;
  const f = t1 > t0 ? Math.min(1, Math.max(0, (t - t0) / (t1 - t0))) : 0;
  out.x = (track.xyz[i * 3] ?? 0) + ((track.xyz[j * 3] ?? 0) - (track.xyz[i * 3] ?? 0)) * f;
  out.y = (track.xyz[i * 3 + 1] ?? 0) + ((track.xyz[j * 3 + 1] ?? 0) - (track.xyz[i * 3 + 1] ?? 0)) * f;
  out.z = (track.xyz[i * 3 + 2] ?? 0) + ((track.xyz[j * 3 + 2] ?? 0) - (track.xyz[i * 3 + 2] ?? 0)) * f;
}

/** Distinct colours for sorties, cycled. */
export const SORTIE_COLOURS = [
  0x1565ff, 0xe8590c, 0x2b8a3e, 0x9c36b5, 0xc92a2a, 0x0b7285, 0x5c940d, 0xd6336c,
];

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(sec).padStart(2, '0')} s`;
  return `${sec} s`;
}
