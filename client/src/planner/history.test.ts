import { describe, expect, test } from 'vitest';
import { historyReducer, snap } from './history.ts';

describe('edit history', () => {
  test('undo drops the last edit, redo brings it back, a new edit clears redo', () => {
    let h = historyReducer<string>({ edits: [], undone: [] }, { type: 'push', edit: 'a' });
    h = historyReducer(h, { type: 'push', edit: 'b' });
    h = historyReducer(h, { type: 'undo' });
    expect(h).toEqual({ edits: ['a'], undone: ['b'] });
    h = historyReducer(h, { type: 'redo' });
    expect(h).toEqual({ edits: ['a', 'b'], undone: [] });
    h = historyReducer(h, { type: 'undo' });
    h = historyReducer(h, { type: 'push', edit: 'c' });
    expect(h).toEqual({ edits: ['a', 'c'], undone: [] });
    expect(historyReducer({ edits: [], undone: [] }, { type: 'undo' })).toEqual({ edits: [], undone: [] });
  });

  test('positions snap to 10 cm without float noise', () => {
    expect(snap(12.345)).toBe(12.3);
    expect(snap(0.36)).toBe(0.4);
    expect(snap(-1.04)).toBe(-1);
  });
});
