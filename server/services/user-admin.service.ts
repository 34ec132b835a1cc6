import { conflict, forbidden, notFound } from '../../common/errors.ts';
import type { Role, SessionUser } from '../../common/roles.ts';
import { appendAudit } from '../db/audit.repository.ts';
import { insertPasswordToken, voidOpenTokens } from '../db/password-tokens.repository.ts';
import {
  countActiveAdmins,
  deleteUserSessions,
  findUserById,
  findUserByName,
  insertUser,
  setUserDisabledAt,
  type UserRow,
  updateUserProfile,
} from '../db/users.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import { LINK_LIFETIME_MS, linkPath, type TokenPurpose } from '../domain/password-links.ts';
import { hashSecretToken, newSecretToken } from '../domain/secret-token.ts';
import type { Clock } from './clock.ts';

/** A one-time link as issued: shown to the administrator once, never stored or logged. */
export type IssuedLink = { purpose: TokenPurpose; path: string; expiresAt: number };

type Profile = { username: string; displayName: string; role: Role };

/**
 * Inserts a user after checking the username is free, and records who created them; the password
 * hash ('' for an invitation) is not part of the record. Shared by `AuthService.createUser` and
 * invitations.
 */
export async function createUserRecord(
  tx: WriteTx,
  u: Profile & {
    passwordHash: string;
    actorId: number | null;
    at: number;
    action: 'user.create' | 'user.invite';
  },
): Promise<number> {
  if (await findUserByName(tx, u.username)) throw conflict(`The username ${u.username} is taken`);
  const id = await insertUser(tx, u);
  await appendAudit(tx, [
    {
      actorId: u.actorId,
      action: u.action,
      entity: 'user',
      entityId: String(id),
      data: JSON.stringify({ username: u.username, displayName: u.displayName, role: u.role }),
      createdAt: u.at,
    },
  ]);
  return id;
}

/**
 * What administrators do to other people's accounts: edit, disable and enable, and one-time links
 * to set a password. The rules: nobody disables or demotes themselves, and the last active
 * administrator stays one, so the system always has someone who can manage it.
 */
export class UserAdminService {
  readonly #writer: Writer;
  readonly #clock: Clock;

