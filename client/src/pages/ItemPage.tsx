import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { Badge } from '../components/Badge.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { ItemDetails } from '../components/ItemDetails.tsx';
import { ItemSuppliers } from '../components/ItemSuppliers.tsx';
import { Loading } from '../components/Loading.tsx';
import { MovementHistory } from '../components/MovementHistory.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Stat } from '../components/Stat.tsx';
import { StockActions } from '../components/StockActions.tsx';
import { StockTable } from '../components/StockTable.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useIdParam } from '../hooks/useIdParam.ts';
import { useUser } from '../hooks/useUser.ts';
import { isPlanner } from '../lib/roles.ts';
import type { ItemDetail } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function ItemPage() {
  const id = useIdParam();
  return id === null ? <NotFoundPage /> : <ItemView id={id} />;
}

function ItemView({ id }: { id: number }) {
  const trpc = useTRPC();
  const item = useQuery(trpc.items.get.queryOptions({ id }));
  useDocumentTitle(item.data?.name ?? 'Item');
  if (item.isPending) return <Loading label="Loading item…" />;
  if (item.isError) {
    return (
      <div className="page">
        <PageHeader title="Item" back={{ href: '/', label: 'Items' }} />
        <ErrorState error={item.error} onRetry={() => void item.refetch()} />
      </div>
    );
  }
  return <ItemContent item={item.data} />;
}

function ItemContent({ item }: { item: ItemDetail }) {
  const format = useFormat();
  const user = useUser();
  const low = item.available <= item.reorderPoint;
  return (
    <div className="page" data-testid="item-page">
      <PageHeader
        title={item.name}
        back={{ href: '/', label: 'Items' }}
        subtitle={
          <>
            <span className="mono">{item.sku}</span> · {item.category}
            {low ? (
              <>
                {' '}
                <Badge code="low" tone="warning" label="Low stock" />
              </>
            ) : null}
          </>
        }
        actions={
          <>
            <Link href={`/twin?item=${item.id}`} className="button" data-testid="show-in-3d">
              Show in 3D
            </Link>
            <Link href={`/guide?item=${item.id}`} className="button" data-testid="guide-me">
              Guide me
            </Link>
            <Link href={`/labels?item=${item.id}`} className="button">
              Print label
            </Link>
            {isPlanner(user.role) ? (
              <Link href={`/items/${item.id}/edit`} className="button">
                Edit item
              </Link>
            ) : null}
          </>
        }
      />
      <div className="stats">
        <Stat label={`${item.unit} on hand`} value={format.number(item.onHand)} testId="total-on-hand" />
        <Stat label="reserved" value={format.number(item.reserved)} />
        <Stat
          label="available"
          value={format.number(item.available)}
          {...(low ? { tone: 'warning' as const } : {})}
        />
        <Stat label="reorder point" value={format.number(item.reorderPoint)} />
      </div>
      <div className="split">
        <div className="split__main">
          <StockTable item={item} />
          <StockActions item={item} />
        </div>
        <div className="split__side">
          <ItemDetails item={item} />
          <ItemSuppliers item={item} />
        </div>
      </div>
      <MovementHistory itemId={item.id} unit={item.unit} />
    </div>
  );
}
