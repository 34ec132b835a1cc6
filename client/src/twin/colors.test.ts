import { Color, SRGBColorSpace } from 'three';
import { describe, expect, test } from 'vitest';
import { binColor, EMPTY_SWATCH, HEATMAP_LEGENDS, type PaintContext } from './colors.ts';
import type { BinState, HeatmapMode } from './store.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00Z');

const bin = (code: string, onHand: number, capacity: number, over: Partial<BinState> = {}): BinState => ({
  code,
  onHand,
  capacity,
  items: onHand > 0 ? 1 : 0,
  lastCountedAt: NOW,
  daysOfCover: null,
  ...over,
});

const context = (heatmap: HeatmapMode, states: BinState[]): PaintContext => ({
  heatmap,
  states: new Map(states.map((s) => [s.code, s])),
  now: NOW,
  highlighted: new Set(),
  selected: null,
});

/** What the screen shows: 0..255 sRGB, as CSS writes it. */
const shown = (c: Color) => {
  const rgb = c.getRGB({ r: 0, g: 0, b: 0 }, SRGBColorSpace);
  return [rgb.r, rgb.g, rgb.b].map((v) => Math.round(v * 255));
};
const paint = (ctx: PaintContext, code: string) => shown(binColor(new Color(), code, ctx));

/** The CSS `rgb(r g b)` stops of a legend's gradient. */
const stops = (css: string) =>
  [...css.matchAll(/rgb\((\d+) (\d+) (\d+)\)/g)].map((m) => m.slice(1, 4).map(Number));

/** CIE76 colour difference between two sRGB colours (0..255): about 2 is just noticeable. */
function deltaE(a: number[], b: number[]): number {
  const lab = (rgb: number[]) => {
    const lin = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    const [r = 0, g = 0, bl = 0] = lin;
    const xyz = [
      (0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.9505,
      0.2126 * r + 0.7152 * g + 0.0722 * bl,
      (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.089,
    ].map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116));
    const [x = 0, y = 0, z = 0] = xyz;
    return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
  };
  const [l1 = 0, a1 = 0, b1 = 0] = lab(a);
  const [l2 = 0, a2 = 0, b2 = 0] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

describe('the fill heatmap', () => {
  test('fill is on hand against the bin’s own capacity, not against the fullest bin', () => {
    const ctx = context('fill', [
      bin('HALF-SMALL', 50, 100),
      bin('HALF-LARGE', 200, 400),
      bin('EIGHTH', 50, 400),
      bin('FULL', 400, 400),
      bin('OVER', 900, 400),
      bin('HUGE', 5000, 100_000),
    ]);
    // Same on hand, different capacity: different fill.
    expect(paint(ctx, 'HALF-SMALL')).not.toEqual(paint(ctx, 'EIGHTH'));
    // Same share of capacity: the same colour, whatever the units.
    expect(paint(ctx, 'HALF-SMALL')).toEqual(paint(ctx, 'HALF-LARGE'));
    // A bin with the most stock is not "full" when its capacity is far larger.
    expect(paint(ctx, 'HUGE')).not.toEqual(paint(ctx, 'FULL'));
    expect(paint(ctx, 'OVER')).toEqual(paint(ctx, 'FULL'));
  });

  test('the first step of fill clearly differs from the grey of an empty bin', () => {
    const ctx = context('fill', [bin('EMPTY', 0, 400), bin('ONE', 1, 400)]);
    expect(deltaE(paint(ctx, 'EMPTY'), paint(ctx, 'ONE'))).toBeGreaterThan(40);
  });
});

describe('legends match the bins', () => {
  test.each(['fill', 'cover', 'counted'] as const)(
    'the %s legend runs from the colour of its lowest bins to that of its highest',
    (mode) => {
      const legend = HEATMAP_LEGENDS[mode];
      if (legend === null) throw new Error(`no legend for ${mode}`);
      const low = {
        fill: bin('LOW', 0.0001, 1_000_000),
        cover: bin('LOW', 10, 100),
        counted: bin('LOW', 10, 100, { lastCountedAt: NOW }),
      }[mode];
      const high = {
        fill: bin('HIGH', 100, 100),
        cover: bin('HIGH', 10, 100, { daysOfCover: 1 }),
        counted: bin('HIGH', 10, 100, { lastCountedAt: NOW - 200 * DAY }),
      }[mode];
      const ctx = context(mode, [low, high, bin('NONE', 0, 100)]);
      const bar = stops(legend.gradient);
      expect(paint(ctx, 'LOW')).toEqual(bar[0]);
      expect(paint(ctx, 'HIGH')).toEqual(bar.at(-1));
      if (mode !== 'counted') expect(paint(ctx, 'NONE')).toEqual(stops(EMPTY_SWATCH)[0]);
    },
  );
});
