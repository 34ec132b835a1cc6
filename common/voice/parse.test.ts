import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readVocabulary } from './eval-files.ts';
import { en } from './locales/en.ts';
import { compileVocabulary, nearestNames, parse } from './parse.ts';
import { tokenize } from './tokens.ts';
import type { Intent, Vocabulary } from './vocabulary.ts';

/** A small facility unlike the dev set's, with names that carry numbers and letters. */
const VOCAB: Vocabulary = {
  items: [
    { id: 'bolt-m8', name: 'M8 x 30 hex bolt, zinc plated', aliases: ['M8 bolts'], sku: 'FST-M8-030' },
    { id: 'bolt-m10', name: 'M10 x 40 hex bolt, zinc plated', aliases: ['M10 bolts'], sku: 'FST-M10-040' },
    { id: 'belt-a42', name: 'A42 V-belt', aliases: ['A42 belt', 'vee belt'], sku: 'BLT-A42' },
    { id: 'glasses', name: 'Safety glasses, clear', aliases: ['safety specs'], sku: 'PPE-SG' },
    { id: 'battery-aa', name: 'AA alkaline battery', aliases: ['double a batteries'], sku: 'BAT-AA' },
    { id: 'filter-2025', name: 'Panel filter 20x25', aliases: ['20 by 25 filter'], sku: 'FLT-2025' },
    { id: 'led-4ft', name: 'LED tube 4ft', aliases: ['four foot tube'], sku: 'LMP-T8-4' },
    { id: 'bearing-6204', name: '6204 deep groove ball bearing', aliases: ['6204'], sku: 'BRG-6204' },
    { id: 'elbow-brass', name: '28 mm brass compression elbow', aliases: ['28mm elbow'], sku: 'FIT-CMP-28' },
    { id: 'elbow-copper', name: '28 mm copper press-fit elbow', aliases: ['28mm elbow'], sku: 'FIT-PR-28' },
    { id: 'gloves', name: 'Rigger gloves, size 10', aliases: ['riggers'], sku: 'PPE-RIG-10' },
  ],
  locations: ['A-01-1', 'A-01-2', 'A-04-2', 'B-05-1', 'C-12-4', 'C-20-4', 'D-08-2', 'K-24-5'].map((code) => ({
    code,
    aisle: code.slice(0, 1),
  })),
  aisles: ['A', 'B', 'C', 'D', 'K'],
  assets: [
    { id: 'ahu-1', name: 'Air handler 1', aliases: ['AHU 1'], tag: 'AHU-1' },
    { id: 'chiller-2', name: 'Chiller 2', aliases: [], tag: 'CH-2' },
    { id: 'pump-5', name: 'Pump 5', aliases: [], tag: 'P-05' },
    { id: 'lift-a', name: 'Goods lift A', aliases: ['lift A'], tag: 'LFT-A' },
  ],
};

const cmd = (text: string, vocabulary: Vocabulary = VOCAB) => {
  const { intent, slots } = parse(text, vocabulary);
  return { intent, slots };
};
const numbers = (text: string) => tokenize(text, en).flatMap((t) => (t.num === null ? [] : [t.num]));

describe('number words', () => {
  test.each([
    ['twenty five', [25]],
    ['a dozen', [12]],
    ['half a dozen', [6]],
    ['three hundred and twenty', [320]],
    ['one hundred and eight', [108]],
    ['one hundred eight', [108]],
    ['two thousand', [2000]],
    ['a hundred and fifty', [150]],
    ['two dozen', [24]],
    ['a couple of', [2]],
    ['four point eight', [4.8]],
    ['1,000', [1000]],
    // Read out digit by digit, as bins and bays are: each stays its own number.
    ['twelve four', [12, 4]],
    ['zero one', [0, 1]],
    ['b oh five one', [0, 5, 1]],
  ])('"%s" -> %j', (text, want) => {
    expect(numbers(text)).toEqual(want);
  });

  test('quantities in commands come out as integers', () => {
    expect(cmd('pick twenty five m8 bolts')).toEqual({ intent: 'pick', slots: { item: 'bolt-m8', qty: 25 } });
    expect(cmd('grab a dozen safety specs')).toEqual({ intent: 'pick', slots: { item: 'glasses', qty: 12 } });
    expect(cmd('put away three hundred and twenty double a batteries')).toEqual({
      intent: 'put_away',
      slots: { item: 'battery-aa', qty: 320 },
    });
    expect(cmd('close job one hundred and eight')).toEqual({
      intent: 'complete_work_order',
      slots: { work_order: 108 },
    });
  });
});

