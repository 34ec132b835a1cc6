import { humanise } from '../lib/format.ts';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'accent';

const TONES: Record<string, Tone> = {
  // work orders
  open: 'info',
  assigned: 'accent',
  in_progress: 'warning',
  on_hold: 'neutral',
  done: 'success',
  cancelled: 'neutral',
  // purchase orders
  partially_received: 'warning',
  received: 'success',
  // priorities
  low: 'neutral',
  medium: 'info',
  high: 'warning',
  urgent: 'danger',
  // assets
  running: 'success',
  down: 'danger',
  retired: 'neutral',
  archived: 'neutral',
  // asset criticality (low, medium and high as for priorities)
  critical: 'danger',
};

/** A small coloured label for a status or priority code; the text, not only the colour, carries it. */
export function Badge({ code, tone, label }: { code: string; tone?: Tone; label?: string }) {
  return (
    <span className={`badge badge--${tone ?? TONES[code] ?? 'neutral'}`}>{label ?? humanise(code)}</span>
  );
}
