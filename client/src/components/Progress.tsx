/** A thin progress bar with an accessible name and value. */
export function Progress({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <progress className="progress" value={Math.min(value, max)} max={Math.max(max, 1)} aria-label={label} />
  );
}
