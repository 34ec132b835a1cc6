import { describe, expect, it } from 'vitest';
import {
  type DialogueContext,
  type DialogueState,
  decide,
  type FactRequest,
  type Facts,
  IDLE,
  settle,
  type Turn,
  understand,
} from './dialogue.ts';
import { repliesEn } from './locales/replies.en.ts';
import { parse } from './parse.ts';
import type { ParseResult, Vocabulary } from './vocabulary.ts';

const vocabulary: Vocabulary = {
  items: [
    { id: '1', name: 'M8 x 30 hex bolt', aliases: ['M8 bolts'], sku: 'FST-M8-030' },
    { id: '2', name: 'M10 hex bolt', aliases: ['M10 bolts'], sku: 'FST-M10' },
    { id: '3', name: 'EP2 lithium grease 400 g', aliases: ['grease'], sku: 'LUB-EP2' },
  ],
  locations: [
    { code: 'A-01-1', aisle: 'A' },
    { code: 'A-01-2', aisle: 'A' },
    { code: 'B-01-1', aisle: 'B' },
  ],
  aisles: ['A', 'B'],
  assets: [{ id: '7', name: 'Chiller 2', aliases: ['the chiller'], tag: 'CH-2' }],
};

let keys = 0;
const context = (): DialogueContext => ({
  vocabulary,
  replies: repliesEn,
  key: `voice:test-${++keys}`,
  role: 'planner',
});

const BOLTS_IN_A = [{ locationId: 11, code: 'A-01-1', lot: '', onHand: 100, reserved: 0 }];

/** One full turn: understand, look up with the given facts (recording what was asked), decide. */
function turn(
  state: DialogueState,
  parse: ParseResult,
  facts: Facts = {},
  transcript = 'words',
): Turn & { asked: FactRequest[] } {
  const ctx = context();
  const u = understand(state, { transcript, parse }, ctx);
  if (u.kind === 'answer') return { ...u.turn, asked: [] };
  return { ...decide(u, facts, ctx), asked: u.needs };
}

const p = (command: Omit<ParseResult, 'confidence'>): ParseResult =>
  ({ ...command, confidence: 0.9 }) as ParseResult;
const CONFIRM = p({ intent: 'confirm', slots: {} });
const CANCEL = p({ intent: 'cancel', slots: {} });
const NONE = p({ intent: 'none', slots: {} });
const PICK_2 = p({ intent: 'pick', slots: { item: '1', qty: 2, location: 'A-01-1' } });

