import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError, forbidden, invalid, rateLimited } from '../../common/errors.ts';
import type { Role, SessionUser } from '../../common/roles.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import {
  deleteForgottenThrottles,
  deleteThrottle,
  findThrottles,
  saveThrottle,
} from '../db/login-throttle.repository.ts';
import { findPasswordToken, markTokenUsed, voidOpenTokens } from '../db/password-tokens.repository.ts';
import {
  deleteSession,
  deleteUserSessions,
  findSessionUser,
  findUserById,
  findUserByName,
  insertSession,
  listUsers,
  setPasswordHash,
  type UserSummary,
} from '../db/users.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import type { AuditContent } from '../domain/audit-chain.ts';
import { BoundedGate } from '../domain/bounded-gate.ts';
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  afterFailure,
  retryAfterSeconds,
  type ThrottleRule,
  waitMs,
} from '../domain/login-throttle.ts';
import { linkProblem } from '../domain/password-links.ts';
import { assertPasswordAllowed } from '../domain/password-policy.ts';
import { hashPassword, verifyPassword } from '../domain/passwords.ts';
import { hashSecretToken, newSecretToken } from '../domain/secret-token.ts';
import type { Clock } from './clock.ts';
import type { EventBus } from './event-bus.ts';
import { createUserRecord } from './user-admin.service.ts';

export type NewUserInput = {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  /** Only the demo seed: its documented demo password is shorter than the policy allows. */
  bypassPolicyForDemo?: boolean;
};

/** A user whose password passed the rules and is hashed, ready to insert. */
export type NewUser = { username: string; displayName: string; role: Role; passwordHash: string };

// A hash to compare against when the user does not exist, so a wrong username costs the same time.
const DUMMY_HASH = hashPassword('not-a-real-password');

/**
 * Password hashes at once (each ~50 ms of one core on a libuv thread), and a few waiting: a login
 * flood then holds at most two of the pool's four threads, and leaves a core for the event loop
 * (one hash at a time on a two-core machine); the rest are refused at once.
 */
const HASHING_AT_ONCE = Math.min(2, Math.max(1, availableParallelism() - 1));
const HASHING_QUEUE = 8;

/**
 * A refused attempt is answered after this pause: a client that ignores Retry-After and asks again
 * at once then waits on a timer, which costs nothing, instead of spending the event loop that
 * everyone else's requests and page loads need.
 */
const REFUSAL_PAUSE_MS = 250;

const refuse = async (error: DomainError): Promise<never> => {
  await sleep(REFUSAL_PAUSE_MS);
  throw error;
};

const CACHE_MS = 5_000;

export type SessionStart = { token: string; user: SessionUser; maxAgeS: number };

/** A counter a login attempt is held to, and what the audit log calls it when it locks. */
type ThrottleKey = { key: string; rule: ThrottleRule; entity: 'account' | 'address'; entityId: string };

const tooManyAttempts = (ms: number) => {
  const s = retryAfterSeconds(ms);
  return rateLimited(`Too many attempts; try again in ${s} second${s === 1 ? '' : 's'}`, s);
};

/** What the session cache checks before trusting itself: the change feed, caught up. */
export type Revocations = { sync(): Promise<void> };

/**
 * Logins, sessions and passwords. Sessions are random tokens in an HTTP-only cookie; only their hash
 * is stored. Looked-up sessions are cached briefly because every API call checks one; the cache
 * forgets a user as soon as a change to their account commits (an `account` event) and a session as
 * soon as it is logged out (`logout`), on whichever instance it happened: before a cached session
 * is used, the change feed is caught up (`Revocations.sync`, one shared read per turn of the event
 * loop), so a logout on one instance refuses the token on every other at once.
 */
