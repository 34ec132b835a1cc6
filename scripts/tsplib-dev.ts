/**
 * The TSPLIB development set in ../shared/bench/tsplib (EUC_2D instances with known optimal
 * lengths), read for the optimiser's quality test and `npm run bench -- tsp`. It lives outside the
 * project, so callers check `devSetAvailable()` and skip visibly when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TourProblem } from '../server/domain/tour/optimise-tour.ts';
import { euc2dProblem, parseTsplib } from '../server/domain/tour/tsplib.ts';

export const DEV_SET_DIR = fileURLToPath(new URL('../../shared/bench/tsplib/', import.meta.url));

export type DevInstance = { name: string; optimal: number; problem: TourProblem };

export function devSetAvailable(): boolean {
  return existsSync(`${DEV_SET_DIR}optimal.txt`);
}

/** Instances listed in optimal.txt ("name : length" per line), smallest first. */
export function loadDevSet(): DevInstance[] {
  const out: DevInstance[] = [];
  for (const line of readFileSync(`${DEV_SET_DIR}optimal.txt`, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(\S+)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const problem = euc2dProblem(parseTsplib(readFileSync(`${DEV_SET_DIR}${m[1]}.tsp`, 'utf8')));
    out.push({ name: m[1], optimal: Number(m[2]), problem });
  }
  return out.sort((a, b) => a.problem.n - b.problem.n);
}

export const gapPercent = (length: number, optimal: number): number => (length / optimal - 1) * 100;
