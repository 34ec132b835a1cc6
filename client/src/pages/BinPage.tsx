import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'wouter';
import { isManualKind, kindLabel } from '../../../common/masters/location.ts';
import { Badge } from '../components/Badge.tsx';
import { BinContents } from '../components/BinContents.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { humanise } from '../lib/format.ts';
import { useTRPC } from '../trpc.ts';

/** `/bins/:code`: one bin, or a cabinet, room, van or other area, and what is in it. */
export function BinPage() {
  const format = useFormat();
  const params = useParams<{ code: string }>();
  const code = safeDecode(params.code).trim();
  const trpc = useTRPC();
  const bin = useQuery(trpc.locations.get.queryOptions({ code }));
  const label = bin.data ? kindLabel(bin.data.kind) : 'Bin';
  const manual = bin.data ? isManualKind(bin.data.kind) : false;
  const placed = bin.data ? bin.data.x !== null : true;
  useDocumentTitle(`${label} ${code}`);
  return (
    <div className="page">
      <PageHeader
        title={
          <>
            {label} <span className="mono">{bin.data?.code ?? code}</span>
          </>
        }
        back={{ href: '/', label: 'Items' }}
        subtitle={
          bin.data && manual ? (
            <>
              {bin.data.name}
              {bin.data.description ? ` · ${bin.data.description}` : ''} · capacity{' '}
              {format.number(bin.data.capacity)} ·{' '}
              {placed ? `on floor ${bin.data.floorId ?? ''}` : 'not placed in the twin'}{' '}
              {bin.data.active ? null : <Badge code="inactive" tone="neutral" label="Archived" />}
            </>
          ) : bin.data ? (
            <>
              {humanise(bin.data.kind)}
              {bin.data.aisle ? ` · aisle ${bin.data.aisle}` : ''}
              {bin.data.bay !== null ? ` · bay ${bin.data.bay}` : ''}
              {bin.data.level !== null ? ` · level ${bin.data.level}` : ''} · capacity{' '}
              {format.number(bin.data.capacity)}{' '}
              {bin.data.active ? null : <Badge code="inactive" tone="neutral" label="Not in use" />}
            </>
          ) : null
        }
        actions={
          <>
            {placed ? (
              <Link href={`/guide?bin=${encodeURIComponent(code)}`} className="button" data-testid="guide-me">
                Guide me
              </Link>
            ) : (
              <span className="muted" data-testid="not-placed">
                Not placed in the twin
              </span>
            )}
            <Link href={`/labels?bin=${encodeURIComponent(code)}`} className="button">
              Print label
            </Link>
          </>
        }
      />
      <section className="card" aria-label="Contents">
        {bin.isPending ? (
          <Loading label="Loading bin…" />
        ) : bin.isError ? (
          <ErrorState error={bin.error} onRetry={() => void bin.refetch()} />
        ) : (
          <BinContents bin={bin.data} />
        )}
      </section>
    </div>
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