  constructor(deps: { writer: Writer; clock: Clock }) {
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  async update(actor: SessionUser, id: number, changes: { displayName: string; role: Role }): Promise<void> {
    await this.#writer.run((tx) => this.updateIn(tx, actor.id, id, changes));
  }

  /**
   * `update` inside the caller's write transaction (a CSV import applies every row in one);
   * `actorId` null is the command line, which has no role of its own to lose.
   */
  async updateIn(
    tx: WriteTx,
    actorId: number | null,
    id: number,
    changes: { displayName: string; role: Role },
  ): Promise<void> {
    const user = await existing(tx, id);
    if (user.role === 'admin' && changes.role !== 'admin') {
      if (user.id === actorId) {
        throw forbidden('You cannot take away your own administrator role; ask another administrator');
      }
      await assertNotLastAdmin(tx, user, 'change their role');
    }
    await updateUserProfile(tx, id, changes);
    tx.emit({ type: 'account', userId: id, signOut: null });
    await this.#audit(tx, actorId, 'user.update', id, {
      before: { displayName: user.displayName, role: user.role },
      after: { displayName: changes.displayName, role: changes.role },
    });
  }

  /** Ends every session of the user at once, open screens included, and voids their open links. */
  async disable(actor: SessionUser, id: number): Promise<void> {
    if (id === actor.id) throw forbidden('You cannot disable your own account');
    await this.#writer.run(async (tx) => {
      const user = await existing(tx, id);
      if (user.disabledAt !== null) throw conflict(`${user.displayName} is already disabled`);
      if (user.role === 'admin') await assertNotLastAdmin(tx, user, 'disable them');
      const at = this.#clock.now();
      await setUserDisabledAt(tx, id, at);
      const sessionsEnded = await deleteUserSessions(tx, id);
      await voidOpenTokens(tx, id, at);
      tx.emit({ type: 'account', userId: id, signOut: { reason: 'disabled', keepSessionHash: null } });
      await this.#audit(tx, actor.id, 'user.disable', id, { sessionsEnded });
    });
  }

  async enable(actor: SessionUser, id: number): Promise<void> {
    await this.#writer.run(async (tx) => {
      const user = await existing(tx, id);
      if (user.disabledAt === null) throw conflict(`${user.displayName} is not disabled`);
      await setUserDisabledAt(tx, id, null);
      tx.emit({ type: 'account', userId: id, signOut: null });
      await this.#audit(tx, actor.id, 'user.enable', id, {});
    });
  }

  /** A link to choose a new password (24 h, once); any older open link of the user stops working. */
  async issueResetLink(actor: SessionUser, id: number): Promise<IssuedLink> {
    return this.#writer.run(async (tx) => {
      const user = await existing(tx, id);
      if (user.status === 'invited') {
        throw conflict(
          `${user.displayName} has not accepted their invitation yet; issue a new invitation link`,
        );
      }
      if (user.status === 'disabled')
        throw conflict(`${user.displayName} is disabled; enable the account first`);
      return this.#issue(tx, actor.id, id, 'reset');
    });
  }

  /** A fresh invitation link for someone who has not accepted theirs (7 days, once). */
  async issueInviteLink(actor: SessionUser, id: number): Promise<IssuedLink> {
    return this.#writer.run(async (tx) => {
      const user = await existing(tx, id);
      if (user.status === 'disabled')
        throw conflict(`${user.displayName} is disabled; enable the account first`);
      if (user.status !== 'invited') {
        throw conflict(`${user.displayName} has already chosen a password; issue a reset link instead`);
      }
      return this.#issue(tx, actor.id, id, 'invite');
    });
  }

  /** Creates a user who cannot log in until they choose a password through the returned link. */
  async invite(actor: SessionUser, profile: Profile): Promise<{ id: number; link: IssuedLink }> {
    return this.#writer.run((tx) => this.inviteIn(tx, actor.id, profile));
  }

  /** `invite` inside the caller's write transaction; `actorId` null is the command line. */
  async inviteIn(
    tx: WriteTx,
    actorId: number | null,
    profile: Profile,
  ): Promise<{ id: number; link: IssuedLink }> {
    const at = this.#clock.now();
    const id = await createUserRecord(tx, {
      ...profile,
      passwordHash: '',
      actorId,
      at,
      action: 'user.invite',
    });
    return { id, link: await this.#issue(tx, actorId, id, 'invite') };
  }

  async #issue(
    tx: WriteTx,
    actorId: number | null,
    userId: number,
    purpose: TokenPurpose,
  ): Promise<IssuedLink> {
    const at = this.#clock.now();
    const token = newSecretToken();
    const expiresAt = at + LINK_LIFETIME_MS[purpose];
    const voided = await voidOpenTokens(tx, userId, at);
    await insertPasswordToken(tx, {
      tokenHash: hashSecretToken(token),
      userId,
      purpose,
      createdBy: actorId,
      at,
      expiresAt,
    });
    await this.#audit(tx, actorId, purpose === 'reset' ? 'user.reset_link' : 'user.invite_link', userId, {
      expiresAt,
      voidedOlderLinks: voided,
    });
    return { purpose, path: linkPath(purpose, token), expiresAt };
  }

  #audit(tx: WriteTx, actorId: number | null, action: string, userId: number, data: object): Promise<void> {
    return appendAudit(tx, [
      {
        actorId,
        action,
        entity: 'user',
        entityId: String(userId),
        data: JSON.stringify(data),
        createdAt: this.#clock.now(),
      },
    ]);
  }
}

async function existing(tx: WriteTx, id: number): Promise<UserRow> {
  const user = await findUserById(tx, id);
  if (user === null) throw notFound(`User ${id} does not exist`);
  return user;
}

async function assertNotLastAdmin(tx: WriteTx, user: UserRow, what: string): Promise<void> {
  if (user.status === 'active' && (await countActiveAdmins(tx)) <= 1) {
    throw conflict(
      `${user.displayName} is the last active administrator; make someone else an administrator before you ${what}`,
    );
  }
}
