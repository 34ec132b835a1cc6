import { CSV_KINDS, type CsvKind } from '../../common/csv/kinds.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import type { Report } from '../domain/csv/plan.ts';
import type { Clock } from './clock.ts';
import { type ReadFile, refusal } from './csv/csv-kind.ts';
import { CSV_ENGINES } from './csv/csv-kinds.ts';

/** Where an import was started: it decides how the report asks for "update existing", and the audit says so. */
export type ImportSource = 'web' | 'cli';
export type ImportOptions = { update: boolean; actorId: number | null; source: ImportSource };
export type ImportReport = Report & { kind: CsvKind; dryRun: boolean; update: boolean };

const UPDATE_HINT: Record<ImportSource, string> = {
  web: "tick 'Update existing'",
  cli: 'pass --update',
};

/**
 * CSV in and out for every kind in the registry (server/services/csv/). A dry run reports what each
 * row would do (create, update, unchanged) or its errors by line and column; a real import runs the
 * same checks inside the writer's transaction and writes nothing if any row has an error. Changing
 * stored records needs `update`. Each import is one audit entry and one `import` event.
 */
export class IoService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;

  constructor(deps: { db: Database; writer: Writer; clock: Clock }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  /** Each kind with its columns, for the page and the docs. */
  kinds() {
    return CSV_KINDS.map((kind) => {
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

  template(kind: CsvKind): { filename: string; csv: string } {
    return { filename: `twinventory-${kind}-template.csv`, csv: CSV_ENGINES[kind].template() };
  }

  async export(kind: CsvKind): Promise<{ filename: string; csv: string }> {
    const day = new Date(this.#clock.now()).toISOString().slice(0, 10);
    return {
      filename: `twinventory-${kind}-${day}.csv`,
      csv: await CSV_ENGINES[kind].exportCsv(this.#db.reader),
    };
  }

  /** A dry run: nothing is written. */
  async check(kind: CsvKind, text: string, options: Omit<ImportOptions, 'actorId'>): Promise<ImportReport> {
    const checked = await CSV_ENGINES[kind].read(text).check(this.#db.reader, {
      update: options.update,
      updateHint: UPDATE_HINT[options.source],
      listRows: true,
    });
    return { ...checked.report, kind, dryRun: true, update: options.update };
  }

  /**
   * All or nothing: any error refuses the whole file (400) with every error in `details.errors`. The
   * result has the totals; its `rows` are empty, since the dry run listed them.
   */
  async import(kind: CsvKind, text: string, options: ImportOptions): Promise<ImportReport> {
    const file = CSV_ENGINES[kind].read(text);
    const totals = await this.#writer.run(async (tx) => {
      const { totals, apply } = await checkedOrRefused(file, tx, options);
      if (totals.create + totals.update > 0) {
        const now = this.#clock.now();
        await apply(tx, { now, actorId: options.actorId });
        await appendAudit(tx, [
          {
            actorId: options.actorId,
            action: `import.${kind}`,
            entity: 'import',
            entityId: kind,
            data: JSON.stringify({ source: options.source, ...totals }),
            createdAt: now,
          },
        ]);
        tx.emit({ type: 'import', kind });
      }
      return totals;
    });
    return { kind, dryRun: false, update: options.update, totals, errors: [], rows: [] };
  }
}

/** The file checked inside the import's transaction (totals and errors only), refused if any row has an error. */
async function checkedOrRefused(file: ReadFile, tx: WriteTx, options: ImportOptions) {
  const checked = await file.check(tx, {
    update: options.update,
    updateHint: UPDATE_HINT[options.source],
    listRows: false,
  });
  if (checked.report.errors.length > 0) throw refusal(checked.report.errors);
  return { totals: checked.report.totals, apply: checked.apply };
}
