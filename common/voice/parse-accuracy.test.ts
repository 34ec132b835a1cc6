import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { isExact, readCases, readVocabulary } from './eval-files.ts';
import { parse } from './parse.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SHARED_VOCAB = here('../../../shared/voice/dev-vocab.json');
const SHARED_CASES = here('../../../shared/voice/dev-cases.jsonl');
const hasShared = existsSync(SHARED_VOCAB) && existsSync(SHARED_CASES);

/** Accuracy bar for every case set; the target on unseen speech is 97%. */
const BAR = 0.95;

function accuracy(vocabPath: string, casesPath: string, label: string): number {
  const vocabulary = readVocabulary(readFileSync(vocabPath, 'utf8'), vocabPath);
  const cases = readCases(readFileSync(casesPath, 'utf8'), casesPath);
  const misses: string[] = [];
  for (const c of cases) {
    const got = parse(c.text, vocabulary);
    if (!isExact(c, got))
      misses.push(
        `  "${c.text}": want ${c.intent} ${JSON.stringify(c.slots)}, got ${got.intent} ${JSON.stringify(got.slots)}`,
      );
  }
  const exact = (cases.length - misses.length) / cases.length;
  console.log(
    `voice accuracy ${label}: ${(exact * 100).toFixed(1)}% exact (${cases.length - misses.length}/${cases.length})`,
  );
  if (misses.length > 0) console.log(misses.join('\n'));
  return exact;
}

describe('intent parser accuracy (exact = intent and every slot)', () => {
  const devSet = hasShared ? 'dev set from ../shared/voice' : 'dev set: SKIPPED, ../shared/voice is absent';
  test.skipIf(!hasShared)(devSet, () => {
    expect(accuracy(SHARED_VOCAB, SHARED_CASES, 'dev set')).toBeGreaterThanOrEqual(BAR);
  });

  // Our own sets, written against other vocabularies than the dev set's: the seeded store-room
  // catalogue (tuning and held-out phrasings), a clinic, a plant, a hotel, a garage, a lab and an office store.
  test.each([
    ['store-vocab.json', 'store-tune.jsonl'],
    ['store-vocab.json', 'store-holdout.jsonl'],
    ['store-vocab.json', 'store-holdout-2.jsonl'],
    ['clinic-vocab.json', 'clinic-cases.jsonl'],
    ['clinic-vocab.json', 'clinic-cases-2.jsonl'],
    ['plant-vocab.json', 'plant-cases.jsonl'],
    ['hotel-vocab.json', 'hotel-cases.jsonl'],
    ['garage-vocab.json', 'garage-cases.jsonl'],
    ['lab-vocab.json', 'lab-cases.jsonl'],
    ['office-vocab.json', 'office-cases.jsonl'],
  ])('fixtures %s + %s', (vocab, cases) => {
    expect(accuracy(here(`fixtures/${vocab}`), here(`fixtures/${cases}`), cases)).toBeGreaterThanOrEqual(BAR);
  });
});
