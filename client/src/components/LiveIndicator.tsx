import { type LiveStatus, useUi } from '../state/ui.ts';

const LABELS: Record<LiveStatus, { text: string; title: string }> = {
  live: { text: 'Live', title: 'Changes by others appear as they happen' },
  connecting: { text: 'Connecting', title: 'Connecting to live updates…' },
  error: {
    text: 'Offline',
    title: 'Live updates are interrupted; retrying. Reload to be sure you see the latest.',
  },
  off: { text: 'Offline', title: 'Live updates are off' },
};

/** A light showing whether other people's changes are arriving live. */
export function LiveIndicator() {
  const live = useUi((s) => s.live);
  const label = LABELS[live];
  return (
    <span className={`live live--${live}`} title={label.title} data-testid="live-indicator" role="status">
      <span className="live__dot" aria-hidden="true" />
      <span className="live__text">{label.text}</span>
      <span className="visually-hidden">: {label.title}</span>
    </span>
  );
}
