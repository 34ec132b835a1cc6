import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Formatters } from '../../../common/format.ts';
import { Badge } from '../components/Badge.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { MeterForm } from '../components/MeterForm.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PlanForm } from '../components/PlanForm.tsx';
import { PlansTable } from '../components/PlansTable.tsx';
import { Stat } from '../components/Stat.tsx';
import { WorkOrderForm } from '../components/WorkOrderForm.tsx';
import { WorkOrderList } from '../components/WorkOrderList.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useIdParam } from '../hooks/useIdParam.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useUser } from '../hooks/useUser.ts';
import { errorMessage } from '../lib/errors.ts';
import { humanise } from '../lib/format.ts';
import { isPlanner } from '../lib/roles.ts';
import type { AssetDetail } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../components/AssetForm.css';

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

/** Where the asset is, in words. */
function whereabouts(p: AssetDetail['placement'], format: Formatters) {
  switch (p.kind) {
    case 'twin':
      return `On the floor at x ${format.number(p.x)}, z ${format.number(p.z)} (${format.number(p.width)} × ${format.number(p.depth)} m)`;
    case 'bin':
      return (
        <>
          Kept at bin <Link href={`/bins/${encodeURIComponent(p.code)}`}>{p.code}</Link>
        </>
      );
    case 'zone':
      return p.zoneName === null ? `In zone ${p.zoneId}, which the layout no longer has` : `In ${p.zoneName}`;
    case 'none':
      return 'Not placed';
  }
}

type PlanEditor = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; plan: AssetDetail['plans'][number] };

function AssetContent({ asset }: { asset: AssetDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const user = useUser();
  const invalidate = useInvalidate();
  const [, navigate] = useLocation();
  const [creating, setCreating] = useState(false);
  const [editor, setEditor] = useState<PlanEditor>({ mode: 'closed' });
  const orders = useQuery(trpc.workOrders.list.queryOptions({ assetId: asset.id, limit: 100 }));
  const planner = isPlanner(user.role);
  const archived = asset.archivedAt !== null;
  const onDone = {
    onSuccess: () => void invalidate.asset(asset.id),
    onError: (e: unknown) => toast.error(errorMessage(e)),
  };
  const archive = useMutation(trpc.assets.archive.mutationOptions(onDone));
  const restore = useMutation(trpc.assets.restore.mutationOptions(onDone));
  const dueCount = asset.plans.filter((p) => p.due).length;
  const open = orders.data?.filter((w) => w.status !== 'done' && w.status !== 'cancelled').length;
  const guideable =
    asset.placement.kind !== 'none' &&
    !(asset.placement.kind === 'zone' && asset.placement.zoneName === null);
  return (
    <div className="page">
      <PageHeader
        title={asset.name}
        back={{ href: '/assets', label: 'Assets' }}
        subtitle={
          <>
            <span className="mono">{asset.tag}</span> · {asset.type} ·{' '}
            {archived ? <Badge code="archived" /> : <Badge code={asset.status} />}{' '}
            <Badge code={asset.criticality} label={`${humanise(asset.criticality)} criticality`} />
            {asset.aliases.length > 0 ? ` · also ${asset.aliases.join(', ')}` : ''}
          </>
        }
        actions={
          <>
            {guideable ? (
              <Link
                href={`/guide?asset=${encodeURIComponent(asset.tag)}`}
                className="button"
                data-testid="guide-me"
              >
                Guide me
              </Link>
            ) : null}
            {planner && !archived ? (
              <Link href={`/assets/${asset.id}/edit`} className="button" data-testid="asset-edit">
                Edit
              </Link>
            ) : null}
            {archived ? null : (
              <button
                type="button"
                className="button button--primary"
                onClick={() => setCreating(true)}
                disabled={creating}
              >
                Create work order
              </button>
            )}
          </>
        }
      />
      {archived ? (
        <section className="notice archived-banner" aria-label="Archived" data-testid="asset-archived">
          <span>
            <strong>Archived</strong> on {format.dateTime(asset.archivedAt ?? 0)}. Its work orders, plans and
            history stay here; it raises no work and is left out of lists, pickers and voice.
          </span>
          {planner ? (
            <button
              type="button"
              className="button"
              onClick={() =>
                restore.mutate({ id: asset.id }, { onSuccess: () => toast.success(`Restored ${asset.tag}`) })
              }
              disabled={restore.isPending}
              data-testid="asset-restore"
            >
              {restore.isPending ? 'Restoring…' : 'Restore'}
            </button>
          ) : null}
        </section>
      ) : null}
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
        <Stat label="maintenance plans" value={asset.plans.filter((p) => p.archivedAt === null).length} />
        <Stat label="due now" value={dueCount} {...(dueCount > 0 ? { tone: 'danger' as const } : {})} />
        <Stat label="open work orders" value={open ?? '…'} />
      </div>
      <div className="split">
        <div className="split__main">
          <section className="card" aria-labelledby="plans-title">
            <div className="card__head">
              <h2 id="plans-title" className="card__title">
                Maintenance plans
              </h2>
              {planner && !archived && editor.mode === 'closed' ? (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setEditor({ mode: 'new' })}
                  data-testid="plan-new"
                >
                  Add plan
                </button>
              ) : null}
            </div>
            {editor.mode === 'closed' ? null : (
              <PlanForm
                key={editor.mode === 'edit' ? editor.plan.id : 'new'}
                asset={asset}
                {...(editor.mode === 'edit' ? { plan: editor.plan } : {})}
                onDone={() => setEditor({ mode: 'closed' })}
              />
            )}
            <PlansTable
              asset={asset}
              onEdit={planner && !archived ? (plan) => setEditor({ mode: 'edit', plan }) : undefined}
            />
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
          <section className="card" aria-labelledby="register-title">
            <h2 id="register-title" className="card__title">
              Register
            </h2>
            <dl className="details">
              <div className="details__wide">
                <dt>Where</dt>
                <dd data-testid="asset-where">{whereabouts(asset.placement, format)}</dd>
              </div>
              <div>
                <dt>Category</dt>
                <dd>{asset.category}</dd>
              </div>
              <div>
                <dt>Make</dt>
                <dd>{asset.make || '—'}</dd>
              </div>
              <div>
                <dt>Model</dt>
                <dd>{asset.model || '—'}</dd>
              </div>
              <div>
                <dt>Serial</dt>
                <dd className="mono">{asset.serial || '—'}</dd>
              </div>
              <div>
                <dt>Installed</dt>
                <dd>
                  {asset.installedOn ? format.date(new Date(`${asset.installedOn}T00:00:00`).getTime()) : '—'}
                </dd>
              </div>
            </dl>
            {planner && !archived ? (
              <div className="card__footer">
                <ConfirmButton
                  className="button button--danger-outline"
                  question={`Archive ${asset.tag}?`}
                  detail={
                    <p>
                      Its work orders, plans and history stay readable, but it raises no more work and is left
                      out of lists, pickers and voice. You can restore it from this page.
                    </p>
                  }
                  confirmLabel="Archive asset"
                  onConfirm={() =>
                    archive.mutate(
                      { id: asset.id },
                      {
                        onSuccess: () =>
                          toast.success(`Archived ${asset.tag}; Restore on its page undoes it`),
                      },
                    )
                  }
                  disabled={archive.isPending}
                  testId="asset-archive"
                >
                  Archive asset
                </ConfirmButton>
              </div>
            ) : null}
          </section>
          {asset.meterUnit && !archived ? (
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
