import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { LOCATION_KIND_LABELS } from '../../../common/masters/location.ts';
import { Badge } from '../components/Badge.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { useFormat } from '../hooks/useFormat.ts';
import type { ManualLocation } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';
import { LocationForm } from './LocationForm.tsx';
import { MasterActions } from './MasterActions.tsx';

/** Cabinets, rooms, vans and other areas: ledger locations kept by hand. Bins come from the layout. */
export function LocationsSection() {
  const trpc = useTRPC();
  const locations = useQuery(trpc.locations.listManual.queryOptions());
  return (
    <div className="masters-stack">
      <section className="card" aria-labelledby="new-location-title">
        <h2 id="new-location-title" className="card__title">
          New location
        </h2>
        <p className="card__lead">
          Stock can be received, moved and counted here like in a bin. Bins and docks come from the facility
          layout (Planner); they are not edited here.
        </p>
        <LocationForm />
      </section>
      <section className="card" aria-labelledby="locations-title">
        <h2 id="locations-title" className="card__title">
          Cabinets, rooms, vans and other areas
        </h2>
        {locations.isPending ? (
          <Loading label="Loading locations…" />
        ) : locations.isError ? (
          <ErrorState error={locations.error} onRetry={() => void locations.refetch()} />
        ) : locations.data.length === 0 ? (
          <EmptyState title="No locations outside the racks yet">
            <p>Add a tool cabinet, a spares room or a service van to keep stock there.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="locations-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Name</th>
                  <th scope="col" className="hide-narrow">
                    Place
                  </th>
                  <th scope="col" className="num">
                    On hand
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {locations.data.map((l) => (
                  <LocationLine key={l.id} location={l} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function LocationLine({ location: l }: { location: ManualLocation }) {
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const label = `${LOCATION_KIND_LABELS[l.kind]} ${l.code}`;
  if (editing) {
    return (
      <tr>
        <td colSpan={5}>
          <p className="strong">Change {label}</p>
          <LocationForm location={l} onDone={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="location-row" data-code={l.code}>
      <th scope="row">
        <Link href={`/bins/${encodeURIComponent(l.code)}`} className="mono">
          {l.code}
        </Link>
        <span className="cell-sub">{LOCATION_KIND_LABELS[l.kind]}</span>
      </th>
      <td>
        {l.name} {l.active ? null : <Badge code="archived" tone="neutral" label="Archived" />}
        {l.description ? <span className="cell-sub">{l.description}</span> : null}
      </td>
      <td className="hide-narrow">
        {l.x === null || l.z === null ? (
          <span className="muted">Not placed in the twin</span>
        ) : (
          `${l.floorId ?? ''} · ${format.number(l.x)}, ${format.number(l.z)} m`
        )}
      </td>
      <td className="num">
        {format.number(l.onHand)}
        {l.items > 0 ? <span className="cell-sub">{format.number(l.items)} item(s)</span> : null}
      </td>
      <td>
        <MasterActions
          kind="locations"
          id={l.id}
          label={label}
          archived={!l.active}
          editLabel="Edit"
          onEdit={() => setEditing(true)}
          question={`Archive ${label}?`}
          detail={<p>It keeps its history but takes no more stock. You can restore it later.</p>}
          confirmLabel="Archive location"
        />
      </td>
    </tr>
  );
}
