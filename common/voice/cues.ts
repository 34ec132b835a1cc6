import type { CuedIntent, Locale } from './locale.ts';
import { phraseWords } from './tokens.ts';

/** What the cue matcher reads: stemmed words, with found things replaced by `<item>`, `<num>`... */
export type Stream = readonly string[];

type Element =
  | { kind: 'words'; words: ReadonlySet<string> }
  | { kind: 'gap' }
  | { kind: 'slot'; slots: ReadonlySet<string> };
export type CompiledCue = { intent: CuedIntent; weight: number; elements: readonly Element[] };

const MAX_GAP = 3;

function compileElement(part: string, locale: Locale): Element {
  if (part === '*') return { kind: 'gap' };
  if (part === '<entity>') return { kind: 'slot', slots: new Set(['<item>', '<asset>']) };
  if (part.startsWith('<')) return { kind: 'slot', slots: new Set([part]) };
  // Each alternative is normalised like the transcript, so "directions" and "direction" are one word.
  const words = new Set(part.split('|').flatMap((w) => phraseWords(w, locale)));
  return { kind: 'words', words };
}

export function compilePattern(pattern: string, locale: Locale): Element[] {
  return pattern
    .split(' ')
    .filter((p) => p !== '')
    .map((p) => compileElement(p, locale));
}

export function compileCues(locale: Locale): CompiledCue[] {
  const out: CompiledCue[] = [];
  for (const [intent, cues] of Object.entries(locale.intents) as [
    CuedIntent,
    Locale['intents'][CuedIntent],
  ][])
    for (const cue of cues)
      out.push({ intent, weight: cue.weight, elements: compilePattern(cue.pattern, locale) });
  return out;
}

function matchFrom(elements: readonly Element[], e: number, stream: Stream, s: number): number {
  if (e === elements.length) return s;
  const el = elements[e];
  if (el === undefined) return -1;
  if (el.kind === 'gap') {
    for (let skip = 0; skip <= MAX_GAP && s + skip <= stream.length; skip++) {
      const end = matchFrom(elements, e + 1, stream, s + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  const word = stream[s];
  if (word === undefined) return -1;
  const ok = el.kind === 'words' ? el.words.has(word) : el.slots.has(word);
  return ok ? matchFrom(elements, e + 1, stream, s + 1) : -1;
}

/** Where a pattern first occurs in the stream, as [start, end), or null. */
export function findPattern(elements: readonly Element[], stream: Stream): [number, number] | null {
  for (let s = 0; s < stream.length; s++) {
    const end = matchFrom(elements, 0, stream, s);
    if (end >= 0) return [s, end];
  }
  return null;
}

/**
 * Sum of the weights of every cue of each intent found in the stream, plus the stream positions
 * any cue covered (what is left over is speech the parser did not understand).
 */
export function scoreCues(
  cues: readonly CompiledCue[],
  stream: Stream,
): { scores: Map<CuedIntent, number>; covered: boolean[] } {
  const scores = new Map<CuedIntent, number>();
  const covered = stream.map(() => false);
  for (const cue of cues) {
    const at = findPattern(cue.elements, stream);
    if (at === null) continue;
    scores.set(cue.intent, (scores.get(cue.intent) ?? 0) + cue.weight);
    for (let k = at[0]; k < at[1]; k++) covered[k] = true;
  }
  return { scores, covered };
}
