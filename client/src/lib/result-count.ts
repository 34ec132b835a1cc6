import type { Formatters } from '../../../common/format.ts';

/**
 * What a capped list says about its size. A search asks for at most `cap` results, so exactly `cap`
 * back means "there may be more": say "the first 30", never "30 found" as if that were all.
 */
export function resultCount(
  shown: number,
  cap: number,
  noun: { one: string; many: string },
  format: Pick<Formatters, 'number'>,
): string {
  if (shown === 0) return `No ${noun.many} found`;
  if (shown >= cap) return `The first ${format.number(shown)} ${noun.many}, best match first`;
  return `${format.number(shown)} ${shown === 1 ? noun.one : noun.many} found`;
}