describe('bin codes', () => {
  test.each([
    ['take me to B-05-1', 'B-05-1'],
    ['go to b 05 1', 'B-05-1'],
    ['navigate to bin C twelve four', 'C-12-4'],
    ['take me to bin D 08 2', 'D-08-2'],
    ['take me to a zero one dash two', 'A-01-2'],
    ['go to bravo oh five one', 'B-05-1'],
    ['go to bin kilo twenty four five', 'K-24-5'],
    // "twenty four" could be bay 24 or bay 20 level 4; only C-20-4 exists.
    ['go to charlie twenty four', 'C-20-4'],
  ])('"%s" -> %s', (text, location) => {
    expect(cmd(text)).toEqual({ intent: 'navigate', slots: { location } });
  });

  test('aisles: after "aisle", or a letter ending the sentence after "of"', () => {
    expect(cmd('start a drone audit of aisle bravo')).toEqual({
      intent: 'start_audit',
      slots: { aisle: 'B' },
    });
    expect(cmd('run a drone audit of c')).toEqual({ intent: 'start_audit', slots: { aisle: 'C' } });
    expect(cmd('take me to lift a')).toEqual({ intent: 'navigate', slots: { asset: 'lift-a' } });
  });

  test('a code that is not in the vocabulary is not invented', () => {
    expect(cmd('go to b 99 9').intent).toBe('none');
  });

  test('a letter and number inside a name is not a bin, even where such a bin exists', () => {
    // A-04-2 exists, yet "A42" here is the belt.
    expect(cmd('pick 2 a42 belts')).toEqual({ intent: 'pick', slots: { item: 'belt-a42', qty: 2 } });
  });
});

describe('names: plurals, aliases, numbers inside names', () => {
  test.each([
    ['where are the safety glasses', 'glasses'],
    ['where is the vee belt', 'belt-a42'],
    ['where are the double a batteries', 'battery-aa'],
    ['where are the 20 by 25 filters', 'filter-2025'],
    ['where are the four foot tubes', 'led-4ft'],
    ['where are the 6204 bearings', 'bearing-6204'],
    ['where are the m ten bolts', 'bolt-m10'],
    ['where are the FST-M10-040', 'bolt-m10'],
  ])('"%s" -> %s', (text, item) => {
    expect(cmd(text)).toEqual({ intent: 'find_item', slots: { item } });
  });

  test('a quantity is not swallowed into a name, nor a name number taken as a quantity', () => {
    expect(cmd('pick 4 m8 bolts')).toEqual({ intent: 'pick', slots: { item: 'bolt-m8', qty: 4 } });
    expect(cmd('pick 20 20 by 25 filters')).toEqual({
      intent: 'pick',
      slots: { item: 'filter-2025', qty: 20 },
    });
    expect(cmd('grab 3 pairs of riggers')).toEqual({ intent: 'pick', slots: { item: 'gloves', qty: 3 } });
    // "Rigger gloves, size 10": the 10 said before the name is a quantity, not the size.
    expect(cmd('pick 10 rigger gloves')).toEqual({ intent: 'pick', slots: { item: 'gloves', qty: 10 } });
    expect(cmd('take me to air handler one')).toEqual({ intent: 'navigate', slots: { asset: 'ahu-1' } });
    expect(cmd('create a work order for chiller 2')).toEqual({
      intent: 'create_work_order',
      slots: { asset: 'chiller-2' },
    });
  });

  test('a word heard one letter off still finds its name when another word anchors it', () => {
    expect(cmd('pick 2 safety glases')).toEqual({ intent: 'pick', slots: { item: 'glasses', qty: 2 } });
  });

  test('acronyms may be spelled out', () => {
    expect(cmd('take me to a h u one')).toEqual({ intent: 'navigate', slots: { asset: 'ahu-1' } });
    expect(cmd('where are the l e d tubes')).toEqual({ intent: 'find_item', slots: { item: 'led-4ft' } });
  });

  test('tags are names too', () => {
    expect(cmd('open an urgent work order for ahu 1')).toEqual({
      intent: 'create_work_order',
      slots: { asset: 'ahu-1', priority: 'urgent' },
    });
  });

  test('a name two items share is offered back as a choice', () => {
    const r = parse('where are the 28mm elbows', VOCAB);
    expect(r.intent).toBe('find_item');
    expect(r.alternatives).toEqual({ slot: 'item', ids: ['elbow-brass', 'elbow-copper'] });
  });

  test('a clear name has no alternatives', () => {
    expect(parse('where are the m8 bolts', VOCAB).alternatives).toBeUndefined();
  });
});

