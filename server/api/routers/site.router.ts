import { z } from 'zod';
import { DisplayName, Username } from '../../../common/masters/user.ts';
import { ADMINS } from '../../../common/roles.ts';
import { SiteSettingsSchema } from '../../../common/site-settings.ts';
import { firstRunProcedure, roleProcedure, router } from '../trpc.ts';

export const siteRouter = router({
  /** Whether setup is required, whether this is the demo, and the values every screen formats with. */
  status: firstRunProcedure.query(({ ctx }) => ctx.services.site.status()),
  /** The first-run setup: the site's values and the first administrator, who is then logged in. */
  setup: firstRunProcedure
    .input(
      z.object({
        site: SiteSettingsSchema,
        // The password's rules are AuthService's, like every new user's; only a size limit here.
        admin: z.object({
          username: Username,
          displayName: DisplayName,
          password: z.string().min(1, 'Enter a password').max(200),
        }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { token, user, maxAgeS } = await ctx.services.site.setup(input);
      ctx.cookies.setSession(token, maxAgeS);
      return user;
    }),
  update: roleProcedure(ADMINS)
    .input(SiteSettingsSchema)
    .mutation(({ ctx, input }) => ctx.services.site.update(input, ctx.user.id)),
});
