import { describe, expect, test } from 'vitest';
import { detectPocketSphinx, LIBRARY, probePocketSphinx } from './pocketsphinx.ts';

describe('detecting the offline recogniser', () => {
  test('a missing library or model is reported with a reason a person can act on, without throwing', () => {
    const noModel = probePocketSphinx(LIBRARY, '/nonexistent/pocketsphinx/model');
    expect(noModel).toEqual({
      available: false,
      reason:
        'Offline speech recognition is not installed on this server (Debian packages pocketsphinx, pocketsphinx-en-us). The English model is missing (/nonexistent/pocketsphinx/model).',
    });
    const noLibrary = probePocketSphinx('libpocketsphinx.so.99', '/usr/share/pocketsphinx/model/en-us');
    if (!noLibrary.available) {
      expect(noLibrary.reason).toContain('Debian packages pocketsphinx, pocketsphinx-en-us');
    }
    // Where the model is absent altogether, the first check already says so.
    expect(noLibrary.available).toBe(false);
  });

  test('detection answers the same every time (the library is loaded once)', () => {
    const first = detectPocketSphinx();
    expect(detectPocketSphinx()).toBe(first);
  });
});
