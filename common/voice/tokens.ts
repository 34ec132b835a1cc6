import type { Locale } from './locale.ts';

/**
 * One word of a transcript or a name after normalisation. Numbers, whether written as digits or
 * spoken as words, become one token with a value, so "twenty five", "25" and "m8"'s "8" compare equal.
 */
export type Token = {
  /** Normalised, stemmed word; for a number its digits as written ("05"), or the value's digits. */
  text: string;
  /** Numeric value when the token is a number. */
  num: number | null;
  /**
   * For a number spoken as "twenty four", the pieces it could also be ("20", "4"): a bin code
   * "C twenty four" may mean bay 20 level 4.
   */
  parts: readonly string[] | null;
};

/** The key a token is indexed and compared under: numbers by value, so "01" meets "1". */
export function tokenKey(t: Token): string {
  return t.num === null ? t.text : `#${t.num}`;
}

const word = (text: string): Token => ({ text, num: null, parts: null });
const number = (text: string, num: number, parts: readonly string[] | null = null): Token => ({
  text,
  num,
  parts,
});

/**
 * Lower-case, strip punctuation, split letters from digits ("m8" -> "m 8", "20x25" -> "20 x 25",
 * "A-01-1" -> "a 01 1"), apply synonyms. Decimal points between digits survive ("0.55").
 */
function rawWords(text: string, locale: Locale): string[] {
  const cleaned = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/[^a-z0-9.]+/g, ' ')
    // A point survives only between digits ("0.55 kW"); elsewhere it ends a sentence.
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/([a-z])(?=\d)/g, '$1 ')
    .replace(/(\d)(?=[a-z])/g, '$1 ');
  const out: string[] = [];
  for (const w of cleaned.split(' ')) {
    if (w === '') continue;
    const syn = locale.synonyms[w];
    if (syn === undefined) out.push(w);
    else for (const s of syn.split(' ')) out.push(s);
  }
  return out;
}

const numberPhrasesByLocale = new WeakMap<Locale, { words: string[]; value: number }[]>();

/** The locale's number phrases split into words, longest first, once per locale. */
function numberPhrases(locale: Locale): { words: string[]; value: number }[] {
  let phrases = numberPhrasesByLocale.get(locale);
  if (phrases === undefined) {
    phrases = Object.entries(locale.numbers.phrases)
      .map(([phrase, value]) => ({ words: phrase.split(' '), value }))
      .sort((a, b) => b.words.length - a.words.length);
    numberPhrasesByLocale.set(locale, phrases);
  }
  return phrases;
}

/** Longest number phrase ("half a dozen") starting at i, as [value, words used]. */
function numberPhraseAt(words: readonly string[], i: number, locale: Locale): [number, number] | null {
  for (const phrase of numberPhrases(locale)) {
    let match = true;
    for (let k = 0; k < phrase.words.length && match; k++) match = words[i + k] === phrase.words[k];
    if (match) return [phrase.value, phrase.words.length];
  }
  return null;
}

/**
 * Spoken numbers to values. "twenty five" is 25 and "one hundred and eight" 108, but "twelve four"
 * stays two numbers (a teen never takes a unit after it) and "zero one" stays two digits, because
 * that is how bin codes and bays are read out.
 */