describe('voice dialogue', () => {
  it('answers a stock question from the looked-up stock, per bin', () => {
    const t = turn(IDLE, p({ intent: 'stock_level', slots: { item: '1' } }), {
      stock: [...BOLTS_IN_A, { locationId: 12, code: 'B-01-1', lot: '', onHand: 5, reserved: 0 }],
    });
    expect(t.asked).toEqual([{ kind: 'stock', itemId: 1 }]);
    expect(t.reply).toBe('You have 105 M8 x 30 hex bolts: 100 in A-01-1 and 5 in B-01-1.');
    expect(t.effect).toEqual({ kind: 'none' });
    expect(t.state).toEqual(IDLE);
  });

  it('proposes a pick, runs it only on "yes" with one key, and a second "yes" does nothing', () => {
    const proposed = turn(IDLE, PICK_2, { stock: BOLTS_IN_A });
    expect(proposed.reply).toBe('Pick 2 M8 x 30 hex bolts from A-01-1?');
    expect(proposed.effect).toEqual({ kind: 'none' });
    expect(proposed.state.kind).toBe('confirming');

    const confirmed = turn(proposed.state, CONFIRM);
    expect(confirmed.effect.kind).toBe('run');
    if (confirmed.effect.kind !== 'run' || proposed.state.kind !== 'confirming') return;
    expect(confirmed.effect.action).toEqual({
      kind: 'pick',
      itemId: 1,
      name: 'M8 x 30 hex bolt',
      locationId: 11,
      code: 'A-01-1',
      qty: 2,
      lot: '',
      key: expect.stringMatching(/^voice:test-/),
    });
    expect(confirmed.effect.action).toEqual(proposed.state.action);

    const done = settle(confirmed.state, { kind: 'done', left: 98, createdId: null }, context());
    expect(done.reply).toBe('Picked 2 M8 x 30 hex bolts from A-01-1, 98 left.');
    expect(done.state).toEqual(IDLE);

    const again = turn(done.state, CONFIRM);
    expect(again.reply).toBe("There's nothing to confirm.");
    expect(again.effect).toEqual({ kind: 'none' });
  });

  it('drops a proposal on cancel, and on a different command', () => {
    const proposed = turn(IDLE, PICK_2, { stock: BOLTS_IN_A });
    const cancelled = turn(proposed.state, CANCEL);
    expect(cancelled.reply).toBe('Cancelled. Nothing was changed.');
    expect(cancelled.state).toEqual(IDLE);
    expect(cancelled.effect).toEqual({ kind: 'none' });

    const other = turn(proposed.state, p({ intent: 'low_stock', slots: {} }), {
      lowStock: { lines: [], total: 0 },
    });
    expect(other.reply).toBe('Nothing is low on stock.');
    expect(turn(other.state, CONFIRM).effect).toEqual({ kind: 'none' });
  });

  it('never acts on out-of-domain speech, whatever is pending, and keeps a proposal waiting', () => {
    const proposed = turn(IDLE, PICK_2, { stock: BOLTS_IN_A });
    const choosing = turn(
      IDLE,
      p({ intent: 'stock_level', slots: { item: '1' }, alternatives: { slot: 'item', ids: ['1', '2'] } }),
    );
    for (const state of [IDLE, proposed.state, choosing.state]) {
      const t = turn(state, NONE, { stock: BOLTS_IN_A }, "what's the weather");
      expect(t.effect).toEqual({ kind: 'none' });
      expect(t.state.kind).not.toBe('running');
      expect(t.asked).toEqual([]);
    }
    expect(turn(IDLE, NONE).reply).toBe("Sorry, I can't help with that. Say “help” to hear what I can do.");
    const waiting = turn(proposed.state, NONE);
    expect(waiting.reply).toContain('Pick 2 M8 x 30 hex bolts from A-01-1?');
    expect(waiting.state).toEqual(proposed.state);
  });

  it('asks "did you mean X or Y" and accepts the answer naming one, or an ordinal', () => {
    const asked = turn(
      IDLE,
      p({ intent: 'pick', slots: { item: '1', qty: 3 }, alternatives: { slot: 'item', ids: ['1', '2'] } }),
    );
    expect(asked.reply).toBe('Did you mean M8 x 30 hex bolt or M10 hex bolt?');
    expect(asked.effect).toEqual({ kind: 'none' });

    const m10 = [{ locationId: 13, code: 'A-01-2', lot: '', onHand: 40, reserved: 0 }];
    const byName = turn(asked.state, NONE, { stock: m10 }, 'the m10 one');
    expect(byName.asked).toEqual([{ kind: 'stock', itemId: 2 }]);
    expect(byName.reply).toBe('Pick 3 M10 hex bolts from A-01-2?');

    const byOrdinal = turn(asked.state, NONE, { stock: m10 }, 'the second one');
    expect(byOrdinal.asked).toEqual([{ kind: 'stock', itemId: 2 }]);

    // "bolt" is in both names, so it does not choose; "yes" is not an answer either.
    const unclear = turn(asked.state, CONFIRM, {}, 'yes the bolt');
    expect(unclear.reply).toBe('Please say which one: M8 x 30 hex bolt or M10 hex bolt. Or say cancel.');
    expect(unclear.effect).toEqual({ kind: 'none' });
    expect(turn(asked.state, CANCEL).state).toEqual(IDLE);
  });

  it('says an item is unknown and offers the nearest names, which can then be chosen', () => {
    const t = turn(
      IDLE,
      p({ intent: 'stock_level', slots: { item: '' }, unknown: { slot: 'item', heard: 'm9 bolt' } }),
    );
    expect(t.reply).toBe(
      "I don't know an item called “m9 bolt”. Did you mean M8 x 30 hex bolt or M10 hex bolt?",
    );
    expect(t.asked).toEqual([]);
    const chosen = turn(t.state, NONE, { stock: BOLTS_IN_A }, 'the m8 one');
    expect(chosen.reply).toBe('You have 100 M8 x 30 hex bolts, all in A-01-1.');

    const nothingClose = turn(
      IDLE,
      p({ intent: 'find_item', slots: { item: '' }, unknown: { slot: 'item', heard: 'qqqq' } }),
    );
    expect(nothingClose.reply).toBe("I don't know an item called “qqqq”.");
    expect(nothingClose.state).toEqual(IDLE);
  });

  it('lists example commands for help', () => {
    const t = turn(IDLE, p({ intent: 'help', slots: {} }));
    expect(t.reply).toContain('how many M8 bolts do we have');
    expect(t.reply).toContain('asks you to confirm first');
  });

  it('refuses a pick larger than what is available, and asks for the bin when several hold enough', () => {
    const short = turn(IDLE, p({ intent: 'pick', slots: { item: '1', qty: 500, location: 'A-01-1' } }), {
      stock: BOLTS_IN_A,
    });
    expect(short.reply).toBe('There are only 100 M8 x 30 hex bolts available in A-01-1.');
    expect(short.state).toEqual(IDLE);

    const two = [...BOLTS_IN_A, { locationId: 12, code: 'B-01-1', lot: '', onHand: 50, reserved: 46 }];
    expect(turn(IDLE, p({ intent: 'pick', slots: { item: '1', qty: 5 } }), { stock: two }).reply).toBe(
      'Pick 5 M8 x 30 hex bolts from A-01-1?',
    );
    const both = [...BOLTS_IN_A, { locationId: 12, code: 'B-01-1', lot: '', onHand: 50, reserved: 0 }];
    expect(turn(IDLE, p({ intent: 'pick', slots: { item: '1', qty: 5 } }), { stock: both }).reply).toBe(
      'M8 x 30 hex bolt is in A-01-1 and B-01-1. Say the bin too, for example “from A-01-1”.',
    );
  });

  it('puts away from a dock when stock waits there, otherwise records a return', () => {
    const bin = { id: 13, code: 'A-01-2', contents: [] };
    const fromDock = turn(
      IDLE,
      p({ intent: 'put_away', slots: { item: '1', qty: 10, location: 'A-01-2' } }),
      {
        stock: [...BOLTS_IN_A, { locationId: 99, code: 'DOCK-1', lot: '', onHand: 20, reserved: 0 }],
        bin,
      },
    );
    expect(fromDock.asked).toEqual([
      { kind: 'stock', itemId: 1 },
      { kind: 'bin', code: 'A-01-2' },
    ]);
    expect(fromDock.reply).toBe('Put away 10 M8 x 30 hex bolts from DOCK-1 into A-01-2?');

    const back = turn(IDLE, p({ intent: 'put_away', slots: { item: '1', qty: 2 } }), { stock: BOLTS_IN_A });
    expect(back.reply).toBe('Return 2 M8 x 30 hex bolts to A-01-1?');
    expect(back.state.kind === 'confirming' && back.state.action.kind).toBe('return');

    const unknownBin = turn(
      IDLE,
      p({ intent: 'put_away', slots: { item: '1', qty: 2, location: 'Z-09-9' } }),
      {
        stock: BOLTS_IN_A,
        bin: null,
      },
    );
    expect(unknownBin.reply).toBe('There is no bin Z-09-9.');
  });

  it('counts the only item in a bin when no item is named, and asks when there are several', () => {
    const one = {
      id: 11,
      code: 'A-01-1',
      contents: [{ itemId: 3, name: 'EP2 lithium grease 400 g', lot: 'L7', onHand: 4 }],
    };
    const t = turn(IDLE, p({ intent: 'count', slots: { qty: 0, location: 'A-01-1' } }), { bin: one });
    expect(t.asked).toEqual([{ kind: 'bin', code: 'A-01-1' }]);
    expect(t.reply).toBe('Record a count of 0 EP2 lithium grease 400 g in A-01-1?');
    expect(t.state.kind === 'confirming' && t.state.action).toMatchObject({
      kind: 'count',
      itemId: 3,
      lot: 'L7',
    });

    const two = {
      ...one,
      contents: [...one.contents, { itemId: 1, name: 'M8 x 30 hex bolt', lot: '', onHand: 9 }],
    };
    expect(
      turn(IDLE, p({ intent: 'count', slots: { qty: 0, location: 'A-01-1' } }), { bin: two }).reply,
    ).toBe('A-01-1 holds EP2 lithium grease 400 g and M8 x 30 hex bolt. Say which item you counted.');
  });

  it('opens route guidance and the audit planner without asking', () => {
    const go = (slots: object) => turn(IDLE, p({ intent: 'navigate', slots } as ParseResult));
    expect(go({ location: 'B-01-1' })).toMatchObject({
      reply: 'Opening the route to bin B-01-1.',
      effect: { kind: 'navigate', path: '/guide?bin=B-01-1' },
    });
    expect(go({ item: '1' }).effect).toEqual({ kind: 'navigate', path: '/guide?item=1' });
    expect(go({ asset: '7' })).toMatchObject({
      reply: 'Opening the route to Chiller 2.',
      effect: { kind: 'navigate', path: '/guide?asset=CH-2' },
    });
    expect(turn(IDLE, p({ intent: 'start_audit', slots: { aisle: 'B' } })).effect).toEqual({
      kind: 'navigate',
      path: '/audits?aisle=B',
    });
    expect(turn(IDLE, p({ intent: 'start_audit', slots: {} })).effect).toEqual({
      kind: 'navigate',
      path: '/audits',
    });

    // A technician cannot plan drone audits: told so, and the planner page is not opened.
    const ctx: DialogueContext = { ...context(), role: 'technician' };
    const heard = { transcript: 'start a drone audit', parse: p({ intent: 'start_audit', slots: {} }) };
    const u = understand(IDLE, heard, ctx);
    const refused = u.kind === 'lookup' ? decide(u, {}, ctx) : u.turn;
    expect(refused.effect).toEqual({ kind: 'none' });
    expect(refused.reply).toBe(
      "You're not allowed to do that. Drone audits are planned by planners and admins; you are logged in as a technician.",
    );
  });

  it('work orders: creates after confirming, reports status, refuses to complete a finished one', () => {
    const created = turn(
      IDLE,
      p({ intent: 'create_work_order', slots: { asset: '7', priority: 'urgent' } }),
      {},
      'urgent work order for chiller 2 it is leaking',
    );
    expect(created.reply).toBe('Create a urgent priority work order for Chiller 2?');
    expect(created.state.kind === 'confirming' && created.state.action).toEqual({
      kind: 'create_work_order',
      assetId: 7,
      asset: 'Chiller 2',
      priority: 'urgent',
      title: 'Voice report: Chiller 2',
      description: 'urgent work order for chiller 2 it is leaking',
    });

    const wo = {
      id: 42,
      title: 'Replace belt',
      status: 'in_progress',
      priority: 'high',
      assetName: 'Chiller 2',
      assignee: 'Tess Tech',
    };
    expect(
      turn(IDLE, p({ intent: 'work_order_status', slots: { work_order: 42 } }), { workOrder: wo }).reply,
    ).toBe('Work order 42, Replace belt on Chiller 2, is in progress, high priority, assigned to Tess Tech.');
    expect(turn(IDLE, p({ intent: 'work_order_status', slots: {} }), { myWorkOrders: [] }).reply).toBe(
      'You have no open work orders.',
    );
    const done = turn(IDLE, p({ intent: 'complete_work_order', slots: { work_order: 42 } }), {
      workOrder: { ...wo, status: 'done' },
    });
    expect(done.reply).toBe('Work order 42 is already done.');
    expect(done.state).toEqual(IDLE);
    expect(
      turn(IDLE, p({ intent: 'complete_work_order', slots: { work_order: 9 } }), { workOrder: null }).reply,
    ).toBe("Work order 9 doesn't exist.");
  });

  it('says a role refusal plainly, and keeps the key for a retry after a network failure', () => {
    const proposed = turn(IDLE, PICK_2, { stock: BOLTS_IN_A });
    const running = turn(proposed.state, CONFIRM).state;
    const refused = settle(
      running,
      { kind: 'forbidden', message: 'Your role (technician) cannot do this; it needs planner or admin' },
      context(),
    );
    expect(refused.reply).toBe(
      "You're not allowed to do that. Your role (technician) cannot do this; it needs planner or admin.",
    );
    expect(refused.state).toEqual(IDLE);

    const lost = settle(running, { kind: 'network' }, context());
    expect(lost.state).toEqual({ ...proposed.state, prompt: lost.reply });
    const retry = turn(lost.state, CONFIRM);
    expect(retry.effect.kind === 'run' && retry.effect.action).toEqual(
      proposed.state.kind === 'confirming' && proposed.state.action,
    );
  });
});

