import type { TRPCClient } from '@trpc/client';
import { exhaustive } from '../../../common/errors.ts';
import type { FactRequest, Facts, Outcome, WriteAction } from '../../../common/voice/dialogue.ts';
import { errorCode, errorMessage } from '../lib/errors.ts';
import type { AppRouter } from '../trpc.ts';

type Api = TRPCClient<AppRouter>;

/** The failure of a call, as the dialogue words it. A call that got no answer is a network failure. */
export function failureOf(error: unknown): Exclude<Outcome, { kind: 'done' }> {
  switch (errorCode(error)) {
    case undefined:
      return { kind: 'network' };
    case 'FORBIDDEN':
      return { kind: 'forbidden', message: errorMessage(error) };
    case 'UNAUTHORIZED':
      return { kind: 'signed_out' };
    default:
      return { kind: 'refused', message: errorMessage(error) };
  }
}

const missingAsNull = async <T>(call: Promise<T>): Promise<T | null> => {
  try {
    return await call;
  } catch (error) {
    if (errorCode(error) === 'NOT_FOUND') return null;
    throw error;
  }
};

const FINAL = new Set(['done', 'cancelled']);

/** Looks up what a command needs, through the same procedures as the screens (so roles apply). */
export async function lookUp(api: Api, needs: readonly FactRequest[], userId: number): Promise<Facts> {
  const facts: Facts = {};
  await Promise.all(
    needs.map(async (need) => {
      switch (need.kind) {
        case 'stock': {
          const level = await api.stock.level.query({ itemId: need.itemId });
          facts.stock = level.locations.map((s) => ({
            locationId: s.locationId,
            code: s.code,
            lot: s.lot,
            onHand: s.onHand,
            reserved: s.reserved,
          }));
          return;
        }
        case 'bin': {
          const bin = await missingAsNull(api.locations.get.query({ code: need.code }));
          facts.bin =
            bin === null
              ? null
              : {
                  id: bin.id,
                  code: bin.code,
                  contents: bin.contents.map((c) => ({
                    itemId: c.itemId,
                    name: c.itemName,
                    lot: c.lot,
                    onHand: c.onHand,
                  })),
                };
          return;
        }
        case 'work_order': {
          const wo = await missingAsNull(api.workOrders.get.query({ id: need.id }));
          facts.workOrder =
            wo === null
              ? null
              : {
                  id: wo.id,
                  title: wo.title,
                  status: wo.status,
                  priority: wo.priority,
                  assetName: wo.assetName,
                  assignee: wo.assignee,
                };
          return;
        }
        case 'my_work_orders': {
          const all = await api.workOrders.list.query({ assigneeId: userId, limit: 500 });
          facts.myWorkOrders = all
            .filter((w) => w.assigneeId === userId && !FINAL.has(w.status))
            .map((w) => ({ id: w.id, title: w.title, status: w.status, priority: w.priority }));
          return;
        }
        case 'low_stock': {
          const low = await api.stock.lowStock.query({ limit: 3 });
          facts.lowStock = {
            lines: low.lines.map((l) => ({ name: l.name, available: l.available })),
            total: low.total,
          };
          return;
        }
        default:
          return exhaustive(need);
      }
    }),
  );
  return facts;
}

/** Runs a confirmed write through the stock and work-order procedures the forms use. */
export async function runAction(api: Api, action: WriteAction, returnReason: string): Promise<Outcome> {
  const lot = (l: string) => (l === '' ? undefined : l);
  const left = (
    r: { stock: { locationId: number; lot: string; onHand: number }[] },
    locationId: number,
    l: string,
  ) => r.stock.find((s) => s.locationId === locationId && s.lot === l)?.onHand ?? 0;
  try {
    switch (action.kind) {
      case 'pick': {
        const r = await api.stock.pick.mutate({
          itemId: action.itemId,
          locationId: action.locationId,
          qty: action.qty,
          lot: lot(action.lot),
          idempotencyKey: action.key,
        });
        return { kind: 'done', left: left(r, action.locationId, action.lot), createdId: null };
      }
      case 'put_away': {
        const r = await api.stock.putAway.mutate({
          itemId: action.itemId,
          fromLocationId: action.fromLocationId,
          toLocationId: action.toLocationId,
          qty: action.qty,
          lot: lot(action.lot),
          idempotencyKey: action.key,
        });
        return { kind: 'done', left: left(r, action.toLocationId, action.lot), createdId: null };
      }
      case 'return': {
        const r = await api.stock.receive.mutate({
          itemId: action.itemId,
          locationId: action.locationId,
          qty: action.qty,
          reason: returnReason,
          idempotencyKey: action.key,
        });
        return { kind: 'done', left: left(r, action.locationId, ''), createdId: null };
      }
      case 'count': {
        const r = await api.stock.count.mutate({
          itemId: action.itemId,
          locationId: action.locationId,
          countedQty: action.qty,
          lot: lot(action.lot),
          idempotencyKey: action.key,
        });
        return { kind: 'done', left: left(r, action.locationId, action.lot), createdId: null };
      }
      case 'create_work_order': {
        const r = await api.workOrders.create.mutate({
          title: action.title,
          description: action.description,
          assetId: action.assetId,
          priority: action.priority,
        });
        return { kind: 'done', left: null, createdId: r.id };
      }
      case 'complete_work_order':
        await api.workOrders.transition.mutate({ id: action.workOrderId, to: 'done' });
        return { kind: 'done', left: null, createdId: null };
      default:
        return exhaustive(action);
    }
  } catch (error) {
    return failureOf(error);
  }
}
