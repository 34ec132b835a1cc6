/**
 * `npm run bench -- twin`: digital-twin navigation. Navmesh build time (demo warehouse and the
 * 50,000-bin distribution centre), route query latency on the DC, and route length against an exact
 * any-angle shortest path. Returns a JSON-able object; prints nothing (the dispatcher prints).
 */
import { AGENT_RADIUS_M, buildNavigator, type Navigator } from '../../server/domain/navigation/navmesh.ts';
import { referenceRouter } from '../../server/domain/navigation/reference-path.ts';
import { generateDistributionCentre } from '../../twin-models/generate/distribution-centre.ts';
import { mulberry32 } from '../../twin-models/generate/random.ts';
import { type DerivedBin, deriveBins, walkableFloor } from '../../twin-models/geometry.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import type { Facility } from '../../twin-models/schema.ts';

const TARGET_P99_MS = 2;
const TARGET_EXCESS = 0.03;

const round = (v: number, digits = 3): number => Math.round(v * 10 ** digits) / 10 ** digits;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function buildMedian(facility: Facility, runs: number) {
  const times: number[] = [];
  let last: Navigator | null = null;
  for (let i = 0; i < runs; i++) {
    last?.dispose();
    const t0 = performance.now();
    last = await buildNavigator(facility);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  if (last === null) throw new Error('no build');
  return { nav: last, medianMs: round(quantile(times, 0.5), 1), runsMs: times.map((t) => round(t, 1)) };
}

function pairs(bins: readonly DerivedBin[], n: number, seed: number): [string, string][] {
  const rnd = mulberry32(seed).next;
  return Array.from({ length: n }, () => [
    bins[Math.floor(rnd() * bins.length)]?.code ?? '',
    bins[Math.floor(rnd() * bins.length)]?.code ?? '',
  ]);
}

export async function runTwinBench(): Promise<object> {
  const demo = demoWarehouse();
  const dc = generateDistributionCentre({}, 1);
  const dcBins = deriveBins(dc);

  const demoBuild = await buildMedian(demo, 3);
  demoBuild.nav.dispose();
  const dcBuild = await buildMedian(dc, 3);
  const nav = dcBuild.nav;

  // Warm the JIT and the WASM query before timing.
  for (const [a, b] of pairs(dcBins, 100, 1)) nav.route({ kind: 'bin', code: a }, { kind: 'bin', code: b });
  const latencies: number[] = [];
  let failures = 0;
  for (const [a, b] of pairs(dcBins, 2000, 2)) {
    const t0 = performance.now();
    const r = nav.route({ kind: 'bin', code: a }, { kind: 'bin', code: b });
    latencies.push(performance.now() - t0);
    if (!r.ok) failures++;
  }
  latencies.sort((x, y) => x - y);
  const p50 = quantile(latencies, 0.5);
  const p99 = quantile(latencies, 0.99);

  const t0 = performance.now();
  const ref = referenceRouter(walkableFloor(dc, nav.floorId), AGENT_RADIUS_M);
  const refBuildMs = performance.now() - t0;
  const excess: number[] = [];
  let worst = { from: '', to: '', lengthM: 0, shortestM: 0, excess: Number.NEGATIVE_INFINITY };
  let skipped = 0;
  for (const [a, b] of pairs(dcBins, 200, 3)) {
    const ra = nav.resolve({ kind: 'bin', code: a });
    const rb = nav.resolve({ kind: 'bin', code: b });
    if (!ra.ok || !rb.ok) {
      skipped++;
      continue;
    }
    const r = nav.routeBetween(ra.point, rb.point);
    const best = ref.shortest(ra.point, rb.point);
    // Same-bay pairs have no length to compare.
    if (!r.ok || !Number.isFinite(best) || best < 1) {
      skipped++;
      continue;
    }
    const e = r.lengthM / best - 1;
    excess.push(e);
    if (e > worst.excess) worst = { from: a, to: b, lengthM: r.lengthM, shortestM: best, excess: e };
  }
  excess.sort((x, y) => x - y);
  const medianExcess = quantile(excess, 0.5);
  const maxExcess = excess[excess.length - 1] ?? Number.NaN;
  nav.dispose();

  return {
    bench: 'twin',
    navmeshBuild: {
      demoWarehouse: {
        bins: deriveBins(demo).length,
        mode: demoBuild.nav.stats.mode,
        inputTriangles: demoBuild.nav.stats.inputTriangles,
        medianMs: demoBuild.medianMs,
        runsMs: demoBuild.runsMs,
      },
      distributionCentre: {
        bins: dcBins.length,
        mode: dcBuild.nav.stats.mode,
        inputTriangles: dcBuild.nav.stats.inputTriangles,
        medianMs: dcBuild.medianMs,
        runsMs: dcBuild.runsMs,
      },
    },
    routeQuery: {
      facility: 'distribution-centre',
      pairs: latencies.length,
      failures,
      p50Ms: round(p50),
      p99Ms: round(p99),
      maxMs: round(latencies[latencies.length - 1] ?? Number.NaN),
      target: { p99Ms: TARGET_P99_MS, met: p99 < TARGET_P99_MS && failures === 0 },
    },
    routeLength: {
      facility: 'distribution-centre',
      reference: 'visibility graph over rectangle corners grown by the agent radius, Dijkstra',
      referenceNodes: ref.nodes,
      referenceEdges: ref.edges,
      referenceBuildMs: round(refBuildMs, 1),
      compared: excess.length,
      skipped,
      medianExcessPct: round(medianExcess * 100, 2),
      p95ExcessPct: round(quantile(excess, 0.95) * 100, 2),
      maxExcessPct: round(maxExcess * 100, 2),
      worstPair: {
        from: worst.from,
        to: worst.to,
        lengthM: round(worst.lengthM, 2),
        shortestM: round(worst.shortestM, 2),
      },
      target: { maxExcessPct: TARGET_EXCESS * 100, met: maxExcess <= TARGET_EXCESS },
    },
  };
}
