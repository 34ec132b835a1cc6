import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Badge } from '../components/Badge.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RoleGate } from '../components/RoleGate.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { errorMessage } from '../lib/errors.ts';
import { useTRPC } from '../trpc.ts';

/** `/planner`: layout scenarios (a copy of the live twin with edits) and a form to start one. */
export function PlannerPage() {
  return (
    <RoleGate audience="planners" title="Planner">
      <Scenarios />
    </RoleGate>
  );
}

function Scenarios() {
  const format = useFormat();
  useDocumentTitle('Planner');
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const list = useQuery(trpc.scenarios.list.queryOptions());
  const create = useMutation(trpc.scenarios.create.mutationOptions());
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, notes }, { onSuccess: ({ id }) => navigate(`/planner/${id}`) });
  };

  return (
    <div className="page">
      <PageHeader
        title="Planner"
        subtitle="Try a layout or a re-slotting on a copy of the twin, simulate the real work on it, compare, then publish."
      />
      <section className="card" aria-label="New scenario">
        <h2 className="card__title">New scenario</h2>
        <form onSubmit={submit} className="planner-row">
          <label className="field">
            <span className="field__label">Name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              minLength={3}
              data-testid="scenario-name"
            />
          </label>
          <label className="field">
            <span className="field__label">Notes</span>
            <input
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              maxLength={500}
              data-testid="scenario-notes"
            />
          </label>
          <button
            type="submit"
            className="button button--primary"
            disabled={create.isPending}
            data-testid="scenario-create"
          >
            Start from the live layout
          </button>
        </form>
        {create.isError ? (
          <p className="form-message form-message--error" role="alert">
            {errorMessage(create.error)}
          </p>
        ) : null}
      </section>
      {list.isPending ? (
        <Loading label="Loading scenarios…" />
      ) : list.isError ? (
        <ErrorState
          error={list.error}
          title="Scenarios could not be loaded"
          onRetry={() => void list.refetch()}
        />
      ) : list.data.length === 0 ? (
        <EmptyState title="No scenarios yet">
          <p>
            Start one above: it copies the live layout, and nothing you do in it changes the twin or the
            stock.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="scenario-list">
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col" className="hide-narrow">
                  Author
                </th>
                <th scope="col" className="hide-narrow">
                  Edits
                </th>
                <th scope="col">Updated</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/planner/${s.id}`}>{s.name}</Link>
                    {s.notes ? <div className="muted">{s.notes}</div> : null}
                  </td>
                  <td className="hide-narrow">{s.author ?? '—'}</td>
                  <td className="hide-narrow">{s.editCount}</td>
                  <td>{format.dateTime(s.updatedAt)}</td>
                  <td>
                    <Badge
                      code={s.status}
                      tone={s.status === 'applied' ? 'success' : 'neutral'}
                      label={s.status === 'applied' ? 'Published' : 'Draft'}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
