import { z } from 'zod';
import { ANY_USER } from '../../../common/roles.ts';
import { roleProcedure, router } from '../trpc.ts';

const code = z.string().trim().min(1).max(40);
const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bin'), code }),
  z.object({ kind: z.literal('dock'), code }),
  z.object({ kind: z.literal('marker'), code }),
  z.object({ kind: z.literal('asset'), id: code }),
  z.object({ kind: z.literal('point'), x: z.number().finite(), z: z.number().finite() }),
]);

export const navigationRouter = router({
  /** A walking route over the current layout: floor polyline, length and turn-by-turn steps. */
  route: roleProcedure(ANY_USER, { rateLimit: 'route' })
    .input(z.object({ from: target, to: target }))
    .query(({ ctx, input }) => ctx.services.navigation.route(input.from, input.to)),
  /** A pick list's stops in a good walking order, with the whole route. */
  multiStop: roleProcedure(ANY_USER, { rateLimit: 'route' })
    .input(z.object({ start: target, stops: z.array(target).min(1).max(200) }))
    .query(({ ctx, input }) => ctx.services.navigation.multiStop(input.start, input.stops)),
});
