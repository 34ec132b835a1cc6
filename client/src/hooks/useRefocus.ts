import { type RefObject, useEffect } from 'react';

/**
 * Once `outcome` arrives, puts focus on `target` if it fell to the page body, as it does when the
 * button someone pressed was disabled while the request ran. Focus someone moved on their own stays.
 */
export function useRefocus(target: RefObject<HTMLElement | null>, outcome: unknown): void {
  useEffect(() => {
    if (outcome === null || outcome === undefined) return;
    const active = document.activeElement;
    if (active === null || active === document.body) target.current?.focus();
  }, [outcome, target]);
}
