import { useState } from 'react';
import { type BinOption, type StockRow, TYPE_CODE } from '../lib/bins.ts';
import type { FieldErrors } from '../lib/errors.ts';
import type { ItemDetail } from '../lib/types.ts';
import type { Parsed } from '../lib/validate.ts';
import { useBinChoice } from './useBinChoice.ts';
import { type ResolvedBin, useResolveBin } from './useResolveBin.ts';

type BinLotOptions = {
  options: readonly BinOption[];
  /**
   * `new`: stock arriving brings its own lot, so a tracked item's lot is always typed.
   * `held`: stock already in a bin is held per lot, so a chosen bin row names the lot; only a typed bin
   * code leaves it open (the bin may hold several lots).
   */
  lot: 'new' | 'held';
  /** Defaults to asking for the lot or the serial number, as the item is tracked. */
  lotMissing?: string;
  /** Locations offered besides the item's own bins (receipts into a van); their rows hold nothing. */
  places?: readonly StockRow[];
};

export type BinLotValues = {
  errors: FieldErrors;
  /** Undefined when the bin field has an error. */
  bin: ResolvedBin | undefined;
  /** Undefined when the quantity field has an error. */
  qty: number | undefined;
  /** '' for stock without a lot. */
  lot: string;
};

/**
 * The fields every stock action shares (bin, lot, quantity, note) and their checks, so the forms agree
 * on how a bin is found and when a lot is needed. Each form parses the quantity its own way.
 */
export function useBinLotForm(
  item: ItemDetail,
  { options, lot: lotSource, lotMissing, places = [] }: BinLotOptions,
) {
  const resolveBin = useResolveBin();
  const [bin, setBin] = useBinChoice(options);
  const [qty, setQty] = useState('');
  const [lot, setLot] = useState('');
  const [reason, setReason] = useState('');
  const tracked = item.tracking !== 'none';
  const serial = item.tracking === 'serial';
  const typing = bin.choice === TYPE_CODE;
  const showLot = tracked && (lotSource === 'new' || typing);

  const resolve = async (parse: (text: string) => Parsed<number>): Promise<BinLotValues> => {
    const errors: FieldErrors = {};
    const q = parse(qty);
    if (!q.ok) errors.qty = q.error;
    const r = await resolveBin(bin, [...item.stock, ...places]);
    if (!r.ok) errors.bin = r.error;
    const resolved = r.ok ? r.bin : undefined;
    let lotValue: string;
    if (lotSource === 'new') lotValue = tracked ? lot.trim() : '';
    else lotValue = typing ? lot.trim() : (resolved?.row?.lot ?? '');
    if (showLot && lotValue === '')
      errors.lot = lotMissing ?? `Enter the ${serial ? 'serial number' : 'lot'}`;
    return { errors, bin: resolved, qty: q.ok ? q.value : undefined, lot: lotValue };
  };

  return { options, bin, setBin, qty, setQty, lot, setLot, reason, setReason, showLot, serial, resolve };
}

export type BinLotForm = ReturnType<typeof useBinLotForm>;
