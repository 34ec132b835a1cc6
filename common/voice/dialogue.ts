import { exhaustive } from '../errors.ts';
import { PLANNERS, type Role } from '../roles.ts';
import { nearestNames } from './parse.ts';
import type { Replies, WorkOrderLine } from './replies.ts';
import type { Command, Intent, ParseResult, Priority, Vocabulary } from './vocabulary.ts';

/**
 * The voice dialogue: what to say and what to do for each thing heard. Pure: the caller (the
 * browser's voice pipeline) looks up the facts a command needs, runs the actions through the same
 * API procedures as the screens, and feeds the outcomes back. Three rules it exists to keep:
 * anything that writes is only proposed, and runs on an explicit "yes" in the very next state;
 * out-of-domain speech never acts; a name that matches several things is asked about, not guessed.
 *
 * One turn:  understand(state, heard) -> answer now, or a command and the facts it needs
 *            decide(command, facts)   -> reply + next state + effect (navigate / propose a write)
 *            settle(state, outcome)   -> reply for a write that ran (or failed)
 */

/** A change the user has to confirm. Stock changes carry one idempotency key for their whole life. */
export type WriteAction =
  | {
      kind: 'pick';
      itemId: number;
      name: string;
      locationId: number;
      code: string;
      qty: number;
      lot: string;
      key: string;
    }
  | {
      kind: 'put_away';
      itemId: number;
      name: string;
      fromLocationId: number;
      from: string;
      toLocationId: number;
      to: string;
      qty: number;
      lot: string;
      key: string;
    }
  /** Putting back what is not waiting at a dock: stock received into the bin, with a reason. */
  | {
      kind: 'return';
      itemId: number;
      name: string;
      locationId: number;
      code: string;
      qty: number;
      key: string;
    }
  | {
      kind: 'count';
      itemId: number;
      name: string;
      locationId: number;
      code: string;
      qty: number;
      lot: string;
      key: string;
    }
  | {
      kind: 'create_work_order';
      assetId: number;
      asset: string;
      priority: Priority;
      title: string;
      description: string;
    }
  | { kind: 'complete_work_order'; workOrderId: number; title: string };

type Slot = 'item' | 'asset';

export type DialogueState =
  | { kind: 'idle' }
  /** A write was proposed; only `confirm` runs it. */
  | { kind: 'confirming'; action: WriteAction; prompt: string }
  /** "Did you mean X or Y?": `command` is re-run with the chosen id in `slot`. */
  | { kind: 'choosing'; command: Command; slot: Slot; options: readonly string[] }
  /** A confirmed write is with the server. */
  | { kind: 'running'; action: WriteAction };

export const IDLE: DialogueState = { kind: 'idle' };

export type Heard = { transcript: string; parse: ParseResult };

export type FactRequest =
  | { kind: 'stock'; itemId: number }
  | { kind: 'bin'; code: string }
  | { kind: 'work_order'; id: number }
  | { kind: 'my_work_orders' }
  | { kind: 'low_stock' };

export type StockRow = { locationId: number; code: string; lot: string; onHand: number; reserved: number };
export type BinFact = {
  id: number;
  code: string;
  contents: readonly { itemId: number; name: string; lot: string; onHand: number }[];
};
export type WorkOrderFact = WorkOrderLine & { assetName: string | null; assignee: string | null };

/** What the pipeline looked up for a command; `null` means it does not exist. */
export type Facts = {
  stock?: readonly StockRow[];
  bin?: BinFact | null;
  workOrder?: WorkOrderFact | null;
  myWorkOrders?: readonly WorkOrderLine[];
  /** The most urgent low items and how many there are in all. */
  lowStock?: { lines: readonly { name: string; available: number }[]; total: number };
};

export type Effect =
  | { kind: 'none' }
  | { kind: 'run'; action: WriteAction }
  | { kind: 'navigate'; path: string };

/** `reply` is null only while a confirmed write runs (its reply comes from `settle`). */
export type Turn = { state: DialogueState; reply: string | null; effect: Effect };

export type Understanding =
  | { kind: 'answer'; turn: Turn }
  | { kind: 'lookup'; command: Command; transcript: string; needs: FactRequest[] };

