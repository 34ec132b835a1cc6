/**
 * `npm run bench -- tsp`: the tour optimiser on the TSPLIB dev set, through the real evaluation CLI
 * (`npx tsx scripts/route-eval.ts`, so start-up and the 2 s wall limit are included), three runs per
 * instance. The baseline, measured in the same run, is nearest neighbour + plain 2-opt with the same
 * candidate lists. The optimiser is also run in-process with a full 1.7 s budget, which shows what
 * the CLI's start-up (most of a second for npx + tsx) costs. Figures are medians; gaps are % above
 * the known optimum in EUC_2D distance.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nearestNeighbourTour } from '../../server/domain/tour/construct.ts';
import { iteratedLocalSearch } from '../../server/domain/tour/iterated-local-search.ts';
import { buildNeighbourLists } from '../../server/domain/tour/neighbours.ts';
import { optimiseTour, type TourProblem, tourLength } from '../../server/domain/tour/optimise-tour.ts';
import { mulberry32 } from '../../twin-models/generate/random.ts';
import { DEV_SET_DIR, devSetAvailable, gapPercent, loadDevSet } from '../tsplib-dev.ts';

const RUNS = 3;
const TARGET_GAP_PERCENT = 2;
const WALL_LIMIT_MS = 2000;
/** In-process budget: what the optimiser reaches when start-up costs nothing. */
const IN_PROCESS_BUDGET_MS = 1700;
const root = fileURLToPath(new URL('../..', import.meta.url));

const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;
const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

function runCli(name: string): { length: (p: TourProblem) => number; ms: number; wallMs: number } {
  const t0 = performance.now();
  const r = spawnSync('npx', ['tsx', 'scripts/route-eval.ts', `${DEV_SET_DIR}${name}.tsp`], {
    cwd: root,
    encoding: 'utf8',
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`route-eval failed on ${name}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { tour: number[]; ms: number };
  return { length: (p) => tourLength(p, out.tour), ms: out.ms, wallMs };
}

/** Nearest neighbour then 2-opt to a local optimum: what a textbook implementation delivers. */
function baseline(problem: TourProblem): { length: number; ms: number } {
  const t0 = performance.now();
  const nb = buildNeighbourLists(problem);
  const start = nearestNeighbourTour(problem, nb, 0);
  const { tour } = iteratedLocalSearch(
    problem.cost,
    nb,
    start,
    mulberry32(1),
    { stop: () => false, maxKicks: 0 },
    { twoOptOnly: true, eps: 1e-9 },
  );
  return { length: tourLength(problem, tour), ms: performance.now() - t0 };
}

export async function runTspBench(): Promise<object> {
  if (!devSetAvailable()) {
    const reason = `skipped: the TSPLIB dev set (${DEV_SET_DIR}) is absent`;
    console.error(reason);
    return { skipped: reason };
  }
  const instances = [];
  for (const { name, optimal, problem } of loadDevSet()) {
    const runs = [];
    const baselines = [];
    const inProcess = [];
    for (let k = 0; k < RUNS; k++) {
      const cli = runCli(name);
      runs.push({ gap: gapPercent(cli.length(problem), optimal), ms: cli.ms, wallMs: cli.wallMs });
      const t0 = performance.now();
      const own = optimiseTour(problem, { timeBudgetMs: IN_PROCESS_BUDGET_MS, seed: k + 1 });
      inProcess.push({ gap: gapPercent(own.length, optimal), ms: performance.now() - t0 });
      const b = baseline(problem);
      baselines.push({ gap: gapPercent(b.length, optimal), ms: b.ms });
    }
    const row = {
      name,
      n: problem.n,
      optimal,
      gapPct: round(median(runs.map((r) => r.gap))),
      ms: round(median(runs.map((r) => r.ms)), 0),
      wallMs: round(median(runs.map((r) => r.wallMs)), 0),
      inProcessGapPct: round(median(inProcess.map((r) => r.gap))),
      inProcessMs: round(median(inProcess.map((r) => r.ms)), 0),
      baselineGapPct: round(median(baselines.map((b) => b.gap))),
      baselineMs: round(median(baselines.map((b) => b.ms)), 1),
    };
    console.error(JSON.stringify(row));
    instances.push(row);
  }
  const worstGap = Math.max(...instances.map((i) => i.gapPct));
  const worstWall = Math.max(...instances.map((i) => i.wallMs));
  return {
    runsPerInstance: RUNS,
    inProcessBudgetMs: IN_PROCESS_BUDGET_MS,
    instances,
    summary: {
      worstGapPct: worstGap,
      meanGapPct: round(instances.reduce((s, i) => s + i.gapPct, 0) / instances.length),
      worstInProcessGapPct: Math.max(...instances.map((i) => i.inProcessGapPct)),
      meanBaselineGapPct: round(instances.reduce((s, i) => s + i.baselineGapPct, 0) / instances.length),
      worstWallMs: worstWall,
      meetsTarget: worstGap <= TARGET_GAP_PERCENT && worstWall < WALL_LIMIT_MS,
    },
  };
}