describe('voice dialogue with the real parser', () => {
  /** Transcripts in, replies out, as the browser runs them (facts stand in for the API). */
  function converse(lines: [string, Facts?][]): (Turn & { asked: FactRequest[] })[] {
    let state: DialogueState = IDLE;
    return lines.map(([transcript, facts]) => {
      const t = turn(state, parse(transcript, vocabulary), facts ?? {}, transcript);
      state = t.state;
      return t;
    });
  }

  it('answers "how many M8 bolts do we have", and picks two from A-01-1 only after "yes"', () => {
    const [level, proposed, yes, again] = converse([
      ['how many M8 bolts do we have', { stock: BOLTS_IN_A }],
      ['pick two m8 bolts from a 01 1', { stock: BOLTS_IN_A }],
      ['yes'],
      ['yes'],
    ]);
    expect(level?.reply).toBe('You have 100 M8 x 30 hex bolts, all in A-01-1.');
    expect(proposed?.reply).toBe('Pick 2 M8 x 30 hex bolts from A-01-1?');
    expect(proposed?.effect).toEqual({ kind: 'none' });
    expect(yes?.effect).toMatchObject({ kind: 'run', action: { kind: 'pick', qty: 2, locationId: 11 } });
    // The second "yes" comes while the first is still running: it is not a second pick.
    expect(again?.effect).toEqual({ kind: 'none' });
  });

  it('does nothing for everyday speech, even with a pick waiting for "yes"', () => {
    const [, weather, music] = converse([
      ['pick two m8 bolts from a 01 1', { stock: BOLTS_IN_A }],
      ["what's the weather like today"],
      ['play some music'],
    ]);
    for (const t of [weather, music]) {
      expect(t?.effect).toEqual({ kind: 'none' });
      expect(t?.asked).toEqual([]);
    }
    const [alone] = converse([["what's the weather"]]);
    expect(alone?.reply).toBe("Sorry, I can't help with that. Say “help” to hear what I can do.");
  });

  it('offers the nearest names for an unknown item and takes the answer', () => {
    const [unknown, answer] = converse([
      ['how many bolts do we have'],
      ['the m10 one', { stock: [{ locationId: 13, code: 'A-01-2', lot: '', onHand: 40, reserved: 0 }] }],
    ]);
    expect(unknown?.reply).toContain("I don't know an item called “bolt”. Did you mean");
    expect(unknown?.reply).toContain('M10 hex bolt');
    expect(answer?.asked).toEqual([{ kind: 'stock', itemId: 2 }]);
    expect(answer?.reply).toBe('You have 40 M10 hex bolts, all in A-01-2.');
  });

  it('says what was missing from a command it half understood', () => {
    const [t] = converse([['pick some m8 bolts']]);
    expect(t?.reply).toBe(
      "I didn't catch how many. Say it all in one go, for example “pick 4 M8 bolts from A-01-1”.",
    );
    expect(t?.effect).toEqual({ kind: 'none' });
  });
});