export class AuthService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #revocations: Revocations;
  readonly #sessionMs: number;
  readonly #cache = new Map<string, { user: SessionUser | null; until: number }>();
  /** Bumped whenever the cache forgets someone, so a look-up that raced the change is not cached. */
  #cacheGeneration = 0;
  readonly #hashing = new BoundedGate(HASHING_AT_ONCE, HASHING_QUEUE);

  constructor(deps: {
    db: Database;
    writer: Writer;
    clock: Clock;
    events: EventBus;
    revocations: Revocations;
    sessionDays: number;
  }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#revocations = deps.revocations;
    this.#sessionMs = deps.sessionDays * 24 * 3600 * 1000;
    deps.events.listen((event) => {
      if (event.type === 'account') this.#forget((entry) => entry.user?.id === event.userId);
      else if (event.type === 'logout') this.#forget((_, tokenHash) => tokenHash === event.sessionHash);
      else if (event.type === 'resync') this.#forget(() => true);
    });
  }

  /**
   * Refused without looking at the password while the account or the caller's address is locked
   * (429 with how long to wait), or when the server is already checking too many passwords.
   */
  async login(username: string, password: string, address: string | null = null): Promise<SessionStart> {
    const name = username.trim();
    const keys = throttleKeys(name, address);
    await this.#assertNotLocked(keys);
    const { row, matches } = await this.#hash(async () => {
      const found = await findUserByName(this.#db.reader, name);
      // An invited user has no password yet; compare against the dummy so it costs the same.
      const stored = found !== null && found.passwordHash !== '' ? found.passwordHash : await DUMMY_HASH;
      return { row: found, matches: await verifyPassword(password, stored) };
    });
    if (row === null || row.passwordHash === '' || !matches) {
      await this.#recordFailure(keys, address);
      throw new DomainError('unauthenticated', 'Wrong username or password');
    }
    // Said only to someone who knows the password, so it does not reveal which accounts exist.
    if (row.disabledAt !== null) throw forbidden('This account is disabled; ask an administrator');
    const token = newSecretToken();
    return this.#writer.run(async (tx) => {
      const at = this.#clock.now();
      await deleteThrottle(tx, accountKey(name));
      await appendAudit(tx, [
        {
          actorId: row.id,
          action: 'auth.login',
          entity: 'user',
          entityId: String(row.id),
          data: JSON.stringify({ address }),
          createdAt: at,
        },
      ]);
      return this.#startSession(tx, token, profileOf(row), at);
    });
  }

  /** Ends this session on every instance, and the live streams opened with it. */
  async logout(token: string): Promise<void> {
    const sessionHash = hashSecretToken(token);
    await this.#writer.run(async (tx) => {
      const userId = await deleteSession(tx, sessionHash);
      if (userId !== null) tx.emit({ type: 'logout', userId, sessionHash });
    });
  }

  async userForToken(token: string | undefined): Promise<SessionUser | null> {
    if (!token) return null;
    const tokenHash = hashSecretToken(token);
    const now = this.#clock.now();
    const hit = this.#cache.get(tokenHash);
    if (hit && hit.until > now) {
      // No session yet is no session: ending sessions never makes one valid.
      if (hit.user === null) return null;
      // Another instance may have ended it a moment ago: hear about it before trusting the cache.
      await this.#revocations.sync();
      const cached = this.#cache.get(tokenHash);
      if (cached && cached.until > now) return cached.user;
    }
    const generation = this.#cacheGeneration;
    const user = await findSessionUser(this.#db.reader, tokenHash, now);
    if (generation !== this.#cacheGeneration) return user;
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(tokenHash, { user, until: now + CACHE_MS });
    return user;
  }

  users(): Promise<UserSummary[]> {
    return listUsers(this.#db.reader);
  }

  async createUser(input: NewUserInput, actorId: number | null = null): Promise<number> {
    const user = await this.prepareUser(input);
    return this.#writer.run((tx) => this.addUser(tx, user, actorId));
  }

  /**
   * The password rules and the hash, done before the write transaction: scrypt takes long enough
   * to hold up everyone else's writes.
   */
  async prepareUser(input: NewUserInput): Promise<NewUser> {
    if (input.bypassPolicyForDemo !== true)
      await assertPasswordAllowed(input.password, input.username, 'password');
    const passwordHash = await this.#hash(() => hashPassword(input.password));
    return { username: input.username, displayName: input.displayName, role: input.role, passwordHash };
  }

  /** Inserts a prepared user inside the caller's transaction (createUser, the first-run setup). */
  addUser(tx: WriteTx, user: NewUser, actorId: number | null): Promise<number> {
    return createUserRecord(tx, { ...user, actorId, at: this.#clock.now(), action: 'user.create' });
  }

  /** Starts a session for a user inside the caller's transaction; the token is for the cookie. */
  openSession(tx: WriteTx, user: SessionUser): Promise<SessionStart> {
    return this.#startSession(tx, newSecretToken(), user, this.#clock.now());
  }

  /** Needs the current password; every other session of the user ends, this one stays. */
  async changePassword(
    user: SessionUser,
    sessionToken: string | undefined,
    input: { currentPassword: string; newPassword: string },
    address: string | null = null,
  ): Promise<void> {
    const keys = throttleKeys(user.username, address);
    await this.#assertNotLocked(keys);
    const row = await findUserById(this.#db.reader, user.id);
    if (row === null) throw new DomainError('unauthenticated', 'Log in first');
    const matches = await this.#hash(() => verifyPassword(input.currentPassword, row.passwordHash));
    if (!matches) {
      // Counted like a failed login: a session left open must not become a way to guess.
      await this.#recordFailure(keys, address);
      throw invalid('That is not your current password', { field: 'currentPassword' });
    }
    if (input.newPassword === input.currentPassword) {
      throw invalid('Choose a password different from your current one', { field: 'newPassword' });
    }
    await assertPasswordAllowed(input.newPassword, row.username, 'newPassword');
    const passwordHash = await this.#hash(() => hashPassword(input.newPassword));
    const keepSessionHash = sessionToken ? hashSecretToken(sessionToken) : null;
    await this.#writer.run(async (tx) => {
      const at = this.#clock.now();
      await setPasswordHash(tx, user.id, passwordHash);
      const sessionsEnded = await deleteUserSessions(tx, user.id, keepSessionHash);
      // A reset link issued before would undo this change.
      await voidOpenTokens(tx, user.id, at);
      tx.emit({ type: 'account', userId: user.id, signOut: { reason: 'password_changed', keepSessionHash } });
      await appendAudit(tx, [
        {
          actorId: user.id,
          action: 'user.password_change',
          entity: 'user',
          entityId: String(user.id),
          data: JSON.stringify({ sessionsEnded }),
          createdAt: at,
        },
      ]);
    });
  }

  /** Ends every session of the user, this one included, and their open screens with it. */
  async signOutEverywhere(userId: number): Promise<void> {
    await this.#writer.run(async (tx) => {
      const at = this.#clock.now();
      const sessionsEnded = await deleteUserSessions(tx, userId);
      tx.emit({
        type: 'account',
        userId,
        signOut: { reason: 'signed_out_everywhere', keepSessionHash: null },
      });
      await appendAudit(tx, [
        {
          actorId: userId,
          action: 'user.sign_out_everywhere',
          entity: 'user',
          entityId: String(userId),
          data: JSON.stringify({ sessionsEnded }),
          createdAt: at,
        },
      ]);
    });
  }

  /**
   * Sets a password through a one-time link and logs the user in. A reset ends every session the
   * user had; an invitation makes the account usable. Either way the link is spent.
   */
  async redeemToken(token: string, password: string): Promise<SessionStart> {
    const tokenHash = hashSecretToken(token);
    // Checked before hashing (no work for a dead link), and again in the transaction (single use).
    const first = await this.#usableLink(this.#db.reader, tokenHash);
    await assertPasswordAllowed(password, first.user.username, 'password');
    const passwordHash = await this.#hash(() => hashPassword(password));
    const sessionToken = newSecretToken();
    return this.#writer.run(async (tx) => {
      const at = this.#clock.now();
      const { link, user } = await this.#usableLink(tx, tokenHash);
      if (!(await markTokenUsed(tx, link.id, at))) {
        throw new DomainError(
          'conflict',
          'This link has already been used; ask an administrator for a new one',
        );
      }
      await setPasswordHash(tx, user.id, passwordHash);
      await voidOpenTokens(tx, user.id, at);
      const sessionsEnded = await deleteUserSessions(tx, user.id);
      if (link.purpose === 'reset') {
        tx.emit({
          type: 'account',
          userId: user.id,
          signOut: { reason: 'password_reset', keepSessionHash: null },
        });
      }
      // Proving who you are through the link clears the failed logins on the account.
      await deleteThrottle(tx, accountKey(user.username));
      await appendAudit(tx, [
        {
          actorId: user.id,
          action: 'user.token_redeem',
          entity: 'user',
          entityId: String(user.id),
          data: JSON.stringify({ purpose: link.purpose, sessionsEnded }),
          createdAt: at,
        },
      ]);
      return this.#startSession(tx, sessionToken, profileOf(user), at);
    });
  }

  async #usableLink(ex: Executor, tokenHash: string) {
    const link = await findPasswordToken(ex, tokenHash);
    const user = link === null ? null : await findUserById(ex, link.userId);
    // Said first: disabling voids the links too, but "disabled" is what the person needs to hear.
    if (user?.disabledAt != null) throw forbidden('This account is disabled; ask an administrator');
    const problem = linkProblem(link, this.#clock.now());
    if (problem !== null || link === null || user === null) {
      throw new DomainError(problem?.kind ?? 'not_found', problem?.message ?? 'This link is not valid');
    }
    return { link, user };
  }

  async #startSession(tx: WriteTx, token: string, user: SessionUser, at: number): Promise<SessionStart> {
    await insertSession(tx, {
      tokenHash: hashSecretToken(token),
      userId: user.id,
      at,
      expiresAt: at + this.#sessionMs,
    });
    return { token, user, maxAgeS: Math.floor(this.#sessionMs / 1000) };
  }

  /** Runs password hashing through the gate; a full gate is a 429 with a second's wait, not a queue. */
  async #hash<T>(work: () => Promise<T>): Promise<T> {
    const running = this.#hashing.run(work);
    if (running === null) {
      return refuse(rateLimited('The server is busy checking other passwords; try again in a second', 1));
    }
    return running;
  }

  async #assertNotLocked(keys: ThrottleKey[]): Promise<void> {
    const now = this.#clock.now();
    const states = await findThrottles(
      this.#db.reader,
      keys.map((k) => k.key),
    );
    const wait = Math.max(0, ...keys.map((k) => waitMs(states.get(k.key) ?? null, now)));
    if (wait > 0) await refuse(tooManyAttempts(wait));
  }

  async #recordFailure(keys: ThrottleKey[], address: string | null): Promise<void> {
    await this.#writer.run(async (tx) => {
      const at = this.#clock.now();
      const states = await findThrottles(
        tx,
        keys.map((k) => k.key),
      );
      const locked: AuditContent[] = [];
      for (const k of keys) {
        const next = afterFailure(states.get(k.key) ?? null, at, k.rule);
        await saveThrottle(tx, k.key, next.state);
        // The first lock of a run is the news; the longer ones after it follow from it.
        if (next.state.failures === k.rule.freeFailures) {
          locked.push({
            actorId: null,
            action: 'auth.lock',
            entity: k.entity,
            entityId: k.entityId,
            data: JSON.stringify({
              failures: next.state.failures,
              lockedForS: retryAfterSeconds(next.lockMs),
              address,
            }),
            createdAt: at,
          });
        }
      }
      await deleteForgottenThrottles(tx, at);
      await appendAudit(tx, locked);
    });
  }

  #forget(matches: (entry: { user: SessionUser | null }, tokenHash: string) => boolean): void {
    this.#cacheGeneration += 1;
    for (const [tokenHash, entry] of this.#cache) {
      if (matches(entry, tokenHash)) this.#cache.delete(tokenHash);
    }
  }
}

const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;

/** The counters a login attempt is held to: its username, and the address it came from. */
function throttleKeys(username: string, address: string | null): ThrottleKey[] {
  const name = username.trim().toLowerCase();
  const account: ThrottleKey = {
    key: accountKey(name),
    rule: ACCOUNT_RULE,
    entity: 'account',
    entityId: name,
  };
  if (address === null) return [account];
  return [account, { key: `address:${address}`, rule: ADDRESS_RULE, entity: 'address', entityId: address }];
}

const profileOf = (u: SessionUser): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
});