/** How a write (or a look-up) ended, as the pipeline saw it. */
export type Outcome =
  | { kind: 'done'; left: number | null; createdId: number | null }
  | { kind: 'refused'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'signed_out' }
  | { kind: 'network' };

export type DialogueContext = {
  vocabulary: Vocabulary;
  replies: Replies;
  /** A fresh idempotency key; used only when this turn proposes a stock change. */
  key: string;
  /** Who is speaking. The server checks every call; this only avoids opening a page they cannot use. */
  role: Role;
};

const NONE: Effect = { kind: 'none' };
const say = (state: DialogueState, reply: string): Turn => ({ state, reply, effect: NONE });

export function understand(state: DialogueState, heard: Heard, ctx: DialogueContext): Understanding {
  const r = ctx.replies;
  const answer = (turn: Turn): Understanding => ({ kind: 'answer', turn });
  switch (state.kind) {
    case 'idle':
      return fresh(heard, ctx);
    case 'running':
      return answer(say(state, r.busy));
    case 'confirming':
      switch (heard.parse.intent) {
        case 'confirm':
          return answer({
            state: { kind: 'running', action: state.action },
            reply: null,
            effect: run(state.action),
          });
        case 'cancel':
          return answer(say(IDLE, r.cancelled));
        case 'none':
          return answer(say(state, r.stillWaiting(state.prompt)));
        case 'help':
          return answer(say(state, `${r.help} ${r.stillWaiting(state.prompt)}`));
        default:
          // Anything else is a new command; the proposal is dropped, never run.
          return fresh(heard, ctx);
      }
    case 'choosing': {
      if (heard.parse.intent === 'cancel') return answer(say(IDLE, r.cancelled));
      const chosen = choose(state, heard, ctx);
      if (chosen !== null) return lookup(withSlot(state.command, state.slot, chosen), heard.transcript, ctx);
      switch (heard.parse.intent) {
        case 'none':
        case 'confirm':
        case 'help':
          return answer(
            say(state, r.chooseAgain(state.options.map((id) => nameOf(ctx.vocabulary, state.slot, id)))),
          );
        default:
          return fresh(heard, ctx);
      }
    }
    default:
      return exhaustive(state);
  }
}

const run = (action: WriteAction): Effect => ({ kind: 'run', action });

/** A command heard with nothing pending. */
function fresh(heard: Heard, ctx: DialogueContext): Understanding {
  const { parse } = heard;
  const r = ctx.replies;
  const answer = (reply: string, state: DialogueState = IDLE): Understanding => ({
    kind: 'answer',
    turn: say(state, reply),
  });
  switch (parse.intent) {
    case 'none':
      return notUnderstood(parse, ctx);
    case 'help':
      return answer(r.help);
    case 'confirm':
      return answer(r.nothingToConfirm);
    case 'cancel':
      return answer(r.nothingPending);
    default:
      break;
  }
  if (parse.unknown) return unknownName(parse.unknown, parse, ctx);
  const alternatives = parse.alternatives?.ids.filter((id, i, all) => all.indexOf(id) === i) ?? [];
  if (parse.alternatives && alternatives.length > 1) {
    const { slot } = parse.alternatives;
    const options = alternatives.slice(0, 3);
    return answer(r.didYouMean(options.map((id) => nameOf(ctx.vocabulary, slot, id))), {
      kind: 'choosing',
      command: parse,
      slot,
      options,
    });
  }
  return lookup(parse, heard.transcript, ctx);
}

/**
 * `none`: out of domain (never acts), or a command with a part missing or a name not known. A
 * missing name offers the nearest ones and, for commands that need nothing else, takes the answer.
 */
function notUnderstood(parse: ParseResult, ctx: DialogueContext): Understanding {
  const r = ctx.replies;
  if (parse.unknown) {
    const { partial } = parse;
    const retry =
      partial && partial.missing.length === 1 ? awaitingName(partial.intent, parse.unknown.slot) : null;
    return unknownName(parse.unknown, retry, ctx);
  }
  const reply = parse.partial ? r.incomplete(parse.partial.intent, parse.partial.missing) : r.cantHelp;
  return { kind: 'answer', turn: say(IDLE, reply) };
}

