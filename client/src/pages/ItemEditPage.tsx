import { useQuery } from '@tanstack/react-query';
import { useParams } from 'wouter';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { ItemForm } from '../components/ItemForm.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useUser } from '../hooks/useUser.ts';
import { isPlanner } from '../lib/roles.ts';
import { useTRPC } from '../trpc.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** `/items/new` and `/items/:id/edit`: the catalogue entry form, for planners. */
export function ItemEditPage() {
  const params = useParams<{ id?: string }>();
  const user = useUser();
  const id = params.id === undefined ? null : Number(params.id);
  useDocumentTitle(id === null ? 'New item' : 'Edit item');
  if (!isPlanner(user.role)) {
    return (
      <div className="page">
        <PageHeader title={id === null ? 'New item' : 'Edit item'} back={{ href: '/', label: 'Items' }} />
        <EmptyState title="Only planners can change the catalogue">
          <p>Ask a planner or an administrator to add or change items.</p>
        </EmptyState>
      </div>
    );
  }
  if (id === null) {
    return (
      <div className="page page--narrow">
        <PageHeader title="New item" back={{ href: '/', label: 'Items' }} />
        <ItemForm />
      </div>
    );
  }
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  return <EditExisting id={id} />;
}

function EditExisting({ id }: { id: number }) {
  const trpc = useTRPC();
  const item = useQuery(trpc.items.get.queryOptions({ id }));
  if (item.isPending) return <Loading label="Loading item…" />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  return (
    <div className="page page--narrow">
      <PageHeader title={`Edit ${item.data.name}`} back={{ href: `/items/${id}`, label: item.data.name }} />
      <ItemForm item={item.data} />
    </div>
  );
}
