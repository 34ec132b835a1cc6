/**
 * Reconciliation rules: what a planner's decision on one audit line does.
 *
 * A line whose reading differs from the ledger waits for review ('pending'). Approving it posts a
 * `count` of the read quantity with an idempotency key derived from (audit, bin, item, lot), so an
 * approval submitted twice, or retried after a lost answer, writes one movement. Decisions are final:
 * the same decision again is a no-op, the opposite one is refused.
 *
 * Stock that moved after the flight: a count sets on-hand to what was read, so applying a reading
 * taken before a pick would silently undo the pick. If the bin's stock of that item has any movement
 * since the scan, approval is refused and the line becomes 'stale'; the planner re-flies the bin
 * (a new, small audit) to read it as it is now.
 */
import { conflict, exhaustive, invalid } from '../../../common/errors.ts';

export type Review = 'none' | 'pending' | 'approved' | 'rejected' | 'stale';
export type Decision = 'approve' | 'reject';

/** What to do for one decision on a line in state `review`. */
export type Step = 'post-count' | 'mark-rejected' | 'mark-stale' | 'already-done';

export function decide(review: Review, decision: Decision, movedSinceScan: boolean, what: string): Step {
  switch (review) {
    case 'none':
      throw invalid(`${what} matched the ledger; there is nothing to approve or reject`);
    case 'pending':
      if (decision === 'reject') return 'mark-rejected';
      return movedSinceScan ? 'mark-stale' : 'post-count';
    case 'approved':
      if (decision === 'approve') return 'already-done';
      throw conflict(`${what} was already approved and counted`);
    case 'rejected':
      if (decision === 'reject') return 'already-done';
      throw conflict(`${what} was rejected; re-fly the bin to count it`);
    case 'stale':
      if (decision === 'reject') return 'mark-rejected';
      throw conflict(`Stock in ${what} moved after the scan; re-fly the bin to count it`);
    default:
      return exhaustive(review);
  }
}

/** Stable, key-safe text for a lot (lots may hold any character). */
function lotToken(lot: string): string {
  if (lot === '') return '-';
  let out = '';
  for (const ch of lot) out += /[A-Za-z0-9]/.test(ch) ? ch : `_${ch.codePointAt(0)?.toString(16)}`;
  return out;
}

export function countKey(auditId: number, locationId: number, itemId: number, lot: string): string {
  return `drone-audit:${auditId}:${locationId}:${itemId}:${lotToken(lot)}`;
}

/** Bins worth flying again: readings the planner disputed, went stale, or could not be made. */
export function disputedBins(
  lines: readonly { code: string; review: Review }[],
  occluded: readonly string[],
): string[] {
  const out = new Set(occluded);
  for (const l of lines) if (l.review === 'rejected' || l.review === 'stale') out.add(l.code);
  return [...out].sort();
}