function readNumbers(words: readonly string[], locale: Locale): Token[] {
  const { units, teens, tens, scales, joiners, decimalPoint, zeroLetters } = locale.numbers;
  const out: Token[] = [];
  const small = (w: string | undefined): number | undefined =>
    w === undefined ? undefined : (units[w] ?? teens[w] ?? tens[w]);
  let i = 0;
  while (i < words.length) {
    const w = words[i] ?? '';
    const phrase = numberPhraseAt(words, i, locale);
    if (phrase !== null) {
      out.push(number(String(phrase[0]), phrase[0]));
      i += phrase[1];
      continue;
    }
    const isDigits = /^\d+(\.\d+)?$/.test(w);
    // "a hundred and fifty", "a dozen": an article before a scale word is one.
    const article = locale.numbers.one.includes(w) && scales[words[i + 1] ?? ''] !== undefined;
    const first = isDigits ? Number(w) : (small(w) ?? (article ? 1 : undefined));
    if (first === undefined) {
      // "oh" is zero only between digits ("b oh five one", "one oh eight").
      const prev = out[out.length - 1];
      const next = words[i + 1];
      if (
        zeroLetters.includes(w) &&
        prev !== undefined &&
        next !== undefined &&
        (/^\d+$/.test(next) || small(next) !== undefined) &&
        (prev.num !== null || prev.text.length === 1 || locale.letters[prev.text] !== undefined)
      ) {
        out.push(number('0', 0));
        i++;
        continue;
      }
      out.push(word(w));
      i++;
      continue;
    }
    // Accumulate one spoken number: [tens] [unit] [scale [and] ...].
    let value = first;
    let text = isDigits ? w : String(first);
    let parts: string[] | null = null;
    let j = i + 1;
    const lastKind = (): 'unit' | 'teen' | 'tens' | 'digits' =>
      isDigits ? 'digits' : units[w] !== undefined ? 'unit' : teens[w] !== undefined ? 'teen' : 'tens';
    let kind: 'unit' | 'teen' | 'tens' | 'digits' | 'scaled' = lastKind();
    let total = 0;
    for (;;) {
      const next = words[j];
      if (next === undefined) break;
      if (kind === 'tens' && units[next] !== undefined && units[next] !== 0) {
        parts = [String(value), String(units[next])];
        value += units[next];
        kind = 'unit';
        j++;
        continue;
      }
      const scale = scales[next];
      if (scale !== undefined && kind !== 'scaled' && !(isDigits && w.startsWith('0'))) {
        total += value * scale;
        value = 0;
        kind = 'scaled';
        parts = null;
        j++;
        // "one hundred and eight", "one hundred eight"
        const after = words[j];
        const afterJoin = after !== undefined && joiners.includes(after) ? words[j + 1] : after;
        const rest = small(afterJoin);
        if (rest !== undefined && afterJoin !== undefined) {
          j += after === afterJoin ? 1 : 2;
          value = rest;
          if (tens[afterJoin] !== undefined) {
            const unit = units[words[j] ?? ''];
            if (unit !== undefined && unit !== 0) {
              value += unit;
              j++;
            }
          }
        }
        continue;
      }
      if (kind === 'digits' || kind === 'unit' || kind === 'teen') {
        // "four point eight"
        const dec = words[j + 1];
        const decValue =
          dec === undefined ? undefined : (units[dec] ?? (/^\d$/.test(dec) ? Number(dec) : undefined));
        if (decimalPoint.includes(next) && decValue !== undefined && kind !== 'digits') {
          value = Number(`${value}.${decValue}`);
          j += 2;
          text = String(value);
          break;
        }
      }
      break;
    }
    value += total;
    if (total > 0 || kind === 'unit' || kind === 'tens' || kind === 'teen' || kind === 'scaled') {
      if (!isDigits || total > 0) text = String(value);
    }
    out.push(number(text, value, parts));
    i = j;
  }
  return out;
}

/** Transcript or name -> tokens: words normalised and stemmed, numbers read, compounds joined. */
export function tokenize(text: string, locale: Locale): Token[] {
  const tokens = readNumbers(rawWords(text, locale), locale).map((t) =>
    t.num === null ? word(locale.stem(t.text)) : t,
  );
  const compounds = compoundTable(locale);
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    const next = tokens[i + 1];
    const joined = next === undefined ? undefined : compounds.get(`${t.text} ${next.text}`);
    if (joined !== undefined && t.num === null && next?.num === null) {
      out.push(word(joined));
      i++;
    } else out.push(t);
  }
  return out;
}

const compoundTables = new WeakMap<Locale, Map<string, string>>();
function compoundTable(locale: Locale): Map<string, string> {
  let table = compoundTables.get(locale);
  if (table === undefined) {
    table = new Map();
    for (const [pair, joined] of Object.entries(locale.compounds))
      table.set(phraseWords(pair, locale).join(' '), joined);
    compoundTables.set(locale, table);
  }
  return table;
}

/** Splits each pattern of a phrase list ("can you", "please") into stemmed words. */
export function phraseWords(phrase: string, locale: Locale): string[] {
  return rawWords(phrase, locale).map((w) => locale.stem(w));
}