/** "I don't know X. Did you mean A or B?"; with a command to complete, the answer picks one. */
function unknownName(
  unknown: NonNullable<ParseResult['unknown']>,
  command: Command | null,
  ctx: DialogueContext,
): Understanding {
  const { slot, heard } = unknown;
  const nearest = nearestNames(heard, ctx.vocabulary, slot, 3);
  const names = nearest.map((n) => n.name);
  const reply =
    slot === 'item' ? ctx.replies.unknownItem(heard, names) : ctx.replies.unknownAsset(heard, names);
  const state: DialogueState =
    command !== null && nearest.length > 0
      ? { kind: 'choosing', command, slot, options: nearest.map((n) => n.id) }
      : IDLE;
  return { kind: 'answer', turn: say(state, reply) };
}

/** A command that needs only the name that was not known (so the answer completes it). */
function awaitingName(intent: Intent, slot: Slot): Command | null {
  switch (intent) {
    case 'find_item':
    case 'stock_level':
      return slot === 'item' ? { intent, slots: { item: '' } } : null;
    case 'navigate':
      return { intent, slots: slot === 'item' ? { item: '' } : { asset: '' } };
    case 'create_work_order':
      return slot === 'asset' ? { intent, slots: { asset: '' } } : null;
    default:
      return null;
  }
}

