import type { KeyboardEvent } from 'react';

/**
 * Arrow keys move focus through a list of options (roving focus): Down to the next, Up to the one
 * before, and Up from the first back to `back` (the search box the list belongs to). Options that
 * cannot take focus (disabled buttons) are skipped. Other keys are left alone.
 */
export function arrowFocus(
  e: KeyboardEvent,
  options: readonly HTMLElement[],
  back: HTMLElement | null,
): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const usable = options.filter((o) => !(o instanceof HTMLButtonElement && o.disabled));
  const index = usable.indexOf(document.activeElement as HTMLElement);
  e.preventDefault();
  if (index < 0) {
    if (e.key === 'ArrowDown') usable[0]?.focus();
    return;
  }
  const next = e.key === 'ArrowDown' ? usable[index + 1] : usable[index - 1];
  if (next) next.focus();
  else if (e.key === 'ArrowUp') back?.focus();
}
