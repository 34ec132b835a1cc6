import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tourLength } from '../server/domain/tour/optimise-tour.ts';
import { bruteForceLength, isPermutation } from '../server/domain/tour/test-support.ts';
import { euc2dProblem, parseTsplib } from '../server/domain/tour/tsplib.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => join(root, 'server/domain/tour/fixtures', name);

function routeEval(file: string) {
  const r = spawnSync('npx', ['tsx', 'scripts/route-eval.ts', file], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/route-eval.ts', () => {
  it('prints one JSON line with an optimal closed tour for the committed lattice and random instances', () => {
    for (const [name, optimum] of [
      ['grid36.tsp', 360],
      ['random9.tsp', undefined],
    ] as const) {
      const problem = euc2dProblem(parseTsplib(readFileSync(fixture(name), 'utf8')));
      const { status, stdout } = routeEval(fixture(name));
      expect(status).toBe(0);
      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const out = JSON.parse(lines[0] ?? '') as { tour: number[]; ms: number };
      expect(Object.keys(out).sort()).toEqual(['ms', 'tour']);
      expect(isPermutation(out.tour, problem.n)).toBe(true);
      expect(out.ms).toBeGreaterThanOrEqual(0);
      expect(out.ms).toBeLessThan(2000);
      expect(tourLength(problem, out.tour)).toBe(optimum ?? bruteForceLength(problem));
    }
  });

  it('fails with a message on stderr and exit code 1 for unsupported or broken input', () => {
    const geo = join(tmpdir(), `route-eval-geo-${process.pid}.tsp`);
    writeFileSync(
      geo,
      'NAME: g\nTYPE: TSP\nDIMENSION: 1\nEDGE_WEIGHT_TYPE: GEO\nNODE_COORD_SECTION\n1 0 0\nEOF\n',
    );
    const unsupported = routeEval(geo);
    expect(unsupported.status).toBe(1);
    expect(unsupported.stdout).toBe('');
    expect(unsupported.stderr).toContain('EDGE_WEIGHT_TYPE GEO is not supported');

    const missing = routeEval(join(tmpdir(), 'no-such-file.tsp'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  });
});
