import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Vocabulary } from '../../common/voice/vocabulary.ts';
import { dictionaryText, parseCmuDictionary, pronounce } from './dictionary.ts';
import { buildSpeechGrammar, grammarWords, numberWords, spokenTokens } from './grammar.ts';

/** A few real CMU entries; words absent here behave like words absent from the full dictionary. */
const CMU_SAMPLE = `
a AH
a(2) EY
bolt B OW L T
bolts B OW L T S
hex HH EH K S
nut N AH T
contact K AA N T AE K T
or AO R
tube T UW B
led L EH D
chiller CH IH L ER
gloves G L AH V Z
large L AA R JH
rile R AY L
nit N IH T
air EH R
filter F IH L T ER
phase F EY Z
amp AE M P
foot F UH T
by B AY
mil M IH L
bracket B R AE K AH T
flange F L AE N JH
`;

const FULL_CMU = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict';

const vocabulary: Vocabulary = {
  items: [
    { id: '1', name: 'M8 hex bolt', aliases: ['M8 bolt', 'eight mil bolt'], sku: 'FAS-M8-40' },
    { id: '2', name: 'HVAC air filter 20x25', aliases: ['air filter'], sku: 'HVAC-F2025' },
    { id: '3', name: '3-phase contactor 25A', aliases: ['contactor'], sku: 'ELE-C25' },
    { id: '4', name: 'LED tube 4ft', aliases: ['LED tube'], sku: 'ELE-LED4' },
    { id: '5', name: 'Nitrile gloves large', aliases: ['gloves'], sku: 'PPE-NGL' },
    { id: '6', name: 'Pfftkrz bracket', aliases: ['qwxqzt flange', 'Xqwv'], sku: 'ODD-1' },
  ],
  locations: [
    { code: 'A-01-1', aisle: 'A' },
    { code: 'B-03-2', aisle: 'B' },
    { code: 'C-12-4', aisle: 'C' },
    { code: 'DOCK-1', aisle: 'D' },
  ],
  aisles: ['A', 'B', 'C'],
  assets: [{ id: '10', name: 'Chiller 2', aliases: [], tag: 'CH-2' }],
};

describe('spoken forms of written names', () => {
  test('numbers are said the way people say quantities', () => {
    expect(numberWords(0)).toBe('zero');
    expect(numberWords(12)).toBe('twelve');
    expect(numberWords(25)).toBe('twenty five');
    expect(numberWords(40)).toBe('forty');
    expect(numberWords(108)).toBe('one hundred and eight');
    expect(numberWords(320)).toBe('three hundred and twenty');
    expect(numberWords(2500)).toBe('two thousand five hundred');
  });

  test('model numbers, sizes and units split into words; acronyms are marked to be spelled', () => {
    const said = (s: string) => spokenTokens(s).map((t) => (t.spelled ? `${t.word}!` : t.word));
    expect(said('M8 hex bolt')).toEqual(['m', 'eight', 'hex', 'bolt']);
    expect(said('HVAC air filter 20x25')).toEqual([
      'hvac!',
      'air',
      'filter',
      'twenty',
      'by',
      'twenty',
      'five',
    ]);
    expect(said('3-phase contactor 25A')).toEqual(['three', 'phase', 'contactor', 'twenty', 'five', 'amp']);
    expect(said('LED tube 4ft')).toEqual(['led!', 'tube', 'four', 'foot']);
    expect(said('V-belt A42')).toEqual(['v', 'belt', 'a', 'forty', 'two']);
  });
});

describe('pronunciations', () => {
  const cmu = parseCmuDictionary(CMU_SAMPLE);
  const lookup = (w: string) => cmu.get(w);

  test('the CMU format is read with numbered variants', () => {
    expect(cmu.get('a')).toEqual(['AH', 'EY']);
    expect(
      dictionaryText([
        { word: 'a', phones: 'AH' },
        { word: 'a', phones: 'EY' },
      ]),
    ).toBe('a AH\na(2) EY\n');
  });

  test('an acronym also gets its letter-by-letter reading; an unknown one only that', () => {
    expect(pronounce('led', lookup, true)).toEqual(['L EH D', 'EH L IY D IY']);
    expect(pronounce('hvac', lookup, true)).toEqual(['EY CH V IY EY S IY']);
  });

  test('words missing from the dictionary are built from known plurals and pieces, or refused', () => {
    expect(pronounce('tubes', lookup)).toEqual(['T UW B Z']);
    expect(pronounce('contactor', lookup)).toEqual(['K AA N T AE K T AO R']);
    expect(pronounce('contactors', lookup)).toEqual(['K AA N T AE K T AO R Z']);
    expect(pronounce('nitrile', lookup)).toEqual(['N IH T R AY L']);
    expect(pronounce('qzxvwqpt', lookup)).toBeNull();
  });
});

