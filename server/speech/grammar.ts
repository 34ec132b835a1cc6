import type { Vocabulary } from '../../common/voice/vocabulary.ts';
import { type DictionaryEntry, type Pronouncer, pronounce } from './dictionary.ts';

/**
 * The JSGF grammar the offline recogniser decodes with, generated from the live vocabulary and the
 * command phrasings, and the pronunciation dictionary that goes with it. A grammar constrains the
 * decoder to sentences a technician would say here (98% word accuracy where a general language
 * model got under 20%); anything else can only come out as filler words, which the parser turns
 * into `none`.
 */
export type SpeechGrammar = {
  jsgf: string;
  /** Any sequence of everyday and command words: the yardstick a command hypothesis is judged by. */
  fillerJsgf: string;
  dictionary: DictionaryEntry[];
  /** Every word the grammar can produce, sorted. */
  words: string[];
  /** Vocabulary phrases left out because a word in them has no pronunciation. */
  dropped: { phrase: string; word: string }[];
};

export type GrammarLocale = 'en';

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 0..999999 in words, the way people say quantities ("three hundred and twenty"). */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`Cannot say ${n}`);
  if (n >= 1000) {
    const rest = n % 1000;
    const head = `${numberWords(Math.floor(n / 1000))} thousand`;
    return rest === 0 ? head : `${head}${rest < 100 ? ' and' : ''} ${numberWords(rest)}`;
  }
  if (n >= 100) {
    const rest = n % 100;
    const head = `${ONES[Math.floor(n / 100)]} hundred`;
    return rest === 0 ? head : `${head} and ${numberWords(rest)}`;
  }
  if (n >= 20) return n % 10 === 0 ? `${TENS[n / 10]}` : `${TENS[Math.floor(n / 10)]} ${ONES[n % 10]}`;
  if (n >= 10) return TEENS[n - 10] ?? '';
  return ONES[n] ?? '';
}

/** Units written after a number in item names, as spoken. */
const UNITS: Readonly<Record<string, string>> = {
  mm: 'millimeter',
  cm: 'centimeter',
  m: 'meter',
  km: 'kilometer',
  kg: 'kilogram',
  g: 'gram',
  ft: 'foot',
  in: 'inch',
  l: 'liter',
  ml: 'milliliter',
  v: 'volt',
  w: 'watt',
  kw: 'kilowatt',
  a: 'amp',
  x: 'by',
};

type Token = { word: string; spelled: boolean };

const NOT_PLURAL: ReadonlySet<string> = new Set([
  ...ONES,
  ...TEENS,
  ...TENS.filter(Boolean),
  'hundred',
  'thousand',
  ...Object.values(UNITS),
]);

/**
 * A written vocabulary phrase as spoken words: "M8 hex bolt" -> m eight hex bolt, "HVAC air filter
 * 20x25" -> hvac (spelled) air filter twenty by twenty five, "3-phase contactor 25A" -> three phase
 * contactor twenty five amp.
 */
