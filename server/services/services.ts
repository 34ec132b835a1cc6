import type { Database } from '../db/database.ts';
import { Writer } from '../db/writer.ts';
import { createMetrics } from '../observability/metrics.ts';
import { AssetService } from './assets.service.ts';
import { AuditService } from './audit.service.ts';
import { AuthService } from './auth.service.ts';
import { CatalogMastersService } from './catalog-masters.service.ts';
import type { Clock } from './clock.ts';
import { DroneAuditService } from './drone-audits.service.ts';
import { EventBus } from './event-bus.ts';
import { InventoryService } from './inventory.service.ts';
import { IoService } from './io.service.ts';
import { JobService } from './jobs.service.ts';
import { LocationService } from './locations.service.ts';
import { NavigationService } from './navigation.service.ts';
import { PlanService } from './plans.service.ts';
import { PurchasingService } from './purchasing.service.ts';
import { ScenarioService } from './scenarios.service.ts';
import { SiteService } from './site.service.ts';
import { StockLedgerService } from './stock-ledger.service.ts';
import { SupplierService } from './suppliers.service.ts';
import { TwinService } from './twin.service.ts';
import { TwinDocuments } from './twin-documents.ts';
import { UserAdminService } from './user-admin.service.ts';
import { VoiceService } from './voice.service.ts';
import { WorkOrderService } from './work-orders.service.ts';

export type Services = ReturnType<typeof createServices>;

/** Wires the services onto one database and one writer. */
export function createServices(deps: { db: Database; clock: Clock; sessionDays?: number }) {
  const { db, clock } = deps;
  const events = new EventBus();
  const metrics = createMetrics();
  // The writer is the only publisher: what it commits, and nothing else, reaches screens and caches.
  const writer = new Writer(db, {
    publish: (event) => events.publish(event),
    observe: (size, seconds) => metrics.writerGroup(size, seconds),
  });
  const ledger = new StockLedgerService({ writer, clock });
  const inventory = new InventoryService({ db, writer, clock, events, ledger });
  // One cache of validated layout documents for every service that reads revisions.
  const documents = new TwinDocuments(db.reader);
  const twin = new TwinService({ db, writer, clock, documents });
  const jobs = new JobService({ clock });
  metrics.watch({ writerQueue: () => writer.pending, jobs: () => jobs.counts() });
  const auth = new AuthService({ db, writer, clock, events, sessionDays: deps.sessionDays ?? 14 });
  const assets = new AssetService({ db, writer, clock, documents, events });
  const userAdmin = new UserAdminService({ writer, clock });
  const suppliers = new SupplierService({ db, writer, clock });
  const masters = new CatalogMastersService({ db, writer, clock });
  const plans = new PlanService({ writer, clock });
  return {
    db,
    writer,
    events,
    clock,
    metrics,
    ledger,
    inventory,
    auth,
    site: new SiteService({ db, writer, clock, auth }),
    userAdmin,
    purchasing: new PurchasingService({ db, writer, clock, inventory }),
    suppliers,
    masters,
    locations: new LocationService({ db, writer, clock, documents }),
    workOrders: new WorkOrderService({ db, writer, clock }),
    assets,
    plans,
    audit: new AuditService({ db }),
    // CSV imports apply rows through the masters' own in-transaction functions.
    io: new IoService({
      db,
      writer,
      clock,
      services: { masters, suppliers, assets, plans, userAdmin, documents },
    }),
    twin,
    navigation: new NavigationService({ db, twin, events, assets: (tag) => assets.whereabouts(tag) }),
    jobs,
    droneAudits: new DroneAuditService({ db, writer, clock, twin, jobs, documents }),
    scenarios: new ScenarioService({ db, writer, clock, jobs, documents }),
    voice: new VoiceService({ db, events }),
  };
}