describe('the grammar built from a vocabulary', () => {
  const cmu = parseCmuDictionary(CMU_SAMPLE);
  // The command phrasings' own words come from the full dictionary in production; here they get a
  // dummy pronunciation, so the test pins the handling of vocabulary words alone.
  const empty: Vocabulary = { items: [], locations: [], aisles: [], assets: [] };
  const phrasing = buildSpeechGrammar(empty, () => ['AH']).words;
  const lookup = (w: string) => cmu.get(w) ?? (phrasing.includes(w) ? ['AH'] : undefined);
  const grammar = buildSpeechGrammar(vocabulary, lookup);

  test('every word the grammar can produce has a pronunciation in its dictionary', () => {
    const inDictionary = new Set(grammar.dictionary.map((e) => e.word));
    for (const word of grammarWords(grammar.jsgf)) expect(inDictionary, word).toContain(word);
    for (const word of grammarWords(grammar.fillerJsgf)) expect(inDictionary, word).toContain(word);
  });

  test('names, aliases and plurals are alternatives of the item rule', () => {
    const itemRule = grammar.jsgf.split('\n').find((l) => l.startsWith('<item> ='));
    expect(itemRule).toContain('m eight hex bolt | m eight hex bolts');
    expect(itemRule).toContain('eight mil bolt');
    expect(itemRule).toContain('hvac air filter twenty by twenty five');
    expect(itemRule).toContain('contactor | contactors');
    expect(itemRule).toContain('led tube | led tubes');
    expect(itemRule).toContain('gloves');
  });

  test('a name with an unpronounceable word is left out and reported, the rest still works', () => {
    expect(grammar.dropped).toEqual([
      { phrase: 'Pfftkrz bracket', word: 'pfftkrz' },
      { phrase: 'qwxqzt flange', word: 'qwxqzt' },
    ]);
    expect(grammar.jsgf).not.toContain('pfftkrz');
    // A short unknown word is spelled out instead.
    expect(grammar.jsgf).toContain('| xqwv');
    expect(grammar.dictionary).toContainEqual({
      word: 'xqwv',
      phones: 'EH K S K Y UW D AH B AH L Y UW V IY',
    });
    expect(grammar.jsgf).toContain('<asset> = chiller two | ch two;');
  });

  test('bin codes are aisle letter, bay and level as spoken numbers; other codes are spelled', () => {
    const binRule = grammar.jsgf.split('\n').find((l) => l.startsWith('<bin> ='));
    expect(binRule).toBe(
      '<bin> = (a | b | c) [zero | oh] (one | three | twelve) (one | two | four) | d o c k one;',
    );
  });

  test('a large catalogue uses <item> once, names up to their first comma, and nothing is <VOID>', () => {
    const many: Vocabulary = {
      ...vocabulary,
      items: Array.from({ length: 400 }, (_, i) => ({
        id: String(i),
        name: `Bolt ${i + 1}, zinc plated`,
        aliases: [],
        sku: `B-${i}`,
      })),
      assets: [],
    };
    const big = buildSpeechGrammar(many, lookup);
    const uses = big.jsgf.split('\n').filter((l) => !l.startsWith('<item> =') && l.includes('<item>'));
    expect(uses).toHaveLength(1);
    expect(big.jsgf).toContain('bolt one hundred and one |');
    expect(big.jsgf).not.toContain('zinc');
    expect(big.jsgf).not.toContain('<VOID>');
    expect(big.jsgf).toContain('<asset> = nothingatall;');
    expect(new Set(big.dictionary.map((e) => e.word))).toContain('nothingatall');
  });

  test('the wake phrase may come alone or before a command', () => {
    expect(grammar.jsgf).toMatch(/public <utterance> = \[<wake>\] .* \| <wake>;/);
  });

  test.skipIf(!existsSync(FULL_CMU))(
    'with the real CMU dictionary (SKIPPED where pocketsphinx-en-us is absent) nothing real is dropped',
    () => {
      const full = parseCmuDictionary(readFileSync(FULL_CMU, 'utf8'));
      const real = buildSpeechGrammar(
        { ...vocabulary, items: vocabulary.items.filter((i) => i.id !== '6') },
        (w) => full.get(w),
      );
      expect(real.dropped).toEqual([]);
      expect(real.words.length).toBeGreaterThan(300);
    },
  );
});
