import type { BinQty, Replies, WorkOrderLine } from '../replies.ts';
import type { Intent } from '../vocabulary.ts';

// Names that read wrong with an "s" (mass nouns); everything else with a plain last word takes one.
const UNCOUNTABLE = new Set([
  'grease',
  'oil',
  'tape',
  'paint',
  'glue',
  'sealant',
  'lubricant',
  'fluid',
  'wire',
]);

/**
 * "M8 x 30 hex bolt" -> "M8 x 30 hex bolts"; "M8 hex bolt, zinc plated" -> "M8 hex bolts, zinc
 * plated"; names ending in a size, unit or code ("400 g", "100 x 2.5 mm") stay as they are.
 */
function plural(name: string, n: number): string {
  if (n === 1) return name;
  const comma = name.indexOf(',');
  const head = comma < 0 ? name : name.slice(0, comma);
  const rest = comma < 0 ? '' : name.slice(comma);
  const last = head.split(' ').at(-1) ?? '';
  if (!/^[a-z]{3,}$/i.test(last) || UNCOUNTABLE.has(last.toLowerCase()) || /s$/i.test(last)) return name;
  if (/[^aeiou]y$/i.test(last)) return `${head.slice(0, -1)}ies${rest}`;
  if (/(x|ch|sh)$/i.test(last)) return `${head}es${rest}`;
  return `${head}s${rest}`;
}

const num = (n: number) => n.toLocaleString('en');
const qtyOf = (n: number, name: string) => `${num(n)} ${plural(name, n)}`;

/** "a, b and c"; names with commas in them are separated by semicolons so the list stays clear. */
function list(words: readonly string[], last = 'and'): string {
  if (words.length <= 1) return words[0] ?? '';
  const sep = words.some((w) => w.includes(',')) ? ';' : ',';
  const lastSep = sep === ';' ? '; ' : ' ';
  return `${words.slice(0, -1).join(`${sep} `)}${lastSep}${last} ${words.at(-1)}`;
}

const binList = (bins: readonly BinQty[]) => list(bins.map((b) => `${num(b.qty)} in ${b.code}`));
const status = (s: string) => s.replace('_', ' ');
const woLine = (w: WorkOrderLine) => `${w.id}, ${w.title} (${status(w.status)}, ${w.priority})`;

const MAX_LISTED = 3;

const SLOT_WORDS: Readonly<Record<string, string>> = {
  item: 'which item',
  qty: 'how many',
  location: 'which bin',
  asset: 'which asset',
  work_order: 'the work order number',
  aisle: 'which aisle',
  priority: 'the priority',
};

const EXAMPLE: Readonly<Record<Intent, string>> = {
  find_item: 'where are the M8 bolts',
  stock_level: 'how many M8 bolts do we have',
  navigate: 'take me to bin A-01-1',
  pick: 'pick 4 M8 bolts from A-01-1',
  put_away: 'put away 10 M8 bolts in A-01-2',
  count: 'bin A-01-1 has 40 M8 bolts',
  low_stock: 'what’s running low',
  create_work_order: 'create a high priority work order for chiller 2',
  work_order_status: 'what’s the status of work order 42',
  complete_work_order: 'mark work order 42 as done',
  start_audit: 'start a drone audit of aisle B',
  cancel: 'cancel',
  confirm: 'yes',
  help: 'help',
  none: 'help',
};

const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

