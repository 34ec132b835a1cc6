/**
 * `npx tsx scripts/route-eval.ts FILE.tsp`: solves a TSPLIB EUC_2D instance with the product's tour
 * optimiser and prints one JSON line, {"tour":[0-based node indices],"ms":N}. Bad input or an
 * unsupported EDGE_WEIGHT_TYPE: a message on stderr and exit code 1.
 *
 * The whole run must fit in 2 s of wall time including start-up, and `npx tsx` spends most of a
 * second before this file runs (npm exec, the tsx launcher, then the Node process that loads us).
 * So the search stops at a fixed time after the command was launched: on Linux the launch is read
 * from /proc (the oldest ancestor in the npx/tsx chain), elsewhere this process's own start.
 */
import { readFileSync } from 'node:fs';
import { DomainError } from '../common/errors.ts';
import { optimiseTour } from '../server/domain/tour/optimise-tour.ts';
import { euc2dProblem, parseTsplib } from '../server/domain/tour/tsplib.ts';

/** Time after launch at which the search stops; leaves room to print and for the launchers to exit. */
const STOP_AT_MS = 1750;
/**
 * Even a slow start-up (a loaded machine can take 2 s just to reach this file) leaves the search
 * this long: once the wall limit is lost anyway, a tour still at the greedy start would be the
 * worse failure.
 */
const MIN_BUDGET_MS = 300;
/** Linux's USER_HZ, the unit of a process's start time in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_S = 100;
/** The launchers `npx tsx` runs through; the walk up the process tree stops at npm exec / npx. */
const TSX_STEP = /\btsx\b/;
const NPX = /^(npm exec|npx) /;

/** How long ago (ms) the command that started us was launched; 0 when /proc cannot tell. */
function msSinceLaunch(): number {
  try {
    const uptimeS = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    let oldestStartS = Number.POSITIVE_INFINITY;
    let pid = process.pid;
    for (let depth = 0; depth < 8 && pid > 1; depth++) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name: state, ppid, ..., starttime is the 20th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (depth > 0 && !TSX_STEP.test(cmd) && !NPX.test(cmd)) break;
      oldestStartS = Math.min(oldestStartS, Number(fields[19]) / CLOCK_TICKS_PER_S);
      // npm exec is where the command began; anything above it (a shell, a benchmark) is not ours.
      if (NPX.test(cmd)) break;
      pid = Number(fields[1]);
    }
    const ms = (uptimeS - oldestStartS) * 1000;
    return Number.isFinite(ms) && ms > 0 ? ms : 0;
  } catch {
    return 0;
  }
}

function fail(message: string): never {
  process.stderr.write(`route-eval: ${message}\n`);
  process.exit(1);
}

const file = process.argv[2];
if (file === undefined || process.argv.length > 3) fail('usage: npx tsx scripts/route-eval.ts FILE.tsp');

const t0 = performance.now();
const launchedAgoMs = Math.max(msSinceLaunch(), t0);
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
}
try {
  const problem = euc2dProblem(parseTsplib(text));
  const budget = Math.max(MIN_BUDGET_MS, STOP_AT_MS - launchedAgoMs - (performance.now() - t0));
  const { tour } = optimiseTour(problem, { timeBudgetMs: budget, seed: 1 });
  const ms = Math.round(performance.now() - t0);
  process.stdout.write(`${JSON.stringify({ tour, ms })}\n`);
} catch (e) {
  if (e instanceof DomainError) fail(`${file}: ${e.message}`);
  throw e;
}
