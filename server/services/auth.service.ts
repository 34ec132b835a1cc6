import { createHash, randomBytes } from 'node:crypto';
import { conflict, DomainError } from '../../common/errors.ts';
import type { Role, SessionUser } from '../../common/roles.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import {
  deleteSession,
  findSessionUser,
  findUserByName,
  insertSession,
  insertUser,
  listUsers,
} from '../db/users.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import { hashPassword, verifyPassword } from '../domain/passwords.ts';
import type { Clock } from './clock.ts';

/** A user whose password passed the rules and is hashed, ready to insert. */
export type NewUser = { username: string; displayName: string; role: Role; passwordHash: string };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// A hash to compare against when the user does not exist, so a wrong username costs the same time.
const DUMMY_HASH = hashPassword('not-a-real-password');

/**
 * Sessions are random tokens in an HTTP-only cookie; only their hash is stored. Looked-up sessions
 * are cached briefly because every API call checks one and most calls are reads.
 */
export class AuthService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #sessionMs: number;
  readonly #cache = new Map<string, { user: SessionUser | null; until: number }>();

  constructor(deps: { db: Database; writer: Writer; clock: Clock; sessionDays: number }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#sessionMs = deps.sessionDays * 24 * 3600 * 1000;
  }

  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; user: SessionUser; maxAgeS: number }> {
    const row = await findUserByName(this.#db.reader, username.trim());
    const ok = await verifyPassword(password, row?.passwordHash ?? (await DUMMY_HASH));
    if (!row || !ok) throw new DomainError('unauthenticated', 'Wrong username or password');
    const session = await this.#writer.run((tx) => this.openSession(tx, row.id));
    const { passwordHash: _, ...user } = row;
    return { ...session, user };
  }

  /** Starts a session for a user inside the caller's transaction; the token is for the cookie. */
  async openSession(tx: WriteTx, userId: number): Promise<{ token: string; maxAgeS: number }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.#clock.now();
    await insertSession(tx, {
      tokenHash: hashToken(token),
      userId,
      at: now,
      expiresAt: now + this.#sessionMs,
    });
    return { token, maxAgeS: Math.floor(this.#sessionMs / 1000) };
  }

  async logout(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    this.#cache.delete(tokenHash);
    await this.#writer.run((tx) => deleteSession(tx, tokenHash));
  }

  async userForToken(token: string | undefined): Promise<SessionUser | null> {
    if (!token) return null;
    const tokenHash = hashToken(token);
    const now = this.#clock.now();
    const cached = this.#cache.get(tokenHash);
    if (cached && cached.until > now) return cached.user;
    const user = await findSessionUser(this.#db.reader, tokenHash, now);
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(tokenHash, { user, until: now + 5_000 });
    return user;
  }

  users(): Promise<SessionUser[]> {
    return listUsers(this.#db.reader);
  }

  async createUser(
    input: { username: string; displayName: string; role: Role; password: string },
    actorId: number | null = null,
  ): Promise<number> {
    const user = await this.prepareUser(input);
    return this.#writer.run((tx) => this.addUser(tx, user, actorId));
  }

  /**
   * The rules a new user's password must meet, and its hash: done before the write transaction,
   * because scrypt takes long enough to hold up everyone else's writes.
   */
  async prepareUser(input: {
    username: string;
    displayName: string;
    role: Role;
    password: string;
  }): Promise<NewUser> {
    if (input.password.length < 8) throw new DomainError('invalid', 'A password needs at least 8 characters');
    const passwordHash = await hashPassword(input.password);
    const { password: _, ...profile } = input;
    return { ...profile, passwordHash };
  }

  /** Inserts a prepared user inside the caller's transaction (createUser, the first-run setup). */
  async addUser(tx: WriteTx, user: NewUser, actorId: number | null): Promise<number> {
    if (await findUserByName(tx, user.username)) throw conflict(`The username ${user.username} is taken`);
    const at = this.#clock.now();
    const id = await insertUser(tx, { ...user, at });
    // Who can do what is part of the record; the password hash is not.
    await appendAudit(tx, [
      {
        actorId,
        action: 'user.create',
        entity: 'user',
        entityId: String(id),
        data: JSON.stringify({
          username: user.username,
          displayName: user.displayName,
          role: user.role,
        }),
        createdAt: at,
      },
    ]);
    return id;
  }
}
