import { z } from 'zod';
import { DisplayName, Username } from '../../../common/masters/user.ts';
import { PASSWORD_MAX_LENGTH } from '../../../common/password-rules.ts';
import { ADMINS, ANY_USER, ROLES } from '../../../common/roles.ts';
import { id } from '../schemas.ts';
import { publicProcedure, roleProcedure, router } from '../trpc.ts';

/** The policy itself (length, common passwords, not the username) is the service's; this bounds the input. */
const newPassword = z
  .string()
  .min(1, 'Enter a password')
  .max(PASSWORD_MAX_LENGTH, `use at most ${PASSWORD_MAX_LENGTH} characters`);

export const authRouter = router({
  login: publicProcedure
    .input(
      z.object({
        username: z.string().trim().min(1, 'Enter your username').max(64),
        password: z.string().min(1, 'Enter your password').max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { token, user, maxAgeS } = await ctx.services.auth.login(
        input.username,
        input.password,
        ctx.clientAddress,
      );
      ctx.cookies.setSession(token, maxAgeS);
      return user;
    }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.cookies.token) await ctx.services.auth.logout(ctx.cookies.token);
    ctx.cookies.clearSession();
    return { ok: true };
  }),
  me: publicProcedure.query(({ ctx }) => ctx.user),
});

const userId = z.object({ id });

export const usersRouter = router({
  list: roleProcedure(ANY_USER).query(({ ctx }) => ctx.services.auth.users()),
  create: roleProcedure(ADMINS)
    .input(
      z.object({ username: Username, displayName: DisplayName, role: z.enum(ROLES), password: newPassword }),
    )
    .mutation(async ({ ctx, input }) => ({ id: await ctx.services.auth.createUser(input, ctx.user.id) })),
  /** A new user who chooses their own password through a one-time link (the link is shown once). */
  invite: roleProcedure(ADMINS)
    .input(z.object({ username: Username, displayName: DisplayName, role: z.enum(ROLES) }))
    .mutation(({ ctx, input }) => ctx.services.userAdmin.invite(ctx.user, input)),
  update: roleProcedure(ADMINS)
    .input(z.object({ id, displayName: DisplayName, role: z.enum(ROLES) }))
    .mutation(({ ctx, input: { id: target, ...changes } }) =>
      ctx.services.userAdmin.update(ctx.user, target, changes),
    ),
  disable: roleProcedure(ADMINS)
    .input(userId)
    .mutation(({ ctx, input }) => ctx.services.userAdmin.disable(ctx.user, input.id)),
  enable: roleProcedure(ADMINS)
    .input(userId)
    .mutation(({ ctx, input }) => ctx.services.userAdmin.enable(ctx.user, input.id)),
  issueResetLink: roleProcedure(ADMINS)
    .input(userId)
    .mutation(({ ctx, input }) => ctx.services.userAdmin.issueResetLink(ctx.user, input.id)),
  issueInviteLink: roleProcedure(ADMINS)
    .input(userId)
    .mutation(({ ctx, input }) => ctx.services.userAdmin.issueInviteLink(ctx.user, input.id)),
});

export const accountRouter = router({
  /** The current password is required; the caller's other sessions end, this one stays. */
  changePassword: roleProcedure(ANY_USER)
    .input(
      z.object({
        currentPassword: z.string().min(1, 'Enter your current password').max(200),
        newPassword,
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.auth.changePassword(ctx.user, ctx.cookies.token, input, ctx.clientAddress),
    ),
  signOutEverywhere: roleProcedure(ANY_USER).mutation(async ({ ctx }) => {
    await ctx.services.auth.signOutEverywhere(ctx.user.id);
    ctx.cookies.clearSession();
    return { ok: true };
  }),
  /** Sets a password through a reset or invitation link, then logs that user in. */
  redeemToken: publicProcedure
    .input(
      z.object({
        token: z.string().trim().min(20, 'This link is incomplete').max(200, 'This link is not valid'),
        password: newPassword,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { token, user, maxAgeS } = await ctx.services.auth.redeemToken(input.token, input.password);
      ctx.cookies.setSession(token, maxAgeS);
      return user;
    }),
});
