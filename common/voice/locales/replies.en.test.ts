import { describe, expect, it } from 'vitest';
import { repliesEn as r } from './replies.en.ts';

describe('English replies', () => {
  it('puts catalogue names in the plural where English does, and leaves sizes and units alone', () => {
    expect(r.confirmPick('M8 x 30 hex bolt', 25, 'A-01-1', '')).toBe(
      'Pick 25 M8 x 30 hex bolts from A-01-1?',
    );
    expect(r.confirmPick('M8 x 30 hex bolt', 1, 'A-01-1', '')).toBe('Pick 1 M8 x 30 hex bolt from A-01-1?');
    expect(r.confirmPick('M8 hex bolt, zinc plated', 2, 'A-01-1', '')).toBe(
      'Pick 2 M8 hex bolts, zinc plated from A-01-1?',
    );
    expect(r.confirmPick('Cable ties 100 x 2.5 mm, natural', 3, 'B-03-2', '')).toBe(
      'Pick 3 Cable ties 100 x 2.5 mm, natural from B-03-2?',
    );
    expect(r.confirmPick('EP2 lithium grease 400 g', 2, 'C-01-1', 'L7')).toBe(
      'Pick 2 EP2 lithium grease 400 g from C-01-1, lot L7?',
    );
    expect(r.confirmPick('Safety glasses', 2, 'C-01-1', '')).toBe('Pick 2 Safety glasses from C-01-1?');
    expect(r.confirmPick('Hose assembly', 2, 'C-01-1', '')).toBe('Pick 2 Hose assemblies from C-01-1?');
  });

  it('keeps lists of names with commas in them readable', () => {
    expect(r.didYouMean(['M8 hex bolt', 'M10 hex bolt'])).toBe('Did you mean M8 hex bolt or M10 hex bolt?');
    expect(r.didYouMean(['Cable ties, natural', 'Cable ties, black', 'Cable ties, steel'])).toBe(
      'Did you mean Cable ties, natural; Cable ties, black; or Cable ties, steel?',
    );
  });

  it('reads bin codes out as a person says them', () => {
    expect(r.forSpeech('Pick 2 M8 x 30 hex bolts from A-01-1?')).toBe(
      'Pick 2 M8 x 30 hex bolts from A 01 1?',
    );
    expect(r.forSpeech('Say “help” to hear what I can do.')).toBe('Say help to hear what I can do.');
  });
});
