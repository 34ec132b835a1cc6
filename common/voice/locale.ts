import type { Intent, Priority } from './vocabulary.ts';

/** Intents a phrase table scores; `none` is what is left when nothing scores. */
export type CuedIntent = Exclude<Intent, 'none'>;

/**
 * A cue: a pattern of words that says which intent a sentence carries, and how strongly.
 * Pattern syntax (words are normalised and stemmed like the transcript, so write them as spoken):
 * - `word` one word; `a|an|the` any of these words;
 * - `*` skips up to three words;
 * - `<item>`, `<asset>`, `<entity>` (item or asset), `<num>` (a quantity), `<bin>` (a bin code),
 *   `<wo>` (a work-order number), `<aisle>` stand for what the matcher already found there.
 */
export type Cue = { pattern: string; weight: number };

/**
 * Everything language-specific the parser needs. The matcher itself only knows tokens, numbers and
 * scores, so a new language is a new table (see locales/en.ts and docs/voice-understanding.md).
 */
export type Locale = {
  code: string;
  numbers: {
    /** zero..nine */
    units: Readonly<Record<string, number>>;
    /** ten..nineteen */
    teens: Readonly<Record<string, number>>;
    /** twenty, thirty... */
    tens: Readonly<Record<string, number>>;
    /** hundred, thousand, dozen: multiply what came before ("two dozen", "a hundred") */
    scales: Readonly<Record<string, number>>;
    /** Word joining a scale to the rest ("one hundred AND eight"). */
    joiners: readonly string[];
    /** Whole phrases that are a number ("a dozen", "a couple of"); matched before single words. */
    phrases: Readonly<Record<string, number>>;
    /** "point" in "four point eight". */
    decimalPoint: readonly string[];
    /** Words that say zero when they sit between other digits ("b oh five one"). */
    zeroLetters: readonly string[];
    /** Articles that mean one before an item ("grab a roll of tape"). */
    one: readonly string[];
  };
  /** Spoken letter names (NATO and plain), read only where a letter is expected: bins, aisles. */
  letters: Readonly<Record<string, string>>;
  /** Word -> canonical word, applied everywhere ("by" -> "x", "mil" -> "mm", "vee" -> "v"). */
  synonyms: Readonly<Record<string, string>>;
  /** Reduce an inflected word to the form names are indexed under (plurals). */
  stem: (word: string) => string;
  /** Words dropped before intent scoring ("um", "please", "can you"); phrases allowed. */
  fillers: readonly string[];
  /** Function words: may sit inside a name but never make a match on their own. */
  stopWords: readonly string[];
  /** Container words between a quantity and an item ("3 pairs of glasses"). */
  unitWords: readonly string[];
  /** Words that announce a bin code ("bin", "location") and words spoken inside one ("dash"). */
  binWords: readonly string[];
  binFillers: readonly string[];
  aisleWords: readonly string[];
  /** Word pairs read as one token everywhere, so patterns can offer them as one alternative. */
  compounds: Readonly<Record<string, string>>;
  /** Words that introduce a work-order number ("work order 42", "job 108"). */
  workOrderWords: readonly string[];
  priorities: readonly { pattern: string; priority: Priority }[];
  /** Phrases meaning "none at all", read as quantity 0 for a count ("bin D-08-2 is empty"). */
  emptyCues: readonly string[];
  /**
   * Patterns that place a sentence outside work ("at home", "in my garage", "my <item>"): such a
   * sentence never becomes an action, however much it sounds like one.
   */
  personal: readonly string[];
  intents: Readonly<Record<CuedIntent, readonly Cue[]>>;
};
