/**
 * A maintenance plan is due when its calendar interval has passed or its meter interval has been
 * run, whichever comes first. Returns when it fell due, for the work order's due date.
 */
export type PlanState = {
  planId: number;
  intervalDays: number | null;
  intervalMeter: number | null;
  lastDoneAt: number;
  lastDoneMeter: number;
  meterValue: number;
};

const DAY_MS = 24 * 3600 * 1000;

export function dueAt(plan: PlanState, now: number): number | null {
  const byTime = plan.intervalDays === null ? null : plan.lastDoneAt + plan.intervalDays * DAY_MS;
  const meterDue = plan.intervalMeter !== null && plan.meterValue - plan.lastDoneMeter >= plan.intervalMeter;
  if (meterDue) return Math.min(now, byTime ?? now);
  if (byTime !== null && byTime <= now) return byTime;
  return null;
}

export function duePlans(plans: readonly PlanState[], now: number): { planId: number; dueAt: number }[] {
  return plans.flatMap((p) => {
    const at = dueAt(p, now);
    return at === null ? [] : [{ planId: p.planId, dueAt: at }];
  });
}
