import { CSV_KINDS, type CsvKind } from '../../common/csv/kinds.ts';
import { forbidden } from '../../common/errors.ts';
import type { Role } from '../../common/roles.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { Writer } from '../db/writer.ts';
import { databaseAddress, type Tasks } from '../workers/tasks.ts';
import type { WorkerPool } from '../workers/worker-pool.ts';
import type { Clock } from './clock.ts';
import {
  type CheckedReport,
  type CsvKindEngine,
  type CsvServices,
  type Invite,
  refusal,
} from './csv/csv-kind.ts';
import { CSV_ENGINES } from './csv/csv-kinds.ts';

/** Where an import was started: it decides how the report asks for "update existing", and the audit says so. */
export type ImportSource = 'web' | 'cli';
/** Who works with the files: a signed-in user, or null for the command line, which has the database itself. */
export type IoActor = { id: number; role: Role } | null;
export type ImportOptions = { update: boolean; actor: IoActor; source: ImportSource };
export type ImportReport = CheckedReport & {
  kind: CsvKind;
  dryRun: boolean;
  update: boolean;
  /** Users only: each new user's invitation link, given once. */
  invites: Invite[];
};

const UPDATE_HINT: Record<ImportSource, string> = {
  web: "tick 'Update existing'",
  cli: 'pass --update',
};

/**
 * CSV in and out for every kind in the registry (server/services/csv/). A dry run reports what each
 * row would do (create, update, unchanged) or its errors by line and column; a real import runs the
 * same checks inside the writer's transaction and writes nothing if any row has an error. Changing
 * stored records needs `update`. Each import is one audit entry and one `import` event, besides the
 * entries and events of the masters' services it applies rows through.
 */
export class IoService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #workers: WorkerPool<Tasks>;
  readonly #services: CsvServices;

  constructor(deps: {
    db: Database;
    writer: Writer;
    clock: Clock;
    workers: WorkerPool<Tasks>;
    services: CsvServices;
  }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#workers = deps.workers;
    this.#services = deps.services;
  }

  /** The kinds this actor may work with, with their columns, for the page and the docs. */
  kinds(actor: IoActor) {
    return CSV_KINDS.filter((kind) => allowed(CSV_ENGINES[kind], actor)).map((kind) => {
      const engine = CSV_ENGINES[kind];
      return {
        kind,
        title: engine.title,
        columns: engine.columns.map(({ name, required, description, example }) => ({
          name,
          required,
          description,
          example,
        })),
      };
    });
  }

  template(kind: CsvKind, actor: IoActor): { filename: string; csv: string } {
    return { filename: `twinventory-${kind}-template.csv`, csv: engineFor(kind, actor).template() };
  }

  /**
   * The whole kind as CSV. Read and written in a worker thread through its own client (100,000 stock
   * rows take about a second), so the server keeps answering meanwhile.
   */
  async export(kind: CsvKind, actor: IoActor): Promise<{ filename: string; csv: string }> {
    engineFor(kind, actor);
    const day = new Date(this.#clock.now()).toISOString().slice(0, 10);
    const csv = await this.#workers.run(
      'csv.export',
      { database: databaseAddress(this.#db), kind },
      { priority: 'interactive' },
    );
    return { filename: `twinventory-${kind}-${day}.csv`, csv };
  }

  /** A dry run: nothing is written. */
  async check(kind: CsvKind, text: string, options: ImportOptions): Promise<ImportReport> {
    const checked = await engineFor(kind, options.actor)
      .read(text)
      .check(this.#db.reader, {
        update: options.update,
        updateHint: UPDATE_HINT[options.source],
        listRows: true,
        actorId: options.actor?.id ?? null,
        now: this.#clock.now(),
        services: this.#services,
      });
    return { ...checked.report, kind, dryRun: true, update: options.update, invites: [] };
  }

  /**
   * All or nothing: any error refuses the whole file (400) with every error in `details.errors`. The
   * result has the totals; its `rows` are empty, since the dry run listed them.
   */
  async import(kind: CsvKind, text: string, options: ImportOptions): Promise<ImportReport> {
    const file = engineFor(kind, options.actor).read(text);
    const actorId = options.actor?.id ?? null;
    const done = await this.#writer.run(async (tx) => {
      const now = this.#clock.now();
      const checked = await file.check(tx, {
        update: options.update,
        updateHint: UPDATE_HINT[options.source],
        listRows: false,
        actorId,
        now,
        services: this.#services,
      });
      const { report } = checked;
      if (report.errors.length > 0) throw refusal(report.errors);
      const { totals } = report;
      if (totals.create + totals.update === 0) return { report, invites: [] };
      const { invites } = await checked.apply(tx);
      await appendAudit(tx, [
        {
          actorId,
          action: `import.${kind}`,
          entity: 'import',
          entityId: kind,
          data: JSON.stringify({ source: options.source, ...totals }),
          createdAt: now,
        },
      ]);
      tx.emit({ type: 'import', kind });
      return { report, invites };
    });
    return {
      kind,
      dryRun: false,
      update: options.update,
      totals: done.report.totals,
      notes: done.report.notes,
      errors: [],
      rows: [],
      invites: done.invites,
    };
  }
}

const allowed = (engine: CsvKindEngine, actor: IoActor) =>
  actor === null || engine.roles.includes(actor.role);

function engineFor(kind: CsvKind, actor: IoActor): CsvKindEngine {
  const engine = CSV_ENGINES[kind];
  if (!allowed(engine, actor))
    throw forbidden(`Only administrators may import or export ${engine.title.toLowerCase()}`);
  return engine;
}
