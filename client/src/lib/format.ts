// Pure text helpers. Money, numbers, dates and lengths follow the site's settings: `useFormat()`.

/** "in_progress" -> "In progress". */
export function humanise(code: string): string {
  const words = code.replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

const MOVEMENT_LABELS: Record<string, string> = {
  receive: 'Received',
  pick: 'Picked',
  put_away: 'Put away',
  transfer: 'Transferred',
  adjust: 'Adjusted',
  count: 'Counted',
};

export const movementLabel = (kind: string) => MOVEMENT_LABELS[kind] ?? humanise(kind);

/** A YYYY-MM-DD value for a date input, in local time. */
export function toDateInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The end of the chosen local day, so "due 12 March" means due by the end of that day. */
export function fromDateInput(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  return new Date(Number(y), Number(m) - 1, Number(d), 23, 59, 59).getTime();
}
