/**
 * Sample work orders with a full, consistent status history.
 *
 * Each order's events are built by walking the real state machine (open -> assigned -> in_progress ->
 * (on_hold -> in_progress)* -> done, cancel from any non-final state) up to the order's final status,
 * so the history never contains a transition the application would reject.
 */

import type { Priority } from './assets.ts';
import type { Rng } from './random.ts';

export type WorkOrderStatus = 'open' | 'assigned' | 'in_progress' | 'on_hold' | 'done' | 'cancelled';

export type WorkOrderEvent = {
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  at: number;
};

export type GeneratedWorkOrder = {
  title: string;
  description: string;
  assetIndex: number | null;
  status: WorkOrderStatus;
  priority: Priority;
  dueAt: number | null;
  assigneeIndex: number | null;
  createdAt: number;
  completedAt: number | null;
  events: WorkOrderEvent[];
};

export type WorkOrderInput = {
  assetCount: number;
  userCount: number;
  now: number;
  count?: number;
  /**
   * Tags and categories of the assets (same order as assetIndex). Optional: with it titles name the
   * asset ("Replace V-belt on AHU-03") and fit its kind; without it they stay generic.
   */
  assets?: readonly { tag: string; category: string }[];
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Fault = { title: string; description: string; priority?: Priority; part?: string };

/** `{tag}` is replaced with the asset tag. */
const FAULTS_BY_CATEGORY: Record<string, readonly Fault[]> = {
  HVAC: [
    {
      title: 'Replace V-belt on {tag}',
      description: 'Belt squealing on start-up and glazed on inspection.',
      part: 'SPZ V-belt',
    },
    {
      title: 'Filters blocked on {tag}',
      description: 'Differential pressure alarm on the filter bank.',
      part: 'F7 bag filters',
    },
    {
      title: 'Fan bearing noise on {tag}',
      description: 'Rumbling from the supply fan drive-end bearing.',
      priority: 'high',
      part: '6205-2RS bearing',
    },
    {
      title: '{tag} not holding temperature',
      description: 'Supply air 4 °C above set point since this morning.',
      priority: 'high',
    },
    {
      title: 'Condensate leak under {tag}',
      description: 'Drain pan overflowing onto the floor; trap likely blocked.',
    },
  ],
  Heating: [
    {
      title: '{tag} locked out',
      description: 'Burner lockout, flame failure code on the panel.',
      priority: 'urgent',
    },
    {
      title: 'Low system pressure on {tag}',
      description: 'Pressure gauge reads 0.6 bar; check for leaks and repressurise.',
    },
    {
      title: 'Flue gas analysis out of range on {tag}',
      description: 'CO reading high at last check; adjust burner.',
      priority: 'high',
    },
  ],
  Pumps: [
    {
      title: 'Leaking seal on pump {tag}',
      description: 'Steady drip from the mechanical seal; tray half full.',
      priority: 'high',
      part: 'mechanical seal',
    },
    {
      title: 'Excessive vibration on {tag}',
      description: 'Vibration survey flagged the motor NDE bearing.',
      part: '6306-2RS bearing',
    },
    {
      title: '{tag} tripping on overload',
      description: 'Overload trips after about 20 minutes running.',
      priority: 'high',
    },
    {
      title: 'Replace coupling insert on {tag}',
      description: 'Rubber spider worn, visible play in the coupling.',
    },
  ],
  'Compressed air': [
    {
      title: '{tag} high temperature shutdown',
      description: 'Compressor tripped on high discharge temperature.',
      priority: 'urgent',
    },
    {
      title: 'Air leak at {tag} receiver drain',
      description: 'Auto drain valve stuck open, hissing constantly.',
    },
    {
      title: 'Oil carry-over from {tag}',
      description: 'Oil found at point-of-use filters; check separator.',
      part: 'air/oil separator',
    },
  ],
  'Material handling': [
    {
      title: 'Hydraulic leak on {tag}',
      description: 'Oil dripping from the tilt cylinder hose.',
      priority: 'high',
      part: 'hydraulic hose',
    },
    { title: 'Replace worn tyres on {tag}', description: 'Drive tyres worn past the wear line.' },
    { title: 'Belt tracking off on {tag}', description: 'Belt running to one side and fraying at the edge.' },
    {
      title: '{tag} horn and lights not working',
      description: 'Failed daily pre-use check.',
      priority: 'high',
    },
    {
      title: 'Drive chain noisy on {tag}',
      description: 'Chain slack and dry; adjust tension and lubricate.',
      part: 'roller chain',
    },
  ],
  'Dock equipment': [
    {
      title: '{tag} will not raise',
      description: 'Hydraulic pump runs but the platform does not lift.',
      priority: 'high',
    },
    {
      title: 'Damaged lip on {tag}',
      description: 'Lip bent after trailer pulled away early.',
      priority: 'medium',
    },
    { title: 'Door seal torn at {tag}', description: 'Draught and rain getting in at the dock seal.' },
    {
      title: 'Safety edge fault on {tag}',
      description: 'Door reverses on its own halfway down.',
      priority: 'high',
    },
  ],
  'Fire protection': [
    {
      title: '{tag} failed weekly run test',
      description: 'Pump did not start on pressure drop.',
      priority: 'urgent',
    },
    {
      title: 'Low diesel tank level on {tag}',
      description: 'Tank below two-thirds; top up per insurer requirement.',
      priority: 'high',
    },
  ],
  Power: [
    {
      title: '{tag} failed to start on test',
      description: 'Cranks but does not fire; check batteries and fuel.',
      priority: 'urgent',
    },
    { title: 'Coolant leak on {tag}', description: 'Coolant puddle under the radiator.', priority: 'high' },
  ],
  Lifts: [
    {
      title: '{tag} out of service',
      description: 'Lift stuck between floors, nobody trapped.',
      priority: 'urgent',
    },
    { title: 'Landing door misaligned on {tag}', description: 'Door catches at the ground floor.' },
  ],
  'Water treatment': [
    {
      title: 'Dosing pump fault on {tag}',
      description: 'Biocide dosing pump not stroking.',
      priority: 'high',
    },
    {
      title: 'High TVC result on {tag}',
      description: 'Water sample above action level; disinfect and resample.',
      priority: 'urgent',
    },
  ],
  Vehicles: [
    { title: 'Warning light on {tag}', description: 'Engine management light on since Monday.' },
    { title: 'Puncture on {tag}', description: 'Rear nearside tyre flat.', priority: 'high' },
  ],
};

const GENERIC_ASSET_FAULTS: readonly Fault[] = [
  { title: 'Unusual noise from {tag}', description: 'Operator reports a knocking noise under load.' },
  { title: 'Oil leak under {tag}', description: 'Fresh oil on the floor; find the source and clean up.' },
  { title: 'Guard missing on {tag}', description: 'Drive guard removed and not refitted.', priority: 'high' },
  { title: 'Inspect {tag} after alarm', description: 'BMS alarm overnight, reset itself; investigate.' },
  { title: 'Replace worn drive belt on {tag}', description: 'Belt cracked on inspection.', part: 'V-belt' },
];

const FACILITY_FAULTS: readonly Fault[] = [
  {
    title: 'Replace failed LED tubes in aisle {aisle}',
    description: 'Three tubes out over the pick face.',
    part: 'LED T8 tube',
  },
  {
    title: 'Repair damaged rack upright {aisle}-{bay}',
    description: 'Upright dented by a forklift; offload the bay until repaired.',
    priority: 'urgent',
  },
  { title: 'Blocked drain in goods-in', description: 'Water pooling by the dock after rain.' },
  {
    title: 'Leaking tap in staff washroom',
    description: 'Cold tap will not shut off fully.',
    priority: 'low',
  },
  {
    title: 'Fire door not closing at stairwell {n}',
    description: 'Closer weak, door does not latch.',
    priority: 'high',
  },
  {
    title: 'Replace missing beam locks aisle {aisle}',
    description: 'Rack inspection found missing beam safety locks.',
    priority: 'high',
  },
  {
    title: 'Emergency light fault at exit {n}',
    description: 'Failed the monthly flick test.',
    priority: 'high',
    part: 'emergency light battery',
  },
  {
    title: 'Floor marking worn at dock {n}',
    description: 'Pedestrian walkway lines no longer visible.',
    priority: 'low',
  },
  {
    title: 'Roof leak above aisle {aisle}',
    description: 'Drips onto the top level after heavy rain; stock covered.',
    priority: 'high',
  },
  {
    title: 'Socket outlet damaged in workshop',
    description: 'Cracked faceplate on the bench double socket.',
  },
];

const HOLD_REASONS = [
  'Waiting for parts',
  'Waiting for contractor',
  'Waiting for shutdown window',
  'Access equipment booked',
  'Waiting for quote approval',
];

const DONE_NOTES = [
  'Replaced and tested, running normally.',
  'Adjusted and re-tested; no further issues.',
  'Repaired; area cleaned and handed back to operations.',
  'Fixed. Added a follow-up inspection to the next PM.',
  'Completed, parts drawn from stores.',
];

const CANCEL_NOTES = [
  'Duplicate of an existing work order.',
  'Covered by the planned maintenance visit.',
  'Could not reproduce; operator to re-raise if it recurs.',
  'Equipment due for replacement under capex.',
];

const PRIORITY_WEIGHTS: readonly [Priority, number][] = [
  ['low', 25],
  ['medium', 45],
  ['high', 22],
  ['urgent', 8],
];

const STATUS_WEIGHTS: readonly [WorkOrderStatus, number][] = [
  ['done', 55],
  ['cancelled', 7],
  ['open', 8],
  ['assigned', 8],
  ['in_progress', 12],
  ['on_hold', 10],
];

/** How old an order in each final status tends to be: live work is recent, closed work spans a year. */
const MAX_AGE_DAYS: Record<WorkOrderStatus, number> = {
  open: 14,
  assigned: 21,
  in_progress: 30,
  on_hold: 60,
  done: 365,
  cancelled: 365,
};

const DUE_DAYS: Record<Priority, number> = { urgent: 1, high: 3, medium: 7, low: 21 };

function weighted<T>(rng: Rng, table: readonly [T, number][]): T {
  const sum = table.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * sum;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  const last = table[table.length - 1];
  if (!last) throw new RangeError('weighted() on an empty table');
  return last[0];
}

type Step = {
  kind: string;
  from: WorkOrderStatus | null;
  to: WorkOrderStatus | null;
  note: string;
  gapHours: [number, number];
};

function aisleLetter(rng: Rng): string {
  return String.fromCharCode(65 + rng.int(0, 11));
}

function fill(text: string, rng: Rng, tag: string): string {
  return text
    .replaceAll('{tag}', tag)
    .replaceAll('{aisle}', aisleLetter(rng))
    .replaceAll('{bay}', String(rng.int(1, 84)).padStart(2, '0'))
    .replaceAll('{n}', String(rng.int(1, 6)));
}

/** The state-machine walk up to `status`; for cancelled, `cancelFrom` says where the cancel happened. */
function pathTo(
  rng: Rng,
  status: WorkOrderStatus,
  cancelFrom: WorkOrderStatus,
  assigneeName: string,
  part: string | undefined,
): Step[] {
  const steps: Step[] = [
    { kind: 'created', from: null, to: 'open', note: 'Raised from a fault report.', gapHours: [0, 0] },
  ];
  const target = status === 'cancelled' ? cancelFrom : status;
  const rank: Record<WorkOrderStatus, number> = {
    open: 0,
    assigned: 1,
    in_progress: 2,
    on_hold: 3,
    done: 4,
    cancelled: 5,
  };
  if (rank[target] >= 1)
    steps.push({
      kind: 'assigned',
      from: 'open',
      to: 'assigned',
      note: `Assigned to ${assigneeName}.`,
      gapHours: [0.2, 20],
    });
  if (rank[target] >= 2)
    steps.push({
      kind: 'started',
      from: 'assigned',
      to: 'in_progress',
      note: 'Work started on site.',
      gapHours: [0.5, 48],
    });
  if (rank[target] >= 2) {
    // Extra hold/resume rounds only on orders that have moved past in_progress.
    const rounds =
      target === 'in_progress'
        ? rng.int(0, 1)
        : target === 'on_hold'
          ? rng.int(0, 1)
          : rng.chance(0.3)
            ? rng.int(1, 2)
            : 0;
    for (let r = 0; r < rounds; r++) {
      const reason = rng.pick(HOLD_REASONS);
      steps.push({
        kind: 'on_hold',
        from: 'in_progress',
        to: 'on_hold',
        note: part && reason === 'Waiting for parts' ? `${reason}: ${part}.` : `${reason}.`,
        gapHours: [0.5, 8],
      });
      steps.push({
        kind: 'resumed',
        from: 'on_hold',
        to: 'in_progress',
        note: 'Parts and access available, work resumed.',
        gapHours: [12, 120],
      });
    }
    if (rank[target] >= 2 && rng.chance(0.35)) {
      steps.push({
        kind: 'comment',
        from: null,
        to: null,
        note: rng.pick([
          'Isolated and locked out.',
          'Checked drawings, ordering parts if needed.',
          'Photos attached to the asset record.',
        ]),
        gapHours: [0.2, 6],
      });
    }
  }
  if (target === 'on_hold') {
    const reason = rng.pick(HOLD_REASONS);
    steps.push({
      kind: 'on_hold',
      from: 'in_progress',
      to: 'on_hold',
      note: part && reason === 'Waiting for parts' ? `${reason}: ${part}.` : `${reason}.`,
      gapHours: [0.5, 8],
    });
  }
  if (target === 'done')
    steps.push({
      kind: 'completed',
      from: 'in_progress',
      to: 'done',
      note: rng.pick(DONE_NOTES),
      gapHours: [0.5, 10],
    });
  if (status === 'cancelled')
    steps.push({
      kind: 'cancelled',
      from: cancelFrom,
      to: 'cancelled',
      note: rng.pick(CANCEL_NOTES),
      gapHours: [0.5, 72],
    });
  return steps;
}

export function generateWorkOrders(rng: Rng, input: WorkOrderInput): GeneratedWorkOrder[] {
  const { assetCount, userCount, now, assets } = input;
  const count = input.count ?? 320;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`generateWorkOrders: bad count ${count}`);
  if (userCount < 1 && count > 0)
    throw new RangeError('generateWorkOrders: need at least one user to assign work to');
  if (assets && assets.length !== assetCount)
    throw new RangeError('generateWorkOrders: assets.length must equal assetCount');

  const allStatuses: WorkOrderStatus[] = ['open', 'assigned', 'in_progress', 'on_hold', 'done', 'cancelled'];
  const orders: GeneratedWorkOrder[] = [];
  for (let i = 0; i < count; i++) {
    // The first six cover every status so any count >= 6 exercises every branch of the UI.
    const status = i < allStatuses.length ? (allStatuses[i] ?? 'done') : weighted(rng, STATUS_WEIGHTS);
    const cancelFrom: WorkOrderStatus =
      status === 'cancelled' ? rng.pick(['open', 'open', 'assigned', 'in_progress', 'on_hold']) : status;

    const assetIndex = assetCount > 0 && rng.chance(0.85) ? rng.int(0, assetCount - 1) : null;
    const asset = assetIndex !== null ? assets?.[assetIndex] : undefined;
    const tag = asset?.tag ?? (assetIndex !== null ? `asset ${assetIndex + 1}` : '');
    const pool: readonly Fault[] =
      assetIndex === null
        ? FACILITY_FAULTS
        : [...(FAULTS_BY_CATEGORY[asset?.category ?? ''] ?? []), ...GENERIC_ASSET_FAULTS];
    const fault = rng.pick(pool);
    const priority = fault.priority && rng.chance(0.7) ? fault.priority : weighted(rng, PRIORITY_WEIGHTS);

    const needsAssignee = !(status === 'open' || (status === 'cancelled' && cancelFrom === 'open'));
    const assigneeIndex = needsAssignee ? rng.int(0, userCount - 1) : null;

    const createdAt = Math.floor((now - 2 * HOUR - rng.next() * MAX_AGE_DAYS[status] * DAY) / 1000) * 1000;
    const steps = pathTo(rng, status, cancelFrom, `technician ${(assigneeIndex ?? 0) + 1}`, fault.part);
    // Draw gaps, then squeeze them if the path would run past `now`, keeping every gap >= 1 s.
    const gaps = steps.map((s, k) =>
      k === 0 ? 0 : (s.gapHours[0] + rng.next() * (s.gapHours[1] - s.gapHours[0])) * HOUR,
    );
    const room = now - 60_000 - createdAt;
    const totalGap = gaps.reduce((s, g) => s + g, 0);
    const squeeze = totalGap > room ? room / totalGap : 1;
    let at = createdAt;
    const events: WorkOrderEvent[] = steps.map((s, k) => {
      if (k > 0) at += Math.max(1000, Math.floor(((gaps[k] ?? 0) * squeeze) / 1000) * 1000);
      return { kind: s.kind, fromStatus: s.from, toStatus: s.to, note: s.note, at };
    });
    const completed = status === 'done' ? (events[events.length - 1]?.at ?? null) : null;
    const dueAt = priority === 'low' && rng.chance(0.3) ? null : createdAt + DUE_DAYS[priority] * DAY;

    orders.push({
      title: fill(fault.title, rng, tag),
      description: fault.part ? `${fault.description} Likely part: ${fault.part}.` : fault.description,
      assetIndex,
      status,
      priority,
      dueAt,
      assigneeIndex,
      createdAt,
      completedAt: completed,
      events,
    });
  }
  // Creation order is how a work-order list is numbered and read.
  return orders.sort((a, b) => a.createdAt - b.createdAt);
}
