import type { Database } from '../db/database.ts';
import { Writer } from '../db/writer.ts';
import { AssetService } from './assets.service.ts';
import { AuditService } from './audit.service.ts';
import { AuthService } from './auth.service.ts';
import type { Clock } from './clock.ts';
import { DroneAuditService } from './drone-audits.service.ts';
import { EventBus } from './event-bus.ts';
import { InventoryService } from './inventory.service.ts';
import { IoService } from './io.service.ts';
import { JobService } from './jobs.service.ts';
import { NavigationService } from './navigation.service.ts';
import { PurchasingService } from './purchasing.service.ts';
import { ScenarioService } from './scenarios.service.ts';
import { StockLedgerService } from './stock-ledger.service.ts';
import { TwinService } from './twin.service.ts';
import { VoiceService } from './voice.service.ts';
import { WorkOrderService } from './work-orders.service.ts';

export type Services = ReturnType<typeof createServices>;

/** Wires the services onto one database and one writer. */
export function createServices(deps: { db: Database; clock: Clock; sessionDays?: number }) {
  const { db, clock } = deps;
  const events = new EventBus();
  // The writer is the only publisher: what it commits, and nothing else, reaches screens and caches.
  const writer = new Writer(db, { publish: (event) => events.publish(event) });
  const ledger = new StockLedgerService({ writer, clock });
  const inventory = new InventoryService({ db, writer, clock, events });
  const twin = new TwinService({ db, writer, clock });
  const jobs = new JobService({ clock });
  return {
    db,
    writer,
    events,
    clock,
    ledger,
    inventory,
    auth: new AuthService({ db, writer, clock, sessionDays: deps.sessionDays ?? 14 }),
    purchasing: new PurchasingService({ db, writer, clock, inventory }),
    workOrders: new WorkOrderService({ db, writer, clock }),
    assets: new AssetService({ db, writer, clock, events }),
    audit: new AuditService({ db }),
    io: new IoService({ db, writer, clock }),
    twin,
    navigation: new NavigationService({ twin, events }),
    jobs,
    droneAudits: new DroneAuditService({ db, writer, clock, twin, jobs }),
    scenarios: new ScenarioService({ db, writer, clock, jobs }),
    voice: new VoiceService({ db, events }),
  };
}
