/**
 * Undo and redo for a scenario's edit list. Edits are absolute (a rack's new centre, its new
 * heading), so undo is dropping the last edit and redo is putting it back; a new edit clears redo.
 */
import { exhaustive } from '../../../common/errors.ts';

export type EditHistory<T> = { edits: readonly T[]; undone: readonly T[] };

export type HistoryAction<T> =
  | { type: 'reset'; edits: readonly T[] }
  | { type: 'push'; edit: T }
  | { type: 'undo' }
  | { type: 'redo' };

export function historyReducer<T>(h: EditHistory<T>, a: HistoryAction<T>): EditHistory<T> {
  switch (a.type) {
    case 'reset':
      return { edits: a.edits, undone: [] };
    case 'push':
      return { edits: [...h.edits, a.edit], undone: [] };
    case 'undo': {
      const last = h.edits[h.edits.length - 1];
      if (last === undefined) return h;
      return { edits: h.edits.slice(0, -1), undone: [...h.undone, last] };
    }
    case 'redo': {
      const next = h.undone[h.undone.length - 1];
      if (next === undefined) return h;
      return { edits: [...h.edits, next], undone: h.undone.slice(0, -1) };
    }
    default:
      return exhaustive(a);
  }
}

/** Positions snap to this grid on the floor (metres) and headings to quarter turns. */
const SNAP_M = 0.1;
export const SNAP_ROTATION = Math.PI / 2;

export function snap(v: number, step = SNAP_M): number {
  return Math.round(Math.round(v / step) * step * 1e6) / 1e6;
}
