import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Request and procedure latencies: 1 ms to 10 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Where an HTTP request went; a bounded set, so a scanner's made-up paths cannot add label values. */
export type HttpRoute = 'trpc' | 'events' | 'static' | 'healthz' | 'metrics' | 'other';

/** Why the edge refused a request before any procedure ran. */
export type Refusal = 'body_too_large' | 'batch_too_large' | 'cross_origin' | 'upgrade' | 'rate_limited';

/** Read at scrape time from the parts that own the figures. */
export type MetricSources = {
  writerQueue?: () => number;
  /** Jobs running on this instance, and tasks waiting for a worker thread. */
  jobs?: () => { running: number; queued: number };
  /** Open live event streams on this instance. */
  liveSubscribers?: () => number;
};

/**
 * The server's Prometheus metrics, one registry per running app (so two in-process instances in a
 * test do not mix their figures). Served at /metrics (see http-server.ts). Other parts feed it
 * through the named fields below rather than creating metrics of their own:
 * - the writer: `writerGroup(size, seconds)` after each committed group;
 * - live events: `liveFanoutLag.observe(seconds)` from an event reaching this instance to its
 *   last write to a stream (the live hub, after each burst); open streams are read at scrape time;
 * - procedures and requests: the tRPC middleware and the HTTP server.
 */
export function createMetrics() {
  const registry = new Registry();
  let processMetrics = false;
  const registers = [registry];
  const sources: MetricSources = {};

  const writerGroupSize = new Histogram({
    name: 'twinventory_writer_group_size',
    help: 'Write tasks committed together in one transaction (group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers,
  });
  const writerCommitSeconds = new Histogram({
    name: 'twinventory_writer_commit_seconds',
    help: 'Time from BEGIN to COMMIT of one writer group, fsync included',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  new Gauge({
    name: 'twinventory_writer_queue',
    help: 'Writes waiting for the next group',
    registers,
    collect() {
      this.set(sources.writerQueue?.() ?? 0);
    },
  });
  new Gauge({
    name: 'twinventory_jobs',
    help: 'Jobs running on this instance, and CPU-heavy tasks queued for a worker thread',
    labelNames: ['state'],
    registers,
    collect() {
      const jobs = sources.jobs?.() ?? { running: 0, queued: 0 };
      this.set({ state: 'running' }, jobs.running);
      this.set({ state: 'queued' }, jobs.queued);
    },
  });

  new Gauge({
    name: 'twinventory_live_subscribers',
    help: 'Open live event streams on this instance',
    registers,
    collect() {
      this.set(sources.liveSubscribers?.() ?? 0);
    },
  });

  const refused = new Counter({
    name: 'twinventory_edge_refused_total',
    help: 'Requests the edge refused (limits, origin, stray upgrades), by reason',
    labelNames: ['reason'],
    registers,
  });

  return {
    registry,
    refused(reason: Refusal): void {
      refused.inc({ reason });
    },
    /**
     * Adds the process's own figures (CPU, memory, event-loop delay, open file descriptors). Only
     * for a server that serves /metrics: each call watches garbage collection and the event loop.
     */
    includeProcessMetrics(): void {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry, prefix: 'twinventory_' });
    },
    /** Wires the figures read at scrape time (the writer's queue, the jobs). */
    watch(more: MetricSources): void {
      Object.assign(sources, more);
    },
    writerGroup(size: number, seconds: number): void {
      writerGroupSize.observe(size);
      writerCommitSeconds.observe(seconds);
    },
    procedureCalls: new Counter({
      name: 'twinventory_procedure_calls_total',
      help: 'tRPC procedure calls by outcome (ok or the error code)',
      labelNames: ['procedure', 'type', 'outcome'],
      registers,
    }),
    procedureSeconds: new Histogram({
      name: 'twinventory_procedure_duration_seconds',
      help: 'Time inside a tRPC procedure, middlewares included',
      labelNames: ['procedure'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    httpRequests: new Counter({
      name: 'twinventory_http_requests_total',
      help: 'HTTP requests answered, by route and status',
      labelNames: ['route', 'status'],
      registers,
    }),
    httpSeconds: new Histogram({
      name: 'twinventory_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being handed to the socket',
      labelNames: ['route'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    liveFanoutLag: new Histogram({
      name: 'twinventory_live_fanout_lag_seconds',
      help: 'Time from a change committing to its event being written to every subscriber',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
