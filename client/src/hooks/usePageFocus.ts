import { type RefObject, useEffect } from 'react';
import { useLocation } from 'wouter';

/** How long a page may take to show its heading (data loading) before we stop waiting. */
const WAIT_MS = 5000;

/**
 * After each change of page, focus goes to the new page's heading, so keyboard and screen-reader
 * users start at the top of what changed instead of on the page body (where focus falls when the
 * link they used disappears) or on the header link they followed. A page that put focus on one of
 * its own fields (the item search box) keeps it, and so does the voice command box. Only the path
 * counts: filters in the query string are not a new page.
 */
export function usePageFocus(main: RefObject<HTMLElement | null>): void {
  const [location] = useLocation();
  useEffect(() => {
    // `location` is the trigger.
    void location;
    const started = performance.now();
    let frame = 0;
    const settle = () => {
      const root = main.current;
      if (root === null) return;
      const active = document.activeElement;
      const lost = active === null || active === document.body || active === root;
      // The header link that was followed; anything else outside the page (the voice command box) stays.
      const followed = active instanceof HTMLAnchorElement && !root.contains(active);
      if (!lost && !followed) return;
      const heading = root.querySelector<HTMLElement>('h1');
      if (heading !== null) {
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
        return;
      }
      if (performance.now() - started < WAIT_MS) frame = requestAnimationFrame(settle);
    };
    frame = requestAnimationFrame(settle);
    return () => cancelAnimationFrame(frame);
  }, [location, main]);
}
