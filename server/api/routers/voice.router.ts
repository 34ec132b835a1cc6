import { z } from 'zod';
import { ANY_USER } from '../../../common/roles.ts';
import { roleProcedure, router } from '../trpc.ts';

export const voiceRouter = router({
  /** What the voice parser needs to know about the facility: items, bins, aisles, assets. */
  vocabulary: roleProcedure(ANY_USER)
    .input(z.object({}).optional())
    .query(({ ctx }) => ctx.services.voice.vocabulary()),
  /** Which speech recognisers this server offers, and why not when one is missing. */
  status: roleProcedure(ANY_USER)
    .input(z.object({}).optional())
    .query(({ ctx }) => ctx.services.voice.status()),
});
