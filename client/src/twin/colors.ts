import { Color, SRGBColorSpace } from 'three';
import type { BinState, HeatmapMode } from './store.ts';

/**
 * Every colour here is an sRGB triple, the space CSS uses, and is set with `SRGBColorSpace`: three.js
 * would otherwise read the numbers as linear light and show every bin paler than the legend beside it.
 */
type Rgb = readonly [number, number, number];

// Scratch colour; set before each use. Module level so painting allocates nothing per bin.
const DIM_TARGET = new Color();

const DAY_MS = 86_400_000;
/** Cover below this many days is red; at or above twice this it is green. */
const COVER_LOW_DAYS = 14;
/** A count older than this many days is fully red. */
const COUNT_OLD_DAYS = 90;

export const EMPTY: Rgb = [0.7, 0.72, 0.75];
const STOCKED: Rgb = [0.78, 0.6, 0.38];
const HIGHLIGHT: Rgb = [1.0, 0.55, 0.0];
const SELECTED: Rgb = [0.05, 0.75, 1.0];
const DIMMED: Rgb = [0.42, 0.45, 0.5];

/**
 * How full a bin is: yellow (a little) through green to deep blue (full). Even the first step is a
 * saturated colour, so a bin with anything in it never reads as the grey of an empty one.
 */
export const FILL_STOPS: readonly Rgb[] = [
  [0.98, 0.85, 0.2],
  [0.35, 0.75, 0.35],
  [0.1, 0.55, 0.65],
  [0.12, 0.22, 0.6],
];
/** Good (0) → warning → bad (1): green, amber, red. */
export const RISK_STOPS: readonly Rgb[] = [
  [0.15, 0.68, 0.3],
  [0.98, 0.72, 0.1],
  [0.88, 0.18, 0.15],
];

/** The colour at `t` (0..1, clamped) along evenly spaced stops, blended in sRGB as a CSS gradient is. */
function along(out: Color, stops: readonly Rgb[], t: number): Color {
  const v = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(v));
  const a = stops[i] ?? EMPTY;
  const b = stops[i + 1] ?? a;
  const f = v - i;
  return out.setRGB(
    a[0] + (b[0] - a[0]) * f,
    a[1] + (b[1] - a[1]) * f,
    a[2] + (b[2] - a[2]) * f,
    SRGBColorSpace,
  );
}

const set = (out: Color, rgb: Rgb) => out.setRGB(rgb[0], rgb[1], rgb[2], SRGBColorSpace);

/** How full a bin is against its own capacity (0..1; an over-full bin counts as full). */
export function fillOf(state: Pick<BinState, 'onHand' | 'capacity'> | undefined): number {
  if (state === undefined || state.onHand <= 0 || state.capacity <= 0) return 0;
  return Math.min(1, state.onHand / state.capacity);
}

export type PaintContext = {
  heatmap: HeatmapMode;
  states: ReadonlyMap<string, BinState>;
  now: number;
  highlighted: ReadonlySet<string>;
  selected: string | null;
};

/** The colour of a bin nobody has painted yet (before the stock levels arrive). */
export function emptyColor(out: Color): Color {
  return set(out, EMPTY);
}

/** The colour of one bin for the current selection, highlight and heatmap. Writes into `out`. */
export function binColor(out: Color, code: string, ctx: PaintContext): Color {
  if (code === ctx.selected) return set(out, SELECTED);
  const highlighting = ctx.highlighted.size > 0;
  if (highlighting && ctx.highlighted.has(code)) return set(out, HIGHLIGHT);
  const s = ctx.states.get(code);
  const onHand = s?.onHand ?? 0;
  switch (ctx.heatmap) {
    case 'none':
      set(out, onHand > 0 ? STOCKED : EMPTY);
      break;
    case 'fill':
      if (onHand <= 0) set(out, EMPTY);
      else along(out, FILL_STOPS, fillOf(s));
      break;
    case 'cover':
      if (onHand <= 0) set(out, EMPTY);
      // No picks in 30 days: the stock is not running down at all.
      else if (s?.daysOfCover === null || s?.daysOfCover === undefined) along(out, RISK_STOPS, 0);
      else along(out, RISK_STOPS, 1 - (s.daysOfCover - COVER_LOW_DAYS / 2) / (COVER_LOW_DAYS * 1.5));
      break;
    case 'counted':
      if (s?.lastCountedAt === null || s?.lastCountedAt === undefined) along(out, RISK_STOPS, 1);
      else along(out, RISK_STOPS, (ctx.now - s.lastCountedAt) / DAY_MS / COUNT_OLD_DAYS);
      break;
  }
  if (highlighting) out.lerp(set(DIM_TARGET, DIMMED), 0.75);
  return out;
}

const css = (rgb: Rgb) => `rgb(${rgb.map((c) => Math.round(c * 255)).join(' ')})`;

type Legend = { label: string; low: string; high: string; gradient: string };

/** The legend's swatch for an empty bin. */
export const EMPTY_SWATCH = css(EMPTY);

/** Each heatmap's legend, its bar drawn from the very stops that paint the bins. */
export const HEATMAP_LEGENDS: Record<HeatmapMode, Legend | null> = {
  none: null,
  fill: {
    label: 'Fill (on hand against bin capacity)',
    low: 'a little',
    high: 'full',
    gradient: `linear-gradient(90deg, ${FILL_STOPS.map(css).join(', ')})`,
  },
  cover: {
    label: 'Days of cover (30-day picks)',
    low: '≥ 3 weeks',
    high: '< 1 week',
    gradient: `linear-gradient(90deg, ${RISK_STOPS.map(css).join(', ')})`,
  },
  counted: {
    label: 'Time since last count',
    low: 'today',
    high: '90+ days or never',
    gradient: `linear-gradient(90deg, ${RISK_STOPS.map(css).join(', ')})`,
  },
};
