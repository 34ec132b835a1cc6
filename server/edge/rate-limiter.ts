import { rateLimited } from '../../common/errors.ts';
import { type BucketRule, TokenBuckets } from '../domain/token-bucket.ts';

/**
 * Procedures that cost real CPU or I/O per call, by kind. A procedure declares its kind in its meta
 * (`roleProcedure(ROLES, { rateLimit: 'search' })`) and one middleware applies it.
 */
export const RATE_CLASSES = ['search', 'route', 'export', 'import', 'simulation'] as const;
export type RateClass = (typeof RATE_CLASSES)[number];

/**
 * Per user. Bursts cover what a person does at a screen (typing a search, a page of exports, a few
 * dry runs of a file being fixed); the rates are what a script at full speed would get instead.
 */
export const USER_RATES: Record<RateClass, BucketRule & { what: string }> = {
  search: { burst: 120, perSecond: 10, what: 'searches' },
  route: { burst: 60, perSecond: 2, what: 'route requests' },
  export: { burst: 20, perSecond: 0.2, what: 'exports and templates' },
  import: { burst: 20, perSecond: 0.2, what: 'CSV checks and imports' },
  simulation: { burst: 10, perSecond: 1 / 30, what: 'simulations and plans' },
};

/**
 * Per network address, so many accounts (or one person's many sessions) on one address cannot add up
 * to a flood. A site behind one NAT or proxy shares an address, hence the headroom.
 */
export const ADDRESS_FACTOR = 5;

export type RateLimiter = {
  /**
   * Takes one call of `kind` for this user and address, or throws a `rate_limited` DomainError.
   * `refund` puts the call back when it turned out to cost nothing (its input was invalid).
   */
  take(kind: RateClass, userId: number | null, address: string | null): { refund(): void };
};

/**
 * In-process token buckets: each instance of the server counts its own calls, so behind a load
 * balancer the effective limit is the sum over instances (see docs/operations.md).
 */
export function createRateLimiter(now: () => number): RateLimiter {
  const byUser = new Map<RateClass, TokenBuckets>();
  const byAddress = new Map<RateClass, TokenBuckets>();
  for (const kind of RATE_CLASSES) {
    const { burst, perSecond } = USER_RATES[kind];
    byUser.set(kind, new TokenBuckets({ burst, perSecond }));
    byAddress.set(
      kind,
      new TokenBuckets({ burst: burst * ADDRESS_FACTOR, perSecond: perSecond * ADDRESS_FACTOR }),
    );
  }
  const refuse = (kind: RateClass, retryAfterMs: number, whose: string) => {
    const retryAfterS = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return rateLimited(
      `Too many ${USER_RATES[kind].what} ${whose}; try again in ${retryAfterS} s`,
      retryAfterS,
    );
  };
  return {
    take(kind, userId, address) {
      const t = now();
      const users = byUser.get(kind);
      const addresses = byAddress.get(kind);
      if (users === undefined || addresses === undefined) return NOTHING_TAKEN;
      const userKey = userId === null ? null : String(userId);
      if (userKey !== null) {
        const mine = users.take(userKey, t);
        if (!mine.ok) throw refuse(kind, mine.retryAfterMs, 'from you');
      }
      if (address !== null) {
        const shared = addresses.take(address, t);
        if (!shared.ok) {
          if (userKey !== null) users.giveBack(userKey);
          throw refuse(kind, shared.retryAfterMs, 'from your network address');
        }
      }
      return {
        refund() {
          if (userKey !== null) users.giveBack(userKey);
          if (address !== null) addresses.giveBack(address);
        },
      };
    },
  };
}

const NOTHING_TAKEN = { refund() {} };

/** For a server started with RATE_LIMITS=0 (benchmarks measuring raw capacity). */
export const NO_RATE_LIMITS: RateLimiter = { take: () => NOTHING_TAKEN };
