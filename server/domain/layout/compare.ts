/** Side-by-side figures for a base layout and a scenario, with the relative change of each. */
import type { SimulationResult } from '../../../common/layout/simulation-result.ts';

export type ComparisonRow = {
  key: keyof SimulationResult;
  label: string;
  unit: string;
  base: number;
  scenario: number;
  /** (scenario − base) / base; null when the base is 0. */
  change: number | null;
};

const ROWS: { key: keyof SimulationResult; label: string; unit: string }[] = [
  { key: 'totalDistanceM', label: 'Total walking', unit: 'm' },
  { key: 'pickDistanceM', label: 'Pick-list walking', unit: 'm' },
  { key: 'meanOrderDistanceM', label: 'Walking per order', unit: 'm' },
  { key: 'meanOrderMinutes', label: 'Time per order', unit: 'min' },
  { key: 'putawayDistanceM', label: 'Put-away walking', unit: 'm' },
  { key: 'replenishmentDistanceM', label: 'Replenishment walking', unit: 'm' },
  { key: 'walkHours', label: 'Walking time', unit: 'h' },
  { key: 'congestionWaitMinutes', label: 'Waiting in narrow aisles', unit: 'min' },
  { key: 'congestionWaits', label: 'Times someone had to wait', unit: '' },
  { key: 'pickLists', label: 'Pick lists', unit: '' },
  { key: 'unplacedLines', label: 'Lines with no bin in this layout', unit: '' },
];

export function compareResults(base: SimulationResult, scenario: SimulationResult): ComparisonRow[] {
  return ROWS.map(({ key, label, unit }) => {
    const b = Number(base[key]);
    const s = Number(scenario[key]);
    return {
      key,
      label,
      unit,
      base: b,
      scenario: s,
      change: b === 0 ? null : Math.round(((s - b) / b) * 1000) / 1000,
    };
  });
}

/** Fraction of pick-list walking the scenario saves (positive is better). */
export function walkingSaving(base: SimulationResult, scenario: SimulationResult): number {
  if (base.pickDistanceM === 0) return 0;
  return Math.round((1 - scenario.pickDistanceM / base.pickDistanceM) * 1000) / 1000;
}
