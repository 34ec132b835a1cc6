import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../common/errors.ts';
import { euc2dProblem, parseTsplib } from './tsplib.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const header = (weight = 'EUC_2D', dim = '3') =>
  `NAME : t\nTYPE : TSP\nDIMENSION : ${dim}\nEDGE_WEIGHT_TYPE : ${weight}\n`;

describe('parseTsplib', () => {
  it('reads "KEY : value" headers and places nodes by their 1-based id', () => {
    const inst = parseTsplib(`${header()}NODE_COORD_SECTION\n2 3 4\n1 0 0\n3 6.5 8\nEOF\n`);
    expect(inst.name).toBe('t');
    expect(inst.dimension).toBe(3);
    expect(Array.from(inst.x)).toEqual([0, 3, 6.5]);
    expect(Array.from(inst.y)).toEqual([0, 4, 8]);
  });

  it('reads "KEY: value" headers, CRLF line ends and a missing EOF', () => {
    const inst = parseTsplib(
      'NAME: t\r\nTYPE: TSP\r\nDIMENSION: 2\r\nEDGE_WEIGHT_TYPE: EUC_2D\r\nNODE_COORD_SECTION\r\n1 1e2 2\r\n2 3 4\r\n',
    );
    expect(Array.from(inst.x)).toEqual([100, 3]);
  });

  it('stops at a later section such as DISPLAY_DATA_SECTION', () => {
    const inst = parseTsplib(
      `${header()}NODE_COORD_SECTION\n1 0 0\n2 1 1\n3 2 2\nDISPLAY_DATA_SECTION\n1 9 9\nEOF\n`,
    );
    expect(Array.from(inst.x)).toEqual([0, 1, 2]);
  });

  it('reads the committed fixtures in both styles', () => {
    expect(parseTsplib(fixture('grid36.tsp')).dimension).toBe(36);
    expect(parseTsplib(fixture('random9.tsp')).dimension).toBe(9);
  });

  it('uses TSPLIB EUC_2D distances: Euclidean rounded to the nearest integer', () => {
    const p = euc2dProblem(parseTsplib(`${header('EUC_2D', '3')}NODE_COORD_SECTION\n1 0 0\n2 1 1\n3 3 4\n`));
    expect(p.cost(0, 1)).toBe(1); // 1.414
    expect(p.cost(0, 2)).toBe(5);
    expect(p.cost(1, 2)).toBe(4); // 3.606
  });

  it.each([
    [
      'an unsupported weight type',
      `${header('GEO')}NODE_COORD_SECTION\n1 0 0\n`,
      /EDGE_WEIGHT_TYPE GEO is not supported/,
    ],
    [
      'a missing weight type',
      'NAME: t\nDIMENSION: 1\nNODE_COORD_SECTION\n1 0 0\n',
      /EDGE_WEIGHT_TYPE is missing/,
    ],
    ['an asymmetric problem', `${header().replace('TSP', 'ATSP')}NODE_COORD_SECTION\n1 0 0\n`, /TYPE ATSP/],
    ['no coordinate section', header(), /No NODE_COORD_SECTION/],
    [
      'a bad dimension',
      `${header('EUC_2D', 'many')}NODE_COORD_SECTION\n`,
      /DIMENSION must be a positive integer/,
    ],
    ['too few nodes', `${header()}NODE_COORD_SECTION\n1 0 0\n2 1 1\nEOF\n`, /DIMENSION is 3 but 2 nodes/],
    ['a repeated node', `${header()}NODE_COORD_SECTION\n1 0 0\n1 1 1\n3 2 2\n`, /node 1 appears twice/],
    ['a node id out of range', `${header()}NODE_COORD_SECTION\n1 0 0\n2 1 1\n4 2 2\n`, /outside 1..3/],
    ['a malformed coordinate line', `${header()}NODE_COORD_SECTION\n1 0 zero\n`, /Line 6: expected "id x y"/],
    ['a header line without a colon', 'NAME t\n', /Line 1: expected "KEY: value"/],
  ])('refuses %s with a message naming the problem', (_, text, message) => {
    expect(() => parseTsplib(text)).toThrow(DomainError);
    expect(() => parseTsplib(text)).toThrow(message);
  });
});
