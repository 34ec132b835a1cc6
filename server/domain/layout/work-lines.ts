/**
 * Ledger movements as work to replay: each pick row is a line of an order (a work order's part
 * issues form one order, any other pick request its own), each receipt or put-away is a line to put
 * away from the dock, and the two rows of a transfer are one replenishment trip.
 */
import { exhaustive } from '../../../common/errors.ts';
import type { WorkLine } from './simulate.ts';

export type MovementRow = {
  operationId: number;
  kind: 'receive' | 'pick' | 'put_away' | 'transfer';
  itemId: number;
  bin: string;
  qty: number;
  refType: string | null;
  refId: number | null;
  at: number;
};

export function workLinesFromMovements(rows: readonly MovementRow[]): WorkLine[] {
  const out: WorkLine[] = [];
  const transferFrom = new Map<number, MovementRow>();
  const transferTo = new Map<number, MovementRow>();
  for (const r of rows) {
    switch (r.kind) {
      case 'pick':
        out.push({
          at: r.at,
          kind: 'pick',
          itemId: r.itemId,
          bin: r.bin,
          toBin: null,
          qty: Math.abs(r.qty),
          order: r.refType !== null && r.refId !== null ? `${r.refType}:${r.refId}` : `op:${r.operationId}`,
        });
        break;
      case 'receive':
      case 'put_away':
        if (r.qty > 0)
          out.push({
            at: r.at,
            kind: 'putaway',
            itemId: r.itemId,
            bin: r.bin,
            toBin: null,
            qty: r.qty,
            order: `op:${r.operationId}`,
          });
        break;
      case 'transfer': {
        const side = r.qty < 0 ? transferFrom : transferTo;
        side.set(r.operationId, r);
        const from = transferFrom.get(r.operationId);
        const to = transferTo.get(r.operationId);
        if (from !== undefined && to !== undefined) {
          out.push({
            at: from.at,
            kind: 'transfer',
            itemId: from.itemId,
            bin: from.bin,
            toBin: to.bin,
            qty: Math.abs(from.qty),
            order: `op:${r.operationId}`,
          });
          transferFrom.delete(r.operationId);
          transferTo.delete(r.operationId);
        }
        break;
      }
      default:
        return exhaustive(r.kind);
    }
  }
  return out;
}
