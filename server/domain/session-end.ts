import type { LiveEvent, SignOutReason } from '../../common/live-events.ts';

/**
 * What a committed event means for one open session (a live stream, a speech socket): `null`, it
 * goes on; `{reason}`, it is over and the user is told why; `{reason: null}`, the account changed
 * (a new role or name) and the session still holds, but anything opened under the old account
 * should be opened again.
 */
export function sessionEnd(
  event: LiveEvent,
  userId: number,
  sessionHash: string | null,
): { reason: SignOutReason | null } | null {
  if (event.type === 'logout') {
    return event.userId === userId && event.sessionHash === sessionHash ? { reason: 'logged_out' } : null;
  }
  if (event.type !== 'account' || event.userId !== userId) return null;
  if (event.signOut === null) return { reason: null };
  return sessionHash === event.signOut.keepSessionHash ? null : { reason: event.signOut.reason };
}