const positiveId = (s: string): number | null => {
  const n = Number(s);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

function lookup(command: Command, transcript: string, ctx: DialogueContext): Understanding {
  const need = (...needs: FactRequest[]): Understanding => ({ kind: 'lookup', command, transcript, needs });
  const item = (id: string, also: FactRequest[] = []): Understanding => {
    const itemId = positiveId(id);
    return itemId === null
      ? { kind: 'answer', turn: say(IDLE, ctx.replies.unknownItem(id, [])) }
      : need({ kind: 'stock', itemId }, ...also);
  };
  switch (command.intent) {
    case 'find_item':
    case 'stock_level':
    case 'pick':
      return item(command.slots.item);
    case 'put_away': {
      const { location } = command.slots;
      return item(command.slots.item, location === undefined ? [] : [{ kind: 'bin', code: location }]);
    }
    case 'count':
      return need({ kind: 'bin', code: command.slots.location });
    case 'low_stock':
      return need({ kind: 'low_stock' });
    case 'work_order_status': {
      const id = command.slots.work_order;
      return id === undefined ? need({ kind: 'my_work_orders' }) : need({ kind: 'work_order', id });
    }
    case 'complete_work_order':
      return need({ kind: 'work_order', id: command.slots.work_order });
    case 'navigate':
    case 'create_work_order':
    case 'start_audit':
    case 'cancel':
    case 'confirm':
    case 'help':
    case 'none':
      return need();
    default:
      return exhaustive(command);
  }
}

/** The reply, next state and effect for a command once its facts are known. */
export function decide(
  understanding: Extract<Understanding, { kind: 'lookup' }>,
  facts: Facts,
  ctx: DialogueContext,
): Turn {
  const { command, transcript } = understanding;
  const r = ctx.replies;
  const v = ctx.vocabulary;
  const propose = (action: WriteAction, prompt: string): Turn =>
    say({ kind: 'confirming', action, prompt }, prompt);
  const idle = (reply: string) => say(IDLE, reply);
  const stock = facts.stock ?? [];
  switch (command.intent) {
    case 'find_item': {
      const name = nameOf(v, 'item', command.slots.item);
      const bins = perBin(stock);
      return idle(bins.length === 0 ? r.notStocked(name) : r.whereIs(name, bins));
    }
    case 'stock_level': {
      const name = nameOf(v, 'item', command.slots.item);
      const { location } = command.slots;
      const bins = perBin(stock);
      if (location !== undefined)
        return idle(r.stockAt(name, location, bins.find((b) => b.code === location)?.qty ?? 0));
      return idle(r.stockLevel(name, sum(bins.map((b) => b.qty)), bins));
    }
    case 'pick': {
      const { item, qty, location } = command.slots;
      const name = nameOf(v, 'item', item);
      const itemId = positiveId(item);
      if (itemId === null) return idle(r.unknownItem(item, []));
      const rows = location === undefined ? stock : stock.filter((s) => s.code === location);
      if (rows.length === 0)
        return idle(location === undefined ? r.notStocked(name) : r.notInBin(name, location));
      const enough = rows.filter((s) => available(s) >= qty);
      const codes = unique(enough.map((s) => s.code));
      const [row] = enough;
      if (row === undefined || codes.length === 0) {
        const best = perBinAvailable(rows).sort((a, b) => b.qty - a.qty)[0];
        return idle(r.notEnough(name, best?.code ?? location ?? '', best?.qty ?? 0));
      }
      if (codes.length > 1) return idle(r.whichBin(name, codes));
      const action: WriteAction = {
        kind: 'pick',
        itemId,
        name,
        locationId: row.locationId,
        code: row.code,
        qty,
        lot: row.lot,
        key: ctx.key,
      };
      return propose(action, r.confirmPick(name, qty, row.code, row.lot));
    }
    case 'put_away': {
      const { item, qty, location } = command.slots;
      const name = nameOf(v, 'item', item);
      const itemId = positiveId(item);
      if (itemId === null) return idle(r.unknownItem(item, []));
      const storage = new Set(v.locations.map((l) => l.code));
      let target: { id: number; code: string } | undefined;
      if (location !== undefined) {
        if (!facts.bin) return idle(r.unknownBin(location));
        target = { id: facts.bin.id, code: facts.bin.code };
      } else {
        // Where it is already stored, so returns and put-aways go back to the same bin.
        const home = stock.find((s) => storage.has(s.code));
        if (home === undefined) return idle(r.sayBin(name));
        target = { id: home.locationId, code: home.code };
      }
      const to = target;
      // Stock waiting outside the storage bins (a dock, staging) is moved; otherwise it is a return.
      const source = stock.find((s) => !storage.has(s.code) && s.locationId !== to.id && available(s) >= qty);
      if (source !== undefined) {
        const action: WriteAction = {
          kind: 'put_away',
          itemId,
          name,
          fromLocationId: source.locationId,
          from: source.code,
          toLocationId: to.id,
          to: to.code,
          qty,
          lot: source.lot,
          key: ctx.key,
        };
        return propose(action, r.confirmPutAway(name, qty, source.code, to.code));
      }
      const action: WriteAction = {
        kind: 'return',
        itemId,
        name,
        locationId: to.id,
        code: to.code,
        qty,
        key: ctx.key,
      };
      return propose(action, r.confirmReturn(name, qty, to.code));
    }
    case 'count': {
      const { item, qty, location } = command.slots;
      const bin = facts.bin;
      if (!bin) return idle(r.unknownBin(location));
      let itemId: number;
      let name: string;
      if (item !== undefined) {
        const id = positiveId(item);
        if (id === null) return idle(r.unknownItem(item, []));
        itemId = id;
        name = nameOf(v, 'item', item);
      } else {
        const held = unique(bin.contents.map((c) => c.itemId));
        const [only] = bin.contents;
        if (only === undefined) return idle(r.binEmptyNoItem(bin.code));
        if (held.length > 1)
          return idle(r.binHoldsSeveral(bin.code, unique(bin.contents.map((c) => c.name))));
        itemId = only.itemId;
        name = only.name;
      }
      const lots = bin.contents.filter((c) => c.itemId === itemId);
      const lot = lots.length === 1 ? (lots[0]?.lot ?? '') : '';
      const action: WriteAction = {
        kind: 'count',
        itemId,
        name,
        locationId: bin.id,
        code: bin.code,
        qty,
        lot,
        key: ctx.key,
      };
      return propose(action, r.confirmCount(name, qty, bin.code));
    }
    case 'low_stock': {
      const low = facts.lowStock ?? { lines: [], total: 0 };
      return idle(low.total === 0 ? r.noLowStock : r.lowStock(low.lines.slice(0, 3), low.total));
    }
    case 'create_work_order': {
      const { asset, priority } = command.slots;
      const assetId = positiveId(asset);
      const name = nameOf(v, 'asset', asset);
      if (assetId === null) return idle(r.unknownAsset(asset, []));
      const chosen = priority ?? 'medium';
      const action: WriteAction = {
        kind: 'create_work_order',
        assetId,
        asset: name,
        priority: chosen,
        title: r.workOrderTitle(name),
        description: transcript,
      };
      return propose(action, r.confirmCreateWorkOrder(name, chosen));
    }
    case 'work_order_status': {
      const id = command.slots.work_order;
      if (id !== undefined)
        return idle(facts.workOrder ? r.workOrder(facts.workOrder) : r.unknownWorkOrder(id));
      const mine = facts.myWorkOrders ?? [];
      return idle(mine.length === 0 ? r.noWorkOrders : r.myWorkOrders(mine));
    }
    case 'complete_work_order': {
      const id = command.slots.work_order;
      const wo = facts.workOrder;
      if (!wo) return idle(r.unknownWorkOrder(id));
      if (wo.status === 'done' || wo.status === 'cancelled') return idle(r.workOrderFinal(id, wo.status));
      return propose(
        { kind: 'complete_work_order', workOrderId: id, title: wo.title },
        r.confirmComplete(id, wo.title),
      );
    }
    case 'navigate': {
      const { slots } = command;
      const go = (path: string, target: string): Turn => ({
        state: IDLE,
        reply: r.navigating(target),
        effect: { kind: 'navigate', path },
      });
      if ('item' in slots) return go(`/guide?item=${enc(slots.item)}`, nameOf(v, 'item', slots.item));
      if ('asset' in slots) {
        // The twin knows machines by their register tag, not by database id.
        const tag = v.assets.find((a) => a.id === slots.asset)?.tag ?? slots.asset;
        return go(`/guide?asset=${enc(tag)}`, nameOf(v, 'asset', slots.asset));
      }
      return go(`/guide?bin=${enc(slots.location)}`, r.binTarget(slots.location));
    }
    case 'start_audit': {
      const aisle = command.slots.aisle ?? null;
      // Planning a drone audit is a planner's procedure (droneAudits.plan), like the menu entry.
      if (!PLANNERS.includes(ctx.role)) return idle(r.forbidden(r.auditNeedsPlanner(ctx.role)));
      return {
        state: IDLE,
        reply: r.openingAudit(aisle),
        effect: { kind: 'navigate', path: aisle === null ? '/audits' : `/audits?aisle=${enc(aisle)}` },
      };
    }
    // Answered by `understand` before any look-up; listed so the switch stays exhaustive.
    case 'cancel':
      return idle(r.nothingPending);
    case 'confirm':
      return idle(r.nothingToConfirm);
    case 'help':
      return idle(r.help);
    case 'none':
      return idle(r.cantHelp);
    default:
      return exhaustive(command);
  }
}

/** What to say once a confirmed write has run (or failed). */
export function settle(state: DialogueState, outcome: Outcome, ctx: DialogueContext): Turn {
  const r = ctx.replies;
  if (state.kind !== 'running') return { state, reply: null, effect: NONE };
  const { action } = state;
  switch (outcome.kind) {
    case 'done':
      return say(IDLE, doneReply(action, outcome, r));
    case 'network':
      // A stock change keeps its key, so "yes" again is applied at most once.
      return 'key' in action
        ? say({ kind: 'confirming', action, prompt: r.networkRetry }, r.networkRetry)
        : say(IDLE, r.networkFailed);
    case 'refused':
    case 'forbidden':
    case 'signed_out':
      return say(IDLE, failureReply(outcome, r));
    default:
      return exhaustive(outcome);
  }
}

/** The reply for a look-up that failed; nothing changes state. */
export function failedLookup(
  state: DialogueState,
  outcome: Exclude<Outcome, { kind: 'done' }>,
  replies: Replies,
): Turn {
  return say(state, failureReply(outcome, replies));
}

function failureReply(outcome: Exclude<Outcome, { kind: 'done' }>, r: Replies): string {
  switch (outcome.kind) {
    case 'refused':
      return r.refused(outcome.message);
    case 'forbidden':
      return r.forbidden(outcome.message);
    case 'signed_out':
      return r.signedOut;
    case 'network':
      return r.networkFailed;
    default:
      return exhaustive(outcome);
  }
}

function doneReply(action: WriteAction, outcome: Extract<Outcome, { kind: 'done' }>, r: Replies): string {
  switch (action.kind) {
    case 'pick':
      return r.picked(action.name, action.qty, action.code, outcome.left);
    case 'put_away':
      return r.putAway(action.name, action.qty, action.to);
    case 'return':
      return r.putAway(action.name, action.qty, action.code);
    case 'count':
      return r.counted(action.name, action.qty, action.code);
    case 'create_work_order':
      return r.createdWorkOrder(outcome.createdId ?? 0, action.asset);
    case 'complete_work_order':
      return r.completed(action.workOrderId);
    default:
      return exhaustive(action);
  }
}

/** The option an answer to "did you mean X or Y" names, if exactly one. */
function choose(
  state: Extract<DialogueState, { kind: 'choosing' }>,
  heard: Heard,
  ctx: DialogueContext,
): string | null {
  const { options, slot } = state;
  const { parse } = heard;
  const said = slotValue(parse, slot);
  if (said !== undefined && options.includes(said)) return said;
  if (parse.alternatives?.slot === slot) {
    const both = parse.alternatives.ids.filter((id) => options.includes(id));
    if (both.length === 1) return both[0] ?? null;
  }
  const words = new Set(tokens(heard.transcript));
  // Only words that tell the options apart count ("bolt" in "M8 bolt" or "M10 bolt" does not).
  const names = options.map((id) => new Set(namesOf(ctx.vocabulary, slot, id).flatMap(tokens)));
  const scores = names.map((own, i) => {
    let score = 0;
    for (const w of own) {
      if (words.has(w) && !names.every((other, j) => j === i || other.has(w))) score += 1;
    }
    return score;
  });
  const best = Math.max(...scores);
  if (best > 0 && scores.filter((s) => s === best).length === 1) return options[scores.indexOf(best)] ?? null;
  for (const { words: ordinal, index } of ctx.replies.ordinals) {
    if (ordinal.some((w) => words.has(w))) return options.at(index) ?? null;
  }
  return null;
}

function slotValue(parse: ParseResult, slot: Slot): string | undefined {
  const slots: Record<string, unknown> = parse.slots;
  const value = slots[slot];
  return typeof value === 'string' ? value : undefined;
}

/** The command with the chosen id in its item or asset slot (the slot the parse already filled). */
function withSlot(command: Command, slot: Slot, id: string): Command {
  // Only the value changes, never which slots exist, so the command keeps its shape.
  return { ...command, slots: { ...command.slots, [slot]: id } } as Command;
}

const tokens = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);

function namesOf(v: Vocabulary, slot: Slot, id: string): string[] {
  const entry = slot === 'item' ? v.items.find((i) => i.id === id) : v.assets.find((a) => a.id === id);
  return entry ? [entry.name, ...entry.aliases] : [];
}

function nameOf(v: Vocabulary, slot: Slot, id: string): string {
  return namesOf(v, slot, id)[0] ?? id;
}

const available = (s: StockRow) => s.onHand - s.reserved;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const unique = <T>(xs: readonly T[]) => [...new Set(xs)];
const enc = encodeURIComponent;

/** On hand per bin (lots added up), in the order the rows came. */
function perBin(rows: readonly StockRow[]): { code: string; qty: number }[] {
  return totals(rows.filter((s) => s.onHand > 0).map((s) => [s.code, s.onHand]));
}

function perBinAvailable(rows: readonly StockRow[]): { code: string; qty: number }[] {
  return totals(rows.map((s) => [s.code, available(s)]));
}

function totals(pairs: [string, number][]): { code: string; qty: number }[] {
  const byCode = new Map<string, number>();
  for (const [code, qty] of pairs) byCode.set(code, (byCode.get(code) ?? 0) + qty);
  return [...byCode].map(([code, qty]) => ({ code, qty }));
}
