import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../trpc.ts';

/**
 * What to refetch after a change, whether this tab made it or the live feed reported it. Only
 * queries on screen refetch now; the rest are marked stale and refetch when next shown.
 */
export function useInvalidate() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useMemo(() => {
    const run = (...filters: { queryKey: readonly unknown[] }[]) =>
      Promise.all(filters.map((f) => qc.invalidateQueries(f))).then(() => undefined);
    const [movementsPath] = trpc.items.movements.pathKey();
    return {
      stock: (itemId: number) =>
        run(
          trpc.items.get.queryFilter({ id: itemId }),
          { queryKey: [movementsPath, { input: { itemId } }] },
          trpc.stock.level.queryFilter({ itemId }),
          trpc.stock.lowStock.pathFilter(),
          trpc.items.search.pathFilter(),
          trpc.locations.get.pathFilter(),
          trpc.workOrders.get.pathFilter(),
          // The twin's heatmaps and hover labels show per-bin stock.
          trpc.twin.binStates.pathFilter(),
        ),
      /** A new layout was published: its bins (and so their states) may have changed too. */
      twin: () =>
        run(
          trpc.twin.current.pathFilter(),
          trpc.twin.binStates.pathFilter(),
          trpc.navigation.route.pathFilter(),
        ),
      workOrder: (id?: number) =>
        run(
          trpc.workOrders.list.pathFilter(),
          trpc.workOrders.counts.pathFilter(),
          id === undefined ? trpc.workOrders.get.pathFilter() : trpc.workOrders.get.queryFilter({ id }),
          trpc.assets.list.pathFilter(),
          trpc.assets.get.pathFilter(),
        ),
      purchaseOrder: (id?: number) =>
        run(
          trpc.purchasing.list.pathFilter(),
          id === undefined ? trpc.purchasing.get.pathFilter() : trpc.purchasing.get.queryFilter({ id }),
          trpc.stock.lowStock.pathFilter(),
        ),
      asset: (assetId: number) =>
        run(
          trpc.assets.list.pathFilter(),
          trpc.assets.get.queryFilter({ id: assetId }),
          trpc.workOrders.list.pathFilter(),
        ),
      catalog: (itemId: number) =>
        run(
          trpc.items.get.queryFilter({ id: itemId }),
          trpc.items.search.pathFilter(),
          trpc.stock.lowStock.pathFilter(),
        ),
      /** The site's name and formatting values. */
      site: () => run(trpc.site.status.pathFilter()),
      /** An account changed: the user lists and the audit log that records it. */
      users: () => run(trpc.users.list.pathFilter(), trpc.audit.recent.pathFilter()),
      /** A supplier, its contacts or prices: its pages, the items it prices and the order suggestions. */
      supplier: (supplierId?: number) =>
        run(
          trpc.suppliers.list.pathFilter(),
          supplierId === undefined
            ? trpc.suppliers.get.pathFilter()
            : trpc.suppliers.get.queryFilter({ id: supplierId }),
          trpc.purchasing.suppliers.pathFilter(),
          trpc.items.get.pathFilter(),
          trpc.stock.lowStock.pathFilter(),
        ),
      /** A category or unit: a rename rewrote it on items, so item views refetch too. */
      masters: () =>
        run(
          trpc.categories.list.pathFilter(),
          trpc.units.list.pathFilter(),
          trpc.items.get.pathFilter(),
          trpc.items.search.pathFilter(),
          trpc.suppliers.get.pathFilter(),
          trpc.stock.lowStock.pathFilter(),
        ),
      /** A hand-kept location (cabinet, room, van, area). */
      location: () =>
        run(
          trpc.locations.listManual.pathFilter(),
          trpc.locations.get.pathFilter(),
          trpc.locations.list.pathFilter(),
        ),
      everything: () => qc.invalidateQueries(),
    };
  }, [trpc, qc]);
}

/** The query key of an item's movement history (an infinite list paged by `beforeId`). */
export function useMovementsKey(itemId: number) {
  const trpc = useTRPC();
  const [path] = trpc.items.movements.pathKey();
  return [path, { input: { itemId }, type: 'infinite' }] as const;
}
