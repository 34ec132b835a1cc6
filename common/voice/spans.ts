import type { Locale } from './locale.ts';
import { phraseWords, type Token } from './tokens.ts';

/** Something found in tokens [start, end) of a transcript. */
export type Found<T> = { start: number; end: number; value: T };

/** Bin codes and aisles the vocabulary knows, upper-case ("B-03-2", "B"). */
export type Places = { locations: ReadonlySet<string>; aisles: ReadonlySet<string> };

type SpanWords = {
  announce: ReadonlySet<string>;
  inside: ReadonlySet<string>;
  aisle: ReadonlySet<string>;
  workOrder: ReadonlySet<string>;
};
const spanWordsByLocale = new WeakMap<Locale, SpanWords>();

/** The locale's span words, normalised once per locale rather than on every parse. */
function spanWords(locale: Locale): SpanWords {
  let words = spanWordsByLocale.get(locale);
  if (words === undefined) {
    const set = (list: readonly string[]) => new Set(list.flatMap((w) => phraseWords(w, locale)));
    words = {
      announce: set([...locale.binWords, ...locale.aisleWords]),
      inside: set(locale.binFillers),
      aisle: set(locale.aisleWords),
      workOrder: set(locale.workOrderWords),
    };
    spanWordsByLocale.set(locale, words);
  }
  return words;
}

/** The letter a token spells: "b", or a spoken letter name ("bravo", "bee") from the locale. */
function letterOf(t: Token | undefined, locale: Locale): { letter: string; spelled: boolean } | null {
  if (t === undefined || t.num !== null) return null;
  if (/^[a-z]$/.test(t.text)) return { letter: t.text.toUpperCase(), spelled: false };
  const named = locale.letters[t.text];
  return named === undefined ? null : { letter: named.toUpperCase(), spelled: true };
}

/** The digit strings a number token may stand for: "24" and, for "twenty four", also "20" + "4". */
function readings(t: Token): string[][] {
  return t.parts === null ? [[t.text]] : [[t.text], [...t.parts]];
}

function sequences(tokens: readonly Token[]): string[][] {
  let out: string[][] = [[]];
  for (const t of tokens) {
    const next: string[][] = [];
    for (const prefix of out) for (const r of readings(t)) next.push([...prefix, ...r]);
    out = next;
  }
  return out;
}

function code(letter: string, bay: string, level: string): string | null {
  if (bay === '' || level === '' || !/^\d+$/.test(bay) || !/^\d+$/.test(level)) return null;
  return `${letter}-${String(Number(bay)).padStart(2, '0')}-${Number(level)}`;
}

/**
 * Bin codes however they were read out: "B-03-2", "b 05 1", "C twelve four", "bin D 08 2",
 * "a zero one dash two", "bravo oh five one", "b051". The digits after the letter are tried as
 * bay + level on word boundaries first, then at every split of the digit string, and a reading is
 * kept only when the vocabulary has that bin (or, with no bin list, when "bin" announced it).
 */
export function findBins(tokens: readonly Token[], locale: Locale, places: Places): Found<string>[] {
  const { announce, inside } = spanWords(locale);
  const out: Found<string>[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    const announced = first !== undefined && first.num === null && announce.has(first.text);
    const at = announced ? i + 1 : i;
    const letter = letterOf(tokens[at], locale);
    if (letter === null) {
      i++;
      continue;
    }
    const numbers: { token: Token; pos: number }[] = [];
    for (let k = at + 1; k < tokens.length && numbers.length < 4; k++) {
      const t = tokens[k];
      if (t === undefined) break;
      if (t.num !== null && /^\d+$/.test(t.text)) numbers.push({ token: t, pos: k });
      else if (!(t.num === null && inside.has(t.text))) break;
    }
    const found = readBin(letter.letter, numbers, places, announced);
    if (found === null) {
      i++;
      continue;
    }
    out.push({ start: i, end: found.end, value: found.code });
    i = found.end;
  }
  return out;
}

function readBin(
  letter: string,
  numbers: readonly { token: Token; pos: number }[],
  places: Places,
  announced: boolean,
): { code: string; end: number } | null {
  const known = (c: string | null): c is string =>
    c !== null && (places.locations.has(c) || (places.locations.size === 0 && announced));
  for (let used = Math.min(numbers.length, 3); used >= 1; used--) {
    const taken = numbers.slice(0, used);
    const end = (taken[taken.length - 1]?.pos ?? 0) + 1;
    for (const digits of sequences(taken.map((n) => n.token))) {
      if (digits.length >= 2) {
        const c = code(letter, digits.slice(0, -1).join(''), digits[digits.length - 1] ?? '');
        if (known(c)) return { code: c, end };
      }
    }
    for (const digits of sequences(taken.map((n) => n.token))) {
      const all = digits.join('');
      // "a42", "e14", "d16" are names far more often than bins: a single short number after a
      // letter is a bin only when announced ("bin a 42"); "b051" is long enough to be one.
      if (digits.length < 2 && all.length < 3 && !announced) continue;
      for (let split = all.length - 1; split >= 1; split--) {
        const c = code(letter, all.slice(0, split), all.slice(split));
        if (places.locations.has(c ?? '')) return { code: c ?? '', end };
      }
    }
  }
  return null;
}

/** "aisle B", "aisle bravo", "row c": an aisle letter the vocabulary has. */
export function findAisles(tokens: readonly Token[], locale: Locale, places: Places): Found<string>[] {
  const words = spanWords(locale).aisle;
  const out: Found<string>[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || t.num !== null || !words.has(t.text)) continue;
    const letter = letterOf(tokens[i + 1], locale);
    if (letter !== null && places.aisles.has(letter.letter))
      out.push({ start: i, end: i + 2, value: letter.letter });
  }
  // "a drone audit of B": a letter that ends the sentence after "of"/"on" names an aisle too.
  const last = tokens[tokens.length - 1];
  const before = tokens[tokens.length - 2];
  const letter = letterOf(last, locale);
  if (
    out.length === 0 &&
    letter !== null &&
    !letter.spelled &&
    before?.num === null &&
    AISLE_PREPOSITIONS.has(before.text) &&
    places.aisles.has(letter.letter)
  )
    out.push({ start: tokens.length - 1, end: tokens.length, value: letter.letter });
  return out;
}

const AISLE_PREPOSITIONS = new Set(['of', 'on', 'in', 'down']);

const NUMBER_WORDS = new Set(['number', 'no', 'num']);

/** "work order 42", "job one hundred and eight", "ticket number 7": the words and the number after them. */
export function findWorkOrders(tokens: readonly Token[], locale: Locale): Found<number>[] {
  const words = spanWords(locale).workOrder;
  const out: Found<number>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || t.num !== null || !words.has(t.text)) continue;
    let k = i + 1;
    while (tokens[k] !== undefined && tokens[k]?.num === null && NUMBER_WORDS.has(tokens[k]?.text ?? '')) k++;
    const n = tokens[k];
    if (n !== undefined && n.num !== null && Number.isInteger(n.num))
      out.push({ start: i, end: k + 1, value: n.num });
  }
  return out;
}
