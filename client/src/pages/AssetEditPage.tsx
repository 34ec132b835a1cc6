import { useQuery } from '@tanstack/react-query';
import { useParams } from 'wouter';
import { AssetForm } from '../components/AssetForm.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useUser } from '../hooks/useUser.ts';
import { isPlanner } from '../lib/roles.ts';
import { useTRPC } from '../trpc.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** `/assets/new` and `/assets/:id/edit`: the asset register form, for planners. */
export function AssetEditPage() {
  const params = useParams<{ id?: string }>();
  const user = useUser();
  const id = params.id === undefined ? null : Number(params.id);
  const title = id === null ? 'New asset' : 'Edit asset';
  useDocumentTitle(title);
  const back = { href: '/assets', label: 'Assets' };
  if (!isPlanner(user.role)) {
    return (
      <div className="page">
        <PageHeader title={title} back={back} />
        <EmptyState title="Only planners can change the asset register">
          <p>Ask a planner or an administrator to register or change assets.</p>
        </EmptyState>
      </div>
    );
  }
  if (id === null) {
    return (
      <div className="page">
        <PageHeader title="New asset" back={back} />
        <AssetForm />
      </div>
    );
  }
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  return <EditExisting id={id} />;
}

function EditExisting({ id }: { id: number }) {
  const trpc = useTRPC();
  const asset = useQuery(trpc.assets.get.queryOptions({ id }));
  if (asset.isPending) return <Loading label="Loading asset…" />;
  if (asset.isError) return <ErrorState error={asset.error} onRetry={() => void asset.refetch()} />;
  const back = { href: `/assets/${id}`, label: asset.data.name };
  if (asset.data.archivedAt !== null) {
    return (
      <div className="page">
        <PageHeader title={`Edit ${asset.data.name}`} back={back} />
        <EmptyState title={`${asset.data.tag} is archived`}>
          <p>Restore it on its page to change it.</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader title={`Edit ${asset.data.name}`} back={back} />
      <AssetForm asset={asset.data} />
    </div>
  );
}
