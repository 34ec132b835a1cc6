import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'wouter';
import { Badge } from '../components/Badge.tsx';
import { BinContents } from '../components/BinContents.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { humanise } from '../lib/format.ts';
import { useTRPC } from '../trpc.ts';

/** `/bins/:code`: one bin and what is in it. */
export function BinPage() {
  const format = useFormat();
  const params = useParams<{ code: string }>();
  const code = safeDecode(params.code).trim();
  const trpc = useTRPC();
  const bin = useQuery(trpc.locations.get.queryOptions({ code }));
  useDocumentTitle(`Bin ${code}`);
  return (
    <div className="page">
      <PageHeader
        title={
          <>
            Bin <span className="mono">{bin.data?.code ?? code}</span>
          </>
        }
        back={{ href: '/', label: 'Items' }}
        subtitle={
          bin.data ? (
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
            <Link href={`/guide?bin=${encodeURIComponent(code)}`} className="button" data-testid="guide-me">
              Guide me
            </Link>
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
