/**
 * The plan flown in simulated time: every vertex of every leg with the second the drone reaches it,
 * and the second each bin's scan completes. Deterministic (no randomness here); playback and the
 * simulation both read it, so what the page shows is what the audit recorded.
 */
import type { DroneConfig } from './config.ts';
import { type DockStop, type FlightPoint, type FlightSpace, flightPath } from './flight-space.ts';
import { moveSpeed, type ScanPoint } from './waypoints.ts';

export type TrackScan = { code: string; t: number; sortie: number; level: number };

export type Track = {
  /** x, y, z per vertex. */
  xyz: number[];
  /** Seconds since the first take-off, per vertex (non-decreasing). */
  t: number[];
  /** Sortie index per vertex. */
  sortie: number[];
  /** In scan order. */
  scans: TrackScan[];
  durationS: number;
};

export function buildTrack(
  space: FlightSpace,
  sorties: readonly { from: DockStop; to: DockStop; scans: readonly ScanPoint[] }[],
  config: DroneConfig,
): Track {
  const track: Track = { xyz: [], t: [], sortie: [], scans: [], durationS: 0 };
  let clock = 0;
  const push = (x: number, y: number, z: number, k: number) => {
    track.xyz.push(x, y, z);
    track.t.push(clock);
    track.sortie.push(k);
  };
  sorties.forEach(({ from, to, scans }, k) => {
    if (k > 0) clock += config.chargeMinutes * 60;
    push(from.x, from.y, from.z, k);
    let at: FlightPoint = from;
    let prev: ScanPoint | null = null;
    const fly = (to: FlightPoint, speed: number) => {
      const path = flightPath(space, at, to);
      for (let i = 1; i < path.length; i++) {
        const a = path[i - 1];
        const b = path[i];
        if (a === undefined || b === undefined) continue;
        clock += Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z) / speed;
        push(b.x, b.y, b.z, k);
      }
      at = to;
    };
    for (const s of scans) {
      // The same speed rule as the planner's, so playback ends when the plan says it does.
      fly(s, prev === null ? config.speedMps : moveSpeed(prev, s, config));
      prev = s;
      clock += config.secondsPerScan;
      push(s.x, s.y, s.z, k);
      track.scans.push({ code: s.code, t: clock, sortie: k, level: s.level });
    }
    fly(to, config.speedMps);
  });
  track.durationS = clock;
  return track;
}
