import { auditRouter } from './routers/admin.router.ts';
import { accountRouter, authRouter, usersRouter } from './routers/auth.router.ts';
import { droneAuditsRouter } from './routers/drone-audits.router.ts';
import { itemsRouter, locationsRouter } from './routers/inventory.router.ts';
import { ioRouter } from './routers/io.router.ts';
import { jobsRouter } from './routers/jobs.router.ts';
import { assetsRouter, plansRouter, workOrdersRouter } from './routers/maintenance.router.ts';
import { navigationRouter } from './routers/navigation.router.ts';
import { purchasingRouter } from './routers/purchasing.router.ts';
import { scenariosRouter } from './routers/scenarios.router.ts';
import { siteRouter } from './routers/site.router.ts';
import { stockRouter } from './routers/stock.router.ts';
import { categoriesRouter, suppliersRouter, unitsRouter } from './routers/supply.router.ts';
import { twinRouter } from './routers/twin.router.ts';
import { voiceRouter } from './routers/voice.router.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  account: accountRouter,
  items: itemsRouter,
  locations: locationsRouter,
  stock: stockRouter,
  purchasing: purchasingRouter,
  suppliers: suppliersRouter,
  categories: categoriesRouter,
  units: unitsRouter,
  assets: assetsRouter,
  plans: plansRouter,
  workOrders: workOrdersRouter,
  audit: auditRouter,
  io: ioRouter,
  twin: twinRouter,
  navigation: navigationRouter,
  jobs: jobsRouter,
  scenarios: scenariosRouter,
  droneAudits: droneAuditsRouter,
  voice: voiceRouter,
  site: siteRouter,
});

export type AppRouter = typeof appRouter;