export const repliesEn: Replies = {
  cantHelp: "Sorry, I can't help with that. Say “help” to hear what I can do.",
  help:
    'You can say: “how many M8 bolts do we have”, “where are the air filters”, “pick 4 M8 bolts from A-01-1”, ' +
    '“put away 10 cable ties in B-03-2”, “bin B-03-2 has 40 cable ties”, “what’s running low”, ' +
    '“create an urgent work order for chiller 2”, “show my open work orders”, “mark work order 42 as done”, ' +
    '“take me to bin C-12-4”, or “start a drone audit of aisle B”. Anything that changes stock or work orders ' +
    'asks you to confirm first.',
  incomplete: (intent, missing) =>
    `I didn't catch ${list(missing.map((m) => SLOT_WORDS[m] ?? m))}. Say it all in one go, for example “${EXAMPLE[intent]}”.`,
  nothingToConfirm: "There's nothing to confirm.",
  cancelled: 'Cancelled. Nothing was changed.',
  nothingPending: 'OK.',
  busy: "One moment, I'm still doing the last command.",
  stillWaiting: (prompt) => `I'm still waiting for an answer: ${prompt} Say yes or cancel.`,
  didYouMean: (names) => `Did you mean ${list(names, 'or')}?`,
  chooseAgain: (names) => `Please say which one: ${list(names, 'or')}. Or say cancel.`,
  unknownItem: (heard, nearest) =>
    nearest.length === 0
      ? `I don't know an item called “${heard}”.`
      : `I don't know an item called “${heard}”. Did you mean ${list(nearest, 'or')}?`,
  unknownAsset: (heard, nearest) =>
    nearest.length === 0
      ? `I don't know an asset called “${heard}”.`
      : `I don't know an asset called “${heard}”. Did you mean ${list(nearest, 'or')}?`,
  unknownBin: (code) => `There is no bin ${code}.`,
  unknownWorkOrder: (id) => `Work order ${id} doesn't exist.`,

  stockLevel: (name, total, bins) =>
    total === 0
      ? `There are no ${plural(name, 2)} in stock.`
      : bins.length === 1
        ? `You have ${qtyOf(total, name)}, all in ${bins[0]?.code}.`
        : `You have ${qtyOf(total, name)}: ${binList(bins)}.`,
  stockAt: (name, code, qty) =>
    qty === 0 ? `There are no ${plural(name, 2)} in ${code}.` : `There are ${qtyOf(qty, name)} in ${code}.`,
  whereIs: (name, bins) => `${name} is in ${list(bins.map((b) => `${b.code} (${num(b.qty)})`))}.`,
  notStocked: (name) => `${name} is not in stock anywhere.`,
  lowStock: (lines, total) => {
    const named = lines.map((l) => `${l.name} (${num(l.available)} available)`);
    const more = total > lines.length ? `, and ${num(total - lines.length)} more on the low stock page` : '';
    return `${num(total)} ${total === 1 ? 'item is' : 'items are'} low: ${list(named)}${more}.`;
  },
  noLowStock: 'Nothing is low on stock.',
  workOrder: (w) =>
    `Work order ${w.id}, ${w.title}${w.assetName ? ` on ${w.assetName}` : ''}, is ${status(w.status)}, ` +
    `${w.priority} priority, ${w.assignee ? `assigned to ${w.assignee}` : 'not assigned'}.`,
  myWorkOrders: (lines) =>
    `You have ${lines.length} open work ${lines.length === 1 ? 'order' : 'orders'}: ${list(
      lines.slice(0, MAX_LISTED).map(woLine),
    )}${lines.length > MAX_LISTED ? `, and ${lines.length - MAX_LISTED} more` : ''}.`,
  noWorkOrders: 'You have no open work orders.',
  workOrderFinal: (id, s) => `Work order ${id} is already ${status(s)}.`,

  confirmPick: (name, qty, code, lot) => `Pick ${qtyOf(qty, name)} from ${code}${lot ? `, lot ${lot}` : ''}?`,
  confirmPutAway: (name, qty, from, to) => `Put away ${qtyOf(qty, name)} from ${from} into ${to}?`,
  confirmReturn: (name, qty, code) => `Return ${qtyOf(qty, name)} to ${code}?`,
  confirmCount: (name, qty, code) => `Record a count of ${qtyOf(qty, name)} in ${code}?`,
  confirmCreateWorkOrder: (asset, priority) => `Create a ${priority} priority work order for ${asset}?`,
  confirmComplete: (id, title) => `Mark work order ${id}, ${title}, as done?`,
  notEnough: (name, code, available) =>
    `There ${available === 1 ? 'is' : 'are'} only ${qtyOf(available, name)} available in ${code}.`,
  notInBin: (name, code) => `There are no ${plural(name, 2)} in ${code}.`,
  whichBin: (name, codes) =>
    `${name} is in ${list(codes)}. Say the bin too, for example “from ${codes[0] ?? 'A-01-1'}”.`,
  sayBin: (name) => `Which bin should the ${plural(name, 2)} go to? Say the bin too.`,
  binHoldsSeveral: (code, names) => `${code} holds ${list(names)}. Say which item you counted.`,
  binEmptyNoItem: (code) => `${code} has nothing recorded in it, so there is nothing to count.`,

  picked: (name, qty, code, left) =>
    `Picked ${qtyOf(qty, name)} from ${code}${left === null ? '' : `, ${num(left)} left`}.`,
  putAway: (name, qty, to) => `Put ${qtyOf(qty, name)} into ${to}.`,
  counted: (name, qty, code) => `Counted ${qtyOf(qty, name)} in ${code}.`,
  createdWorkOrder: (id, asset) => `Created work order ${id} for ${asset}.`,
  completed: (id) => `Work order ${id} is done.`,
  workOrderTitle: (asset) => `Voice report: ${asset}`,
  returnReason: 'Returned (voice)',

  navigating: (target) => `Opening the route to ${target}.`,
  binTarget: (code) => `bin ${code}`,
  openingAudit: (aisle) =>
    aisle === null
      ? 'Opening the drone audit planner.'
      : `Opening the drone audit planner for aisle ${aisle}.`,

  auditNeedsPlanner: (role) =>
    `Drone audits are planned by planners and admins; you are logged in as a ${role}`,
  forbidden: (message) => `You're not allowed to do that. ${sentence(message)}`,
  refused: (message) => `That didn't work: ${sentence(message)}`,
  signedOut: 'Your session has ended. Log in again, then repeat the command.',
  networkRetry:
    "I couldn't reach the server, so I can't tell whether that was done. Say yes to try again; it will only be applied once.",
  networkFailed: "I couldn't reach the server. Check the connection and try again.",

  ordinals: [
    { words: ['first', 'former'], index: 0 },
    { words: ['second', 'latter', 'other'], index: 1 },
    { words: ['third'], index: 2 },
    { words: ['last'], index: -1 },
  ],
  // "A-01-1" read by a synthesiser is "A minus zero one minus one"; spaces read it as a person would.
  forSpeech: (text) => text.replace(/\b([A-Z]{1,3})-(\d+)-(\d+)\b/g, '$1 $2 $3').replace(/[“”]/g, ''),
};
