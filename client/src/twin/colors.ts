import { Color } from 'three';
import type { BinState, HeatmapMode } from './store.ts';

// Scratch colour; set before each use. Module level so painting allocates nothing per bin.
const DIM_TARGET = new Color();

const DAY_MS = 86_400_000;
/** Cover below this many days is red; at or above twice this it is green. */
const COVER_LOW_DAYS = 14;
/** A count older than this many days is fully red. */
const COUNT_OLD_DAYS = 90;

const EMPTY = [0.7, 0.73, 0.77] as const;
const STOCKED = [0.78, 0.6, 0.38] as const;
const HIGHLIGHT = [1.0, 0.55, 0.0] as const;
const SELECTED = [0.05, 0.75, 1.0] as const;
const DIMMED = [0.42, 0.45, 0.5] as const;

/** Green (0) → amber → red (1). */
function ramp(out: Color, t: number): Color {
  const v = Math.min(1, Math.max(0, t));
  if (v < 0.5) return out.setRGB(0.2 + v * 1.5, 0.7, 0.25);
  return out.setRGB(0.95, 0.7 - (v - 0.5) * 1.2, 0.2);
}

/** Blue scale for how full a bin is relative to the fullest bin: light (little) → deep (most). */
function fillRamp(out: Color, t: number): Color {
  const v = Math.min(1, Math.max(0, t));
  return out.setRGB(0.75 - v * 0.65, 0.85 - v * 0.5, 1.0 - v * 0.25);
}

export type PaintContext = {
  heatmap: HeatmapMode;
  states: ReadonlyMap<string, BinState>;
  maxOnHand: number;
  now: number;
  highlighted: ReadonlySet<string>;
  selected: string | null;
};

/** The colour of one bin for the current selection, highlight and heatmap. Writes into `out`. */
export function binColor(out: Color, code: string, ctx: PaintContext): Color {
  if (code === ctx.selected) return out.setRGB(...SELECTED);
  const highlighting = ctx.highlighted.size > 0;
  if (highlighting && ctx.highlighted.has(code)) return out.setRGB(...HIGHLIGHT);
  const s = ctx.states.get(code);
  const onHand = s?.onHand ?? 0;
  switch (ctx.heatmap) {
    case 'none':
      if (onHand > 0) out.setRGB(...STOCKED);
      else out.setRGB(...EMPTY);
      break;
    case 'fill':
      if (onHand <= 0) out.setRGB(...EMPTY);
      else fillRamp(out, ctx.maxOnHand > 0 ? onHand / ctx.maxOnHand : 0);
      break;
    case 'cover':
      if (onHand <= 0) out.setRGB(...EMPTY);
      // No picks in 30 days: the stock is not running down at all.
      else if (s?.daysOfCover === null || s?.daysOfCover === undefined) ramp(out, 0);
      else ramp(out, 1 - (s.daysOfCover - COVER_LOW_DAYS / 2) / (COVER_LOW_DAYS * 1.5));
      break;
    case 'counted':
      if (s?.lastCountedAt === null || s?.lastCountedAt === undefined) ramp(out, 1);
      else ramp(out, (ctx.now - s.lastCountedAt) / DAY_MS / COUNT_OLD_DAYS);
      break;
  }
  if (highlighting) out.lerp(DIM_TARGET.setRGB(...DIMMED), 0.75);
  return out;
}

export const HEATMAP_LEGENDS: Record<HeatmapMode, { label: string; low: string; high: string } | null> = {
  none: null,
  fill: { label: 'Fill relative to the fullest bin', low: 'little', high: 'most' },
  cover: { label: 'Days of cover (30-day picks)', low: '≥ 3 weeks', high: '< 1 week' },
  counted: { label: 'Time since last count', low: 'today', high: '90+ days or never' },
};
