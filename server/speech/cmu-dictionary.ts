import { readFileSync } from 'node:fs';
import { type Pronouncer, parseCmuDictionary } from './dictionary.ts';
import { CMU_DICTIONARY } from './pocketsphinx.ts';

let loaded: Map<string, string[]> | null = null;

/**
 * The Debian model's CMU dictionary (126k words), read once on first use (~0.2 s, ~20 MB) and kept:
 * every grammar rebuild needs it and the server only reads it when offline speech is installed.
 */
export function cmuPronouncer(): Pronouncer {
  if (!loaded) loaded = parseCmuDictionary(readFileSync(CMU_DICTIONARY, 'utf8'));
  const dictionary = loaded;
  return (word) => dictionary.get(word);
}
