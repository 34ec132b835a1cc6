import { randomUUID } from 'node:crypto';
import type { AuditKey } from '../audit-signing.ts';
import type { Database } from '../db/database.ts';
import { type WriteLock, Writer } from '../db/writer.ts';
import { createMetrics } from '../observability/metrics.ts';
import { TASKS_ENTRY, type Tasks } from '../workers/tasks.ts';
import { WorkerPool } from '../workers/worker-pool.ts';
import { AssetService } from './assets.service.ts';
import { AuditService } from './audit.service.ts';
import { AuthService } from './auth.service.ts';
import { CatalogMastersService } from './catalog-masters.service.ts';
import { ChangeFeed, type FeedOptions } from './change-feed.ts';
import type { Clock } from './clock.ts';
import { DroneAuditService } from './drone-audits.service.ts';
import { EventBus } from './event-bus.ts';
import { InventoryService } from './inventory.service.ts';
import { IoService } from './io.service.ts';
import { JobService } from './jobs.service.ts';
import { LiveHub, type LiveHubOptions } from './live-hub.ts';
import { LocationService } from './locations.service.ts';
import { NavigationService } from './navigation.service.ts';
import { PlanService } from './plans.service.ts';
import { PurchasingService } from './purchasing.service.ts';
import { ScenarioService } from './scenarios.service.ts';
import { SchedulerService } from './scheduler.service.ts';
import { SiteService } from './site.service.ts';
import { StockLedgerService } from './stock-ledger.service.ts';
import { SupplierService } from './suppliers.service.ts';
import { TwinService } from './twin.service.ts';
import { TwinDocuments } from './twin-documents.ts';
import { UserAdminService } from './user-admin.service.ts';
import { VoiceService } from './voice.service.ts';
import { WorkOrderService } from './work-orders.service.ts';

export type Services = ReturnType<typeof createServices>;

export type ServiceOptions = {
  db: Database;
  clock: Clock;
  sessionDays?: number | undefined;
  /** Worker threads for CPU-heavy work (navmesh builds, simulations, planning, exports); 0: none. */
  workerThreads?: number | undefined;
  /** This instance among several on one database (jobs' and the scheduler's leases name it). */
  instanceId?: string | undefined;
  /** How long a running job's lease lasts unrenewed, and how often it is renewed. */
  jobLeaseMs?: number | undefined;
  jobRenewMs?: number | undefined;
  /** Signs the audit log's checkpoints; without it none are made or checked. */
  auditKey?: AuditKey | null | undefined;
  /** The change feed's polling and retention, and the live streams' tuning (tests, benchmarks). */
  feed?: FeedOptions | undefined;
  live?: LiveHubOptions | undefined;
  /** Turns at the write lock with the other instances on this machine's database file. */
  writeLock?: WriteLock | undefined;
};

/** Wires the services onto one database and one writer. Call `feed.start()` before serving. */
export function createServices(deps: ServiceOptions) {
  const { db, clock } = deps;
  const instanceId = deps.instanceId ?? randomUUID();
  const events = new EventBus();
  const metrics = createMetrics();
  // What the writer commits goes into the change feed, and only the feed publishes: this instance's
  // commits and every other instance's reach screens and caches the same way.
  const writer = new Writer(db, {
    now: () => clock.now(),
    onCommit: (committed) => feed.committed(committed),
    observe: (size, seconds) => metrics.writerGroup(size, seconds),
    ...(deps.writeLock ? { lock: deps.writeLock } : {}),
  });
  const feed = new ChangeFeed({
    db,
    writer,
    bus: events,
    clock,
    ...(deps.feed ? { options: deps.feed } : {}),
  });
  const ledger = new StockLedgerService({ writer, clock });
  const inventory = new InventoryService({ db, writer, clock, events, ledger });
  // One cache of validated layout documents for every service that reads revisions.
  const documents = new TwinDocuments(db.reader);
  const twin = new TwinService({ db, writer, clock, documents });
  const workers = new WorkerPool<Tasks>({
    size: deps.workerThreads ?? 1,
    entry: TASKS_ENTRY,
    inline: () => import('../workers/tasks.ts').then((m) => m.TASKS),
  });
  const jobs = new JobService({
    db,
    writer,
    clock,
    instanceId,
    ...(deps.jobLeaseMs === undefined ? {} : { leaseMs: deps.jobLeaseMs }),
    ...(deps.jobRenewMs === undefined ? {} : { renewMs: deps.jobRenewMs }),
  });
  const live = new LiveHub({
    bus: events,
    history: feed,
    ...(deps.live ? { options: deps.live } : {}),
    onDelivered: (ms) => metrics.liveFanoutLag.observe(ms / 1000),
  });
  metrics.watch({
    writerQueue: () => writer.pending,
    liveSubscribers: () => live.stats().subscribers,
    jobs: () => ({ running: jobs.running, queued: workers.stats.queued }),
  });
  const auth = new AuthService({
    db,
    writer,
    clock,
    events,
    revocations: feed,
    sessionDays: deps.sessionDays ?? 14,
  });
  const assets = new AssetService({ db, writer, clock, documents, events });
  const userAdmin = new UserAdminService({ writer, clock });
  const suppliers = new SupplierService({ db, writer, clock });
  const masters = new CatalogMastersService({ db, writer, clock });
  const plans = new PlanService({ writer, clock });
  return {
    db,
    instanceId,
    writer,
    events,
    feed,
    live,
    clock,
    workers,
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
    audit: new AuditService({ db, writer, clock, key: deps.auditKey ?? null }),
    // CSV imports apply rows through the masters' own in-transaction functions.
    io: new IoService({
      db,
      writer,
      clock,
      workers,
      services: { masters, suppliers, assets, plans, userAdmin, documents },
    }),
    twin,
    navigation: new NavigationService({
      db,
      twin,
      events,
      workers,
      assets: (tag) => assets.whereabouts(tag),
    }),
    jobs,
    scheduler: new SchedulerService({ writer, clock, instanceId }),
    droneAudits: new DroneAuditService({ db, writer, clock, twin, jobs, workers, documents }),
    scenarios: new ScenarioService({ db, writer, clock, jobs, workers, documents }),
    voice: new VoiceService({ db, events }),
  };
}
