import { useFormat } from '../hooks/useFormat.ts';
import { humanise } from '../lib/format.ts';
import type { WorkOrderDetail } from '../lib/types.ts';

type Event = WorkOrderDetail['events'][number];

function describe(e: Event): string {
  switch (e.kind) {
    case 'created':
      return 'Created';
    case 'status':
      return `${humanise(e.fromStatus ?? '?')} → ${humanise(e.toStatus ?? '?')}`;
    case 'assigned':
      return e.note || 'Assigned';
    case 'part_reserved':
    case 'part_consumed':
    case 'part_released':
    case 'kit':
    case 'task':
      return e.note || humanise(e.kind);
    default:
      return humanise(e.kind);
  }
}

/** What happened to the work order, oldest first. */
export function WorkOrderHistory({ events }: { events: WorkOrderDetail['events'] }) {
  const format = useFormat();
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id} className="timeline__item" data-testid="wo-event">
          <span className="timeline__what">{describe(e)}</span>
          {e.kind === 'status' && e.note ? <span className="timeline__note">“{e.note}”</span> : null}
          {e.kind === 'created' && e.note ? <span className="timeline__note">{e.note}</span> : null}
          <span className="timeline__meta">
            {e.actor ?? 'System'} · {format.dateTime(e.at)}
          </span>
        </li>
      ))}
    </ol>
  );
}
