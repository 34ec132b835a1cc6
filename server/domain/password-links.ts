/** A one-time link sets a password: a reset for an existing user, an invitation for a new one. */
export type TokenPurpose = 'reset' | 'invite';

export type PasswordTokenRow = {
  id: number;
  userId: number;
  purpose: TokenPurpose;
  expiresAt: number;
  usedAt: number | null;
  voidedAt: number | null;
};

const HOUR = 3600_000;

/** How long a link works: a day for a reset, a week for an invitation (people start on Mondays). */
export const LINK_LIFETIME_MS: Record<TokenPurpose, number> = { reset: 24 * HOUR, invite: 7 * 24 * HOUR };

/** Where a link opens in the web client; the client adds its own origin. */
export const linkPath = (purpose: TokenPurpose, token: string) =>
  `/${purpose === 'invite' ? 'invite' : 'reset'}?token=${encodeURIComponent(token)}`;

export type LinkProblem = { kind: 'not_found' | 'conflict'; message: string };

/** Why a link cannot be used at `now`, or null if it can. */
export function linkProblem(token: PasswordTokenRow | null, now: number): LinkProblem | null {
  if (token === null) {
    return {
      kind: 'not_found',
      message:
        'This link is not valid. Check that you opened the whole link, or ask an administrator for a new one.',
    };
  }
  if (token.usedAt !== null) {
    return {
      kind: 'conflict',
      message: 'This link has already been used; ask an administrator for a new one',
    };
  }
  if (token.voidedAt !== null) {
    return {
      kind: 'conflict',
      message: 'This link was replaced by a newer one; use the newest link you were given',
    };
  }
  if (now >= token.expiresAt) {
    return { kind: 'conflict', message: 'This link has expired; ask an administrator for a new one' };
  }
  return null;
}