describe('fillers and everyday speech', () => {
  test('fillers do not get in the way', () => {
    expect(cmd('um can you please pick uh two m8 bolts')).toEqual({
      intent: 'pick',
      slots: { item: 'bolt-m8', qty: 2 },
    });
  });

  test.each([
    "what's the weather like today",
    'play some music',
    'call my mother',
    'the quick brown fox jumps over the lazy dog',
    "I'll be there in five minutes",
  ])('"%s" -> none', (text) => {
    expect(cmd(text)).toEqual({ intent: 'none', slots: {} });
  });

  test('a long stretch of overheard talk is not a command', () => {
    const talk =
      'so I was in the store and I picked up some m8 bolts and then I went over to the chiller and ' +
      'took two of the safety specs and then I counted the bolts in bin a 01 1 and there were forty ' +
      'of them which seemed like a lot to me';
    expect(cmd(talk)).toEqual({ intent: 'none', slots: {} });
  });

  const ACTIONS: Intent[] = ['pick', 'put_away', 'count', 'create_work_order', 'complete_work_order'];
  const EVERYDAY = [
    'pick up the kids at five',
    'I picked a winner',
    'take a seat',
    'take five',
    'take two aspirin and call me in the morning',
    'put the kettle on',
    'put your feet up',
    'return the rental car',
    'I returned the call',
    'count me in',
    'I counted sheep all night',
    'there are 3 reasons why',
    'open the window',
    'open a bottle of wine',
    'close the door',
    'close the deal by friday',
    'mark my words',
    'the job is done',
    'I finished my lunch',
    'report card day tomorrow',
    'my car is broken',
    'the coffee machine is leaking',
    'grab me a sandwich',
    'I need 2 coffees',
    'used 20 minutes of my break',
    'the lift was fun',
    'five pumpkins for halloween',
    'chill out',
    'store the leftovers in the fridge',
    'we counted 40 people at the party',
    'bring back the nineties',
    'I took the bus',
    'is it done yet',
    'pick a card any card',
    'give me 10 minutes',
    'take two tablets with water',
    'I counted twenty cars in the car park',
    'there are two bins in the kitchen',
    'close the blinds in room two',
    'the printer is broken again',
    'my laptop battery is dead',
    'grab three chairs for the meeting',
    'order two pizzas for lunch',
    'add three eggs to the mix',
    'put five pounds in the kitty',
    "I'll grab the bolts later",
    'the meeting is in room B 12',
    'call extension 2 0 5',
    'my pin is 1 2 3 4',
    'the chiller in my garage is broken',
    'my safety specs are scratched, log a job',
    'the pump at home needs a service',
  ];
  const STORE = fileURLToPath(new URL('fixtures/store-vocab.json', import.meta.url));
  const store = readVocabulary(readFileSync(STORE, 'utf8'), STORE);
  test.each(EVERYDAY)('"%s" takes no action', (text) => {
    for (const vocabulary of [VOCAB, store]) expect(ACTIONS).not.toContain(parse(text, vocabulary).intent);
  });
});

describe('what the dialogue needs', () => {
  test('a command missing its quantity is none, with what it sounded like and what is missing', () => {
    const r = parse('pick some m8 bolts', VOCAB);
    expect(r.intent).toBe('none');
    expect(r.partial).toEqual({ intent: 'pick', missing: ['qty'] });
  });

  test('an unknown item is reported with the words heard, and nearest names can be offered', () => {
    const r = parse('pick 3 flux capacitors', VOCAB);
    expect(r.intent).toBe('none');
    expect(r.unknown).toEqual({ slot: 'item', heard: 'flux capacitor' });
    const near = nearestNames('rigger glove', VOCAB, 'item', 2);
    expect(near).toHaveLength(2);
    expect(near[0]).toEqual({ id: 'gloves', name: 'Rigger gloves, size 10' });
    expect(nearestNames('chiller', VOCAB, 'asset', 1)).toEqual([{ id: 'chiller-2', name: 'Chiller 2' }]);
  });

  test('confidence is lower for a loose match than for an exact one', () => {
    const exact = parse('where are the m8 bolts', VOCAB).confidence;
    const loose = parse('where are the m8 x 30 bolts', VOCAB);
    expect(loose.slots).toEqual({ item: 'bolt-m8' });
    expect(exact).toBeGreaterThan(loose.confidence);
    expect(exact).toBeLessThanOrEqual(1);
  });

  test('the vocabulary is compiled once per object', () => {
    expect(compileVocabulary(VOCAB)).toBe(compileVocabulary(VOCAB));
    expect(compileVocabulary({ ...VOCAB })).not.toBe(compileVocabulary(VOCAB));
  });
});

describe('a shortened name that only one thing has', () => {
  const site: Vocabulary = {
    ...VOCAB,
    assets: [
      ...VOCAB.assets,
      { id: 'gen-1', name: 'Standby generator 1, plant yard', aliases: ['GEN1', 'genny 1'], tag: 'GEN-01' },
      { id: 'pump-6', name: 'Pump 6, boiler house', aliases: [], tag: 'P-06' },
    ],
  };

  test('"the generator" names the one generator, to go to it or to raise work on it', () => {
    expect(cmd('take me to the generator', site)).toEqual({ intent: 'navigate', slots: { asset: 'gen-1' } });
    expect(cmd('create an urgent work order for the generator', site)).toEqual({
      intent: 'create_work_order',
      slots: { asset: 'gen-1', priority: 'urgent' },
    });
  });

  test('words two things share name neither: two generators, and nothing is guessed', () => {
    const two: Vocabulary = {
      ...site,
      assets: [
        ...site.assets,
        { id: 'gen-2', name: 'Standby generator 2, roof', aliases: ['GEN2'], tag: 'GEN-02' },
      ],
    };
    const half = parse('take me to the generator', two);
    expect(half.intent).toBe('none');
    expect(half.unknown).toEqual({ slot: 'item', heard: 'generator' });
  });

  test('an unknown word still names nothing', () => {
    expect(parse('take me to the turbine', site).intent).toBe('none');
  });
});
