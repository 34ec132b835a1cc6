import { z } from 'zod';
import { ADMINS, ANY_USER, ROLES } from '../../../common/roles.ts';
import { displayName, username } from '../schemas.ts';
import { publicProcedure, roleProcedure, router } from '../trpc.ts';

export const authRouter = router({
  login: publicProcedure
    .input(
      z.object({
        username: z.string().trim().min(1, 'Enter your username').max(64),
        password: z.string().min(1, 'Enter your password').max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { token, user, maxAgeS } = await ctx.services.auth.login(input.username, input.password);
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

export const usersRouter = router({
  list: roleProcedure(ANY_USER).query(({ ctx }) => ctx.services.auth.users()),
  create: roleProcedure(ADMINS)
    .input(
      z.object({
        username,
        displayName,
        role: z.enum(ROLES),
        password: z.string().min(8, 'use at least 8 characters').max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => ({ id: await ctx.services.auth.createUser(input, ctx.user.id) })),
});
