import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Badge } from '../components/Badge.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { MeterForm } from '../components/MeterForm.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PlansTable } from '../components/PlansTable.tsx';
import { Stat } from '../components/Stat.tsx';
import { WorkOrderForm } from '../components/WorkOrderForm.tsx';
import { WorkOrderList } from '../components/WorkOrderList.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useIdParam } from '../hooks/useIdParam.ts';
import type { AssetDetail } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function AssetPage() {
  const id = useIdParam();
  return id === null ? <NotFoundPage /> : <AssetView id={id} />;
}

function AssetView({ id }: { id: number }) {
  const trpc = useTRPC();
  const asset = useQuery(trpc.assets.get.queryOptions({ id }));
  useDocumentTitle(asset.data?.name ?? 'Asset');
  const back = { href: '/assets', label: 'Assets' };
  if (asset.isPending) return <Loading label="Loading asset…" />;
  if (asset.isError) {
    return (
      <div className="page">
        <PageHeader title="Asset" back={back} />
        <ErrorState error={asset.error} onRetry={() => void asset.refetch()} />
      </div>
    );
  }
  return <AssetContent asset={asset.data} />;
}

function AssetContent({ asset }: { asset: AssetDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const [creating, setCreating] = useState(false);
  const orders = useQuery(trpc.workOrders.list.queryOptions({ assetId: asset.id, limit: 100 }));
  // Same query and cache as the guide page, so following the link does not load the layout again.
  const twin = useQuery(trpc.twin.current.queryOptions(undefined, { staleTime: 60_000 }));
  const placed = twin.data?.facility.assets.some((a) => a.assetTag === asset.tag) ?? false;
  const dueCount = asset.plans.filter((p) => p.due).length;
  return (
    <div className="page">
      <PageHeader
        title={asset.name}
        back={{ href: '/assets', label: 'Assets' }}
        subtitle={
          <>
            <span className="mono">{asset.tag}</span> · {asset.category} · <Badge code={asset.status} />
            {asset.aliases.length > 0 ? ` · also ${asset.aliases.join(', ')}` : ''}
          </>
        }
        actions={
          <>
            {placed ? (
              <Link
                href={`/guide?asset=${encodeURIComponent(asset.tag)}`}
                className="button"
                data-testid="guide-me"
              >
                Guide me
              </Link>
            ) : null}
            <button
              type="button"
              className="button button--primary"
              onClick={() => setCreating(true)}
              disabled={creating}
            >
              Create work order
            </button>
          </>
        }
      />
      {creating ? (
        <section className="card" aria-label="New work order">
          <h2 className="card__title">New work order for {asset.name}</h2>
          <WorkOrderForm
            asset={{ id: asset.id, name: asset.tag }}
            onCancel={() => setCreating(false)}
            onCreated={(id) => {
              toast.success(`Created work order #${id}`);
              navigate(`/work-orders/${id}`);
            }}
          />
        </section>
      ) : null}
      <div className="stats">
        {asset.meterUnit ? <Stat label={asset.meterUnit} value={format.number(asset.meterValue)} /> : null}
        <Stat label="maintenance plans" value={asset.plans.length} />
        <Stat label="due now" value={dueCount} {...(dueCount > 0 ? { tone: 'danger' as const } : {})} />
        <Stat
          label="open work orders"
          value={orders.data?.filter((w) => w.status !== 'done' && w.status !== 'cancelled').length ?? '…'}
        />
      </div>
      <div className="split">
        <div className="split__main">
          <section className="card" aria-labelledby="plans-title">
            <h2 id="plans-title" className="card__title">
              Maintenance plans
            </h2>
            <PlansTable asset={asset} />
          </section>
          <section className="card" aria-labelledby="wo-title">
            <h2 id="wo-title" className="card__title">
              Work orders
            </h2>
            {orders.isPending ? (
              <Loading />
            ) : orders.isError ? (
              <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
            ) : (
              <WorkOrderList orders={orders.data} empty="No work orders for this asset" />
            )}
          </section>
        </div>
        <div className="split__side">
          {asset.meterUnit ? (
            <section className="card" aria-labelledby="meter-title">
              <h2 id="meter-title" className="card__title">
                Meter
              </h2>
              <p className="meter">
                <span className="meter__value">{format.number(asset.meterValue)}</span> {asset.meterUnit}
              </p>
              <MeterForm asset={asset} />
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
