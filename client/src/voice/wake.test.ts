import { describe, expect, it } from 'vitest';
import { afterWake } from './wake.ts';

describe('wake phrase', () => {
  it('returns the command after the wake phrase, however the recogniser wrote it', () => {
    expect(afterWake('Hey Twin, how many M8 bolts do we have?')).toBe('how many m8 bolts do we have');
    expect(afterWake('okay twin pick two m8 bolts from a-01-1')).toBe('pick two m8 bolts from a-01-1');
  });

  it('is empty for the wake phrase alone, and null when the speech was not addressed to it', () => {
    expect(afterWake('hey twin')).toBe('');
    expect(afterWake('how many M8 bolts do we have')).toBeNull();
    expect(afterWake('hey there twin')).toBeNull();
    expect(afterWake('')).toBeNull();
  });
});
