import { useState } from 'react';
import { type BinOption, type BinValue, initialBin, TYPE_CODE } from '../lib/bins.ts';

/**
 * A bin field's value that stays valid as the options change (a bin emptied by a pick drops out of
 * the list): a choice no longer offered falls back to the first option.
 */
export function useBinChoice(options: readonly BinOption[]): [BinValue, (value: BinValue) => void] {
  const [value, setValue] = useState<BinValue>(() => initialBin(options));
  const offered = value.choice === TYPE_CODE || options.some((o) => o.value === value.choice);
  return [offered ? value : { ...initialBin(options), code: value.code }, setValue];
}