export function spokenTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const raw of text.split(/[\s\-_/,.]+/)) {
    if (!raw) continue;
    // Letter/digit boundaries split: M8 -> M 8, 20x25 -> 20 x 25, 4ft -> 4 ft.
    const parts = raw.match(/[A-Za-z']+|\d+/g) ?? [];
    parts.forEach((part, i) => {
      if (/^\d+$/.test(part)) {
        out.push(
          ...numberWords(Number(part))
            .split(' ')
            .map((word) => ({ word, spelled: false })),
        );
        return;
      }
      const lower = part.toLowerCase();
      const afterNumber = i > 0 && /^\d+$/.test(parts[i - 1] ?? '');
      const unit = afterNumber ? UNITS[lower] : undefined;
      if (unit) out.push({ word: unit, spelled: false });
      else
        out.push({
          word: lower,
          spelled: part.length > 1 && part === part.toUpperCase() && !part.includes("'"),
        });
    });
  }
  return out;
}

function plural(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

const BIN_CODE = /^([A-Za-z]+)-(\d+)-(\d+)$/;

/** Letters of an aisle as spoken words ("AA" -> a a). */
function letters(s: string): string {
  return s.toLowerCase().split('').join(' ');
}

/** The command phrasings per locale, as JSGF rule bodies over the vocabulary rules. */
const PHRASES: Readonly<Record<GrammarLocale, Record<string, string>>> = {
  en: {
    the: 'the | a | an | some | any | those | these',
    qty: '<number> | a dozen | half a dozen | a couple [of] | a pair of | one pair of',
    pack: 'pairs | pair | boxes | box | packs | pack | rolls | roll | pieces | units | bags | cans',
    binref: '[bin | location] <bin>',
    find: '(where (is | are | can i find | do we keep | do i find | would i find) | find | locate | show me where | look for | search for | i need) [<the>] <item> [is | are | are kept]',
    stock:
      'how many [<the>] <item> [do we have | are there | are left | are in stock | do we have left | have we got | are | are there] [(in | at) <binref>]' +
      ' | how much [<the>] <item> [is left | is in stock | is there | do we have] [(in | at) <binref>]' +
      ' | (do we have | are there | is there | have we got) any <item> [left | in stock]' +
      ' | (stock level | stock | quantity | inventory) (of | for | on) [<the>] <item> [(in | at) <binref>]' +
      " | (what's | what is) the (stock | stock level | quantity) of [<the>] <item>" +
      ' | check [the] stock (of | for | on) [<the>] <item>',
    navigate:
      '(take me to | go to | navigate to | guide me to | show me the way to | directions to | how do i get to | lead me to | route to | walk me to) [<the>] (<item> | <binref> | <asset>)',
    pick: '(pick | take | grab | get | remove | issue | i took | i picked | i grabbed | i used) <qty> [<pack> of] <item> [from <binref>]',
    put_away:
      '(put away | put back | return | store | restock | i returned | i put away | i put back) <qty> [<pack> of] <item> [(to | in | into | at) <binref>]',
    count:
      'count <qty> <item> (in | at) <binref>' +
      ' | (bin | location) <bin> (has | contains | holds) <qty> [<pack> of] <item>' +
      ' | there (are | is) <qty> [<pack> of] <item> (in | at) <binref>' +
      ' | i counted <qty> <item> (in | at) <binref>' +
      ' | (bin | location) <bin> is empty',
    low_stock:
      '(show | list | show me) [the] low stock [items | report]' +
      " | (what's | what is | what are | which items are | what items are | anything) (running low | low on stock)" +
      ' | (anything | what do | is there anything) we need to reorder' +
      ' | what needs reordering | low stock',
    priority: 'low | medium | high | urgent',
    create_work_order:
      '(create | open | log | raise | new | start) [a | an] [<priority>] (work order | job | ticket) [for | on] [<the>] <asset> [<description>] [[with] <priority> priority]' +
      ' | report a (fault | problem | breakdown) (on | with) [<the>] <asset> [<description>] [<priority> priority]',
    // What is wrong, said after the asset; it becomes the work order's description.
    description:
      "(it's | it is | is | it | making | a | an | the | not | no | won't | doesn't | isn't | has | there's | noise | noisy | grinding | squealing | " +
      'rattling | leaking | leak | leaks | hydraulic | oil | water | smoke | smoking | smell | burning | hot | cold | overheating | ' +
      'vibrating | vibration | tripped | tripping | alarm | fault | error | broken | stuck | start | starting | stopped | working | ' +
      'running | filter | clogged | blocked | dirty | light | lights | door | belt | loose | worn | low | pressure | flat | ' +
      'damaged | cracked | again | very | loud)+',
    wo: '(work order | job) [number] <number>',
    work_order_status:
      "(what's | what is) the status of <wo> | (status of | any updates on | update on | how is) <wo>" +
      ' | show [me] my [open] work orders | what work orders are assigned to me | my work orders',
    complete_work_order:
      '(complete | close | finish) <wo> | mark <wo> as (done | complete | finished | closed) | <wo> is (done | complete | finished)',
    start_audit:
      '(start | run | begin | launch) [a | an] [full] drone audit [of aisle <aisle>]' +
      ' | audit aisle <aisle> [with the drone] | send the drone to (scan | audit | check) aisle <aisle>' +
      ' | (start | run) [an] audit of aisle <aisle>',
    cancel: 'cancel [that | it] | never mind | stop [navigation | that] | forget it | no [thanks]',
    confirm:
      "yes [please | go ahead | do it] | confirm | yeah | yep | correct | go ahead | do it | okay | sure | that's right",
    help: 'help | what can i say | what commands are there | what can you do',
    // Answers to "did you mean X or Y": an ordinal, or the name itself.
    choose:
      '[the] (first | second | third | last | other | former | latter) [one] | [the] (<item> | <asset>)',
    // Hands-free mode's wake phrases (client/src/voice/wake.ts): alone, or before a command.
    wake: 'hey twin | hi twin | ok twin | okay twin',
  },
};

/**
 * For large catalogues. PocketSphinx's JSGF compiler copies a rule into every place it is used, so
 * an item rule of thousands of names used in fifteen phrasings became a search graph it could not
 * follow (no hypothesis at all, seconds per utterance). Here every item phrasing shares one use of
 * <item>: everything said before an item, the item, everything said after it. The grammar accepts
 * more odd sentences this way; the parser sorts out the intent.
 */
const COMPACT_PHRASES: Readonly<Record<GrammarLocale, Record<string, string>>> = {
  en: {
    before_item:
      '(where (is | are | can i find | do we keep | do i find | would i find) | find | locate | show me where | look for | search for | i need) [<the>]' +
      ' | how (many | much) [<the>] | (do we have | are there | is there | have we got) any' +
      " | (stock level | stock | quantity | inventory) (of | for | on) [<the>] | (what's | what is) the (stock | stock level | quantity) of [<the>]" +
      ' | (take me to | go to | navigate to | guide me to | show me the way to | directions to | how do i get to | lead me to | route to | walk me to) [<the>]' +
      ' | (pick | take | grab | get | remove | issue | i took | i picked | i grabbed | i used) <qty> [<pack> of]' +
      ' | (put away | put back | return | store | restock | i returned | i put away | i put back) <qty> [<pack> of]' +
      ' | (count | i counted) <qty> | (bin | location) <bin> (has | contains | holds) <qty> [<pack> of]' +
      ' | there (are | is) <qty> [<pack> of] | the',
    after_item:
      '(is | are | are kept | do we have | are there | are left | are in stock | do we have left | have we got | is left | is in stock | is there | left | in stock) [(in | at) <binref>]' +
      ' | (in | at | from | to | into) <binref>',
    find: '<before_item> <item> [<after_item>]',
    count: '(bin | location) <bin> is empty',
    navigate:
      '(take me to | go to | navigate to | guide me to | show me the way to | directions to | how do i get to | lead me to | route to | walk me to) [<the>] (<binref> | <asset>)',
    choose: '[the] (first | second | third | last | other | former | latter) [one] | [the] <asset>',
  },
};

const FOLDED_INTO_FIND: ReadonlySet<string> = new Set(['stock', 'pick', 'put_away']);

/**
 * Everyday words, so speech that is not a command comes out as words the parser rejects instead of
 * being forced onto the nearest command (the recipe saw "please call my manager" become a restock).
 */
const FILLER_EN =
  "i you he she we they it me him her us them my your our their this that what's what when who why how " +
  'is are was were be been am do does did have has had will would can could should shall may might must ' +
  'not no yes and or but so if then than because about with without of on in at by for from up down out ' +
  'over under again there here very just also only really well oh hey hello hi thanks thank please sorry ' +
  'good bad great nice new old big small long little last next first time day today tomorrow yesterday ' +
  'night morning evening week year minute minutes hour weather like rain sun hot cold call phone mother ' +
  'father mom dad friend wife husband manager boss play music song game watch see look tell say said ' +
  'think know want need go going come get make let lunch dinner coffee tea eat drink home car road ' +
  'meeting email message send read write book movie news sport football match team win lost quick ' +
  'brown fox jumps lazy dog cat the a an be there five ten all some any every thing nothing something';

/** Above this many items and assets the grammar is built compact (see buildSpeechGrammar). */
const COMPACT_ABOVE = 300;

export type GrammarOptions = { locale?: GrammarLocale };

/**
 * Builds the grammar and its dictionary. Vocabulary phrases with a word that cannot be pronounced
 * are dropped (and listed) rather than breaking the whole grammar.
 */
export function buildSpeechGrammar(
  vocabulary: Vocabulary,
  lookup: Pronouncer,
  options: GrammarOptions = {},
): SpeechGrammar {
  const locale = options.locale ?? 'en';
  const pron = new Map<string, string[]>();
  const dropped: SpeechGrammar['dropped'] = [];

  const sayable = (tokens: Token[]): string | null => {
    for (const t of tokens) {
      if (pron.has(t.word) && !t.spelled) continue;
      const p = pronounce(t.word, lookup, t.spelled);
      if (!p) return t.word;
      const known = pron.get(t.word) ?? [];
      pron.set(t.word, [...known, ...p.filter((x) => !known.includes(x))]);
    }
    return null;
  };

  // A large catalogue (the demo store has 2,200 items) makes a rule of thousands of alternatives, and
  // PocketSphinx then loses the right path (and takes seconds). There, names are said up to their
  // first comma or bracket ("M8 x 30 hex bolt, zinc plated" -> "M8 x 30 hex bolt") and without the
  // plural variants; aliases stay as they are.
  const compact = vocabulary.items.length + vocabulary.assets.length > COMPACT_ABOVE;

  /** A vocabulary rule: each name/alias, singular and plural, as alternatives. */
  const nameRule = (names: string[]): string[] => {
    const out = new Set<string>();
    for (const [index, full] of names.entries()) {
      const name = compact && index === 0 ? (full.split(/[,(]/)[0] ?? full) : full;
      const tokens = spokenTokens(name);
      if (tokens.length === 0) continue;
      const missing = sayable(tokens);
      if (missing) {
        dropped.push({ phrase: name, word: missing });
        continue;
      }
      const words = tokens.map((t) => t.word);
      out.add(words.join(' '));
      const last = tokens[tokens.length - 1];
      // "chiller two" and "led tube four foot" have no plural of their last word.
      if (
        !compact &&
        last &&
        !last.spelled &&
        /^[a-z]{3,}$/.test(last.word) &&
        !last.word.endsWith('s') &&
        !NOT_PLURAL.has(last.word)
      ) {
        const pluralTokens = [...tokens.slice(0, -1), { word: plural(last.word), spelled: false }];
        if (!sayable(pluralTokens)) out.add(pluralTokens.map((t) => t.word).join(' '));
      }
    }
    return [...out];
  };

  const items = vocabulary.items.flatMap((i) => nameRule([i.name, ...i.aliases]));
  const assets = vocabulary.assets.flatMap((a) => nameRule([a.name, ...a.aliases, a.tag]));
  const bin = binRule(vocabulary.locations.map((l) => l.code));
  const aisles = [...new Set(vocabulary.aisles.map((a) => letters(a)))];

  const rules: [string, string][] = [
    ['digit', ONES.slice(1).join(' | ')],
    ['teen', TEENS.join(' | ')],
    ['tens', TENS.slice(2).join(' | ')],
    ['below100', '<digit> | <teen> | <tens> [<digit>]'],
    ['number', '<below100> | (a | <digit>) hundred [[and] <below100>] | zero'],
    ['item', alternatives(items)],
    ['asset', alternatives(assets)],
    ['bin', bin],
    ['aisle', alternatives(aisles)],
    ...Object.entries({ ...PHRASES[locale], ...(compact ? COMPACT_PHRASES[locale] : {}) }).filter(
      ([name]) => !compact || !FOLDED_INTO_FIND.has(name),
    ),
  ];
  const commands = [
    'find',
    'stock',
    'navigate',
    'pick',
    'put_away',
    'count',
    'low_stock',
    'create_work_order',
    'work_order_status',
    'complete_work_order',
    'start_audit',
    'cancel',
    'confirm',
    'help',
    'choose',
  ]
    // Compact grammars say every item phrasing through <find>.
    .filter((c) => !compact || !FOLDED_INTO_FIND.has(c))
    .map((c) => `<${c}>`)
    .join(' | ');
  const jsgf = [
    '#JSGF V1.0;',
    'grammar twinventory;',
    `public <utterance> = [<wake>] [please | can you | could you] (${commands}) [please | thanks] | <wake>;`,
    ...rules.map(([name, body]) => `<${name}> = ${body};`),
  ].join('\n');
  const fillerJsgf = [
    '#JSGF V1.0;',
    'grammar filler;',
    'public <utterance> = <filler>+;',
    // Everyday words only: the command words would make this decoder twice as slow, and leaving
    // them out only makes real commands fit the command grammar better than this yardstick.
    `<filler> = ${[...new Set(FILLER_EN.split(' '))].join(' | ')};`,
  ].join('\n');

  const all = new Set([...grammarWords(jsgf), ...grammarWords(fillerJsgf)]);
  pron.set(NEVER_SAID, [NEVER_SAID_PHONES]);
  for (const word of all) {
    if (pron.has(word)) continue;
    const p = pronounce(word, lookup);
    if (!p) throw new Error(`The command phrasings use "${word}", which has no pronunciation`);
    pron.set(word, p);
  }
  const words = [...all].sort();
  const dictionary = words.flatMap((word) => (pron.get(word) ?? []).map((phones) => ({ word, phones })));
  return { jsgf: `${jsgf}\n`, fillerJsgf: `${fillerJsgf}\n`, dictionary, words, dropped };
}

/**
 * An empty rule would make the grammar invalid, and PocketSphinx's JSGF compiler mishandles <VOID>
 * (every sentence then came back empty), so an empty vocabulary rule gets one word no one says.
 */
const NEVER_SAID = 'nothingatall';
const NEVER_SAID_PHONES = 'ZH OY ZH OY ZH OY';

function alternatives(list: readonly string[]): string {
  return list.length > 0 ? list.join(' | ') : NEVER_SAID;
}

/**
 * Bin codes like B-03-2 as aisle letter, bay and level numbers ("b three two", "b zero three
 * two"). One rule over letters x bays x levels rather than one alternative per bin keeps the grammar
 * small for 50,000 bins; the parser checks the code exists. Other codes are spelled out one by one.
 */
function binRule(codes: readonly string[]): string {
  const aisles = new Set<string>();
  const bays = new Set<number>();
  const levels = new Set<number>();
  const other = new Set<string>();
  let padded = false;
  for (const code of codes) {
    const m = BIN_CODE.exec(code);
    if (m?.[1] && m[2] && m[3]) {
      aisles.add(letters(m[1]));
      bays.add(Number(m[2]));
      levels.add(Number(m[3]));
      if (m[2].startsWith('0')) padded = true;
    } else {
      const spoken = spokenTokens(code).map((t) => (t.spelled ? letters(t.word) : t.word));
      if (spoken.length > 0) other.add(spoken.join(' '));
    }
  }
  const say = (n: number) => numberWords(n);
  const alts: string[] = [];
  if (aisles.size > 0) {
    const bay = [...bays].sort((a, b) => a - b).map(say);
    const level = [...levels].sort((a, b) => a - b).map(say);
    alts.push(
      `(${[...aisles].join(' | ')}) ${padded ? '[zero | oh] ' : ''}(${bay.join(' | ')}) (${level.join(' | ')})`,
    );
  }
  alts.push(...other);
  return alternatives(alts);
}

/** The words of a JSGF text (rule names, weights and operators removed). */
export function grammarWords(jsgf: string): Set<string> {
  const words = new Set<string>();
  for (const line of jsgf.split('\n')) {
    if (line.startsWith('#') || line.startsWith('grammar ')) continue;
    const body = line.slice(line.indexOf('=') + 1);
    const cleaned = body.replace(/<[^>]*>/g, ' ').replace(/\/[0-9.]+\//g, ' ');
    for (const w of cleaned.split(/[\s|()[\];+*]+/)) if (w) words.add(w);
  }
  return words;
}
