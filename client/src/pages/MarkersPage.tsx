import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { errorCode } from '../lib/errors.ts';
import { useTRPC } from '../trpc.ts';

/** Which way a printed face looks, in words a person with a floor plan can follow. */
export function facing(rotationY: number): string {
  const deg = ((((rotationY * 180) / Math.PI) % 360) + 360) % 360;
  const names = [
    '+Z (towards the back wall)',
    '+X (towards the right wall)',
    '−Z (towards the front wall)',
    '−X (towards the left wall)',
  ];
  const name = names[Math.round(deg / 90) % 4] ?? names[0];
  return `${Math.round(deg)}° · face looks along ${name}`;
}

/**
 * `/guide/markers`: a printable sheet of the current layout's AR markers. Each QR code holds the
 * marker's code; its place and heading come from the layout, so a marker must be mounted exactly
 * where its card says.
 */
export function MarkersPage() {
  useDocumentTitle('AR markers');
  const trpc = useTRPC();
  const current = useQuery(trpc.twin.current.queryOptions(undefined, { staleTime: 60_000 }));
  if (current.isPending) return <Loading label="Loading the facility layout…" />;
  if (current.isError) {
    return errorCode(current.error) === 'NOT_FOUND' ? (
      <EmptyState title="No facility layout has been published yet">
        <p>Markers are part of the layout; publish one first.</p>
      </EmptyState>
    ) : (
      <ErrorState error={current.error} onRetry={() => void current.refetch()} />
    );
  }
  const { facility } = current.data;
  const floors = new Map(facility.floors.map((f) => [f.id, f]));
  return (
    <div className="page">
      <PageHeader
        title="AR markers"
        subtitle={`${facility.name} · ${facility.markers.length} markers`}
        back={{ href: '/guide', label: 'Guide' }}
        actions={
          <button type="button" className="button no-print" onClick={() => window.print()}>
            Print
          </button>
        }
      />
      <section className="card no-print">
        <h2>How to place them</h2>
        <ol>
          <li>
            Print at 100 % scale (no “fit to page”) and check the printed code with a ruler: its side must be
            the size on its card.
          </li>
          <li>
            Mount each marker flat and upright at the position on its card: x and z are metres from the
            floor’s corner (x along the width, z along the depth), height is to the centre of the code.
          </li>
          <li>
            Turn the printed face the way its card says; a marker turned the wrong way misaligns the whole
            view.
          </li>
          <li>Keep them clean and unobstructed at eye height; a device aligns whenever it scans one.</li>
        </ol>
      </section>
      {facility.markers.length === 0 ? (
        <EmptyState title="This layout has no markers">
          <p>Planners add markers (code, position, heading, size) to the layout document.</p>
        </EmptyState>
      ) : (
        <div className="marker-sheet print-area" data-testid="marker-sheet">
          {facility.markers.map((m) => {
            const p = m.pose.position;
            return (
              <article
                key={m.id}
                className="marker-card"
                style={{ ['--marker-size' as string]: `${m.size * 100}cm` }}
                data-testid="marker-card"
              >
                <QrCode value={m.code} size={Math.round(m.size * 1000)} />
                <div className="marker-card__text">
                  <p className="mono strong">{m.code}</p>
                  <p>
                    {floors.get(m.floorId)?.name ?? m.floorId} · x {p.x.toFixed(2)} m · z {p.z.toFixed(2)} m ·
                    centre {p.y.toFixed(2)} m above the floor
                  </p>
                  <p>Heading {facing(m.pose.rotationY)}</p>
                  <p className="muted">Printed size {Math.round(m.size * 100)} cm</p>
                </div>
              </article>
            );
          })}
        </div>
      )}
    </div>
  );
}
