import type { z } from 'zod';
import type { CsvKind } from '../../../common/csv/kinds.ts';
import { DomainError, invalid } from '../../../common/errors.ts';
import type { Role } from '../../../common/roles.ts';
import type { Executor } from '../../db/database.ts';
import type { WriteTx } from '../../db/writer.ts';
import {
  type Candidate,
  type Cells,
  candidate,
  type Plan,
  planRows,
  type Report,
} from '../../domain/csv/plan.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { type ColumnSpec, type ParsedRow, parseRows } from '../../domain/csv/rows.ts';
import { writeCsv } from '../../domain/csv/write-csv.ts';
import type { AssetService } from '../assets.service.ts';
import type { CatalogMastersService } from '../catalog-masters.service.ts';
import type { PlanService } from '../plans.service.ts';
import type { SupplierService } from '../suppliers.service.ts';
import type { TwinDocuments } from '../twin-documents.ts';
import type { UserAdminService } from '../user-admin.service.ts';

/**
 * One kind of CSV file (items, locations, stock, ...): everything the engine needs to know about it,
 * so the service has no per-kind branches and a new kind is one new file in this folder.
 */
export type CsvKindSpec<Row extends object, Context> = {
  kind: CsvKind;
  /** "Items", as the page and the docs name the kind. */
  title: string;
  /** Who may import and export it on the page and the API (the command line always may). */
  roles: readonly Role[];
  columns: readonly ColumnSpec[];
  /** Columns refused with a reason of their own rather than "unknown column" (users: `password`). */
  refusedColumns?: Readonly<Record<string, string>>;
  /**
   * The most rows a file of this kind may hold, for kinds applied row by row through a service: each
   * row is several statements, and the libSQL client keeps native memory per statement
   * (tursodatabase/libsql-js#153), so a bigger file is split rather than allowed to grow the server.
   */
  maxRows?: number;
  /** The schema of one data row: cells (absent columns undefined) in, the typed row out. */
  schema: z.ZodType<Row>;
  /** The column key problems are reported on (the first of a compound key). */
  keyColumn: string;
  /** The natural key, normalised as the database matches it (SKUs and codes ignore case). */
  key(row: Row): string;
  /** How a person names the record: "SKU FST-M8-030". */
  label(row: Row): string;
  /** A row as it is written out; also how rows and stored records are compared. */
  format(row: Row): Cells;
  /** Template rows beyond the one made of each column's example. */
  moreExamples?: readonly Cells[];
  /** Reads, in bulk, the stored records with these rows' keys and whatever the checks refer to. */
  load(ex: Executor, rows: readonly Row[], env: CsvEnv): Promise<Context>;
  /** The stored record with this row's key, in row form. */
  existing(context: Context, row: Row): Row | undefined;
  /** Rules across rows and against the database, each finding on the column it is about. */
  check(context: Context, rows: readonly Candidate<Row>[]): CellError[];
  /** What importing the changes does beyond the rows themselves: "Creates category Hydraulics". */
  notes?(context: Context, changes: Changes<Row>): string[];
  /**
   * Writes the checked changes inside the writer's transaction: with multi-row statements, or
   * through the masters' services (their `…In` functions) where those hold rules and audit entries.
   */
  apply(tx: WriteTx, context: Context, changes: Changes<Row>, env: CsvEnv): Promise<ApplyResult | undefined>;
  /** Every stored record, in row form, in a stable order. */
  exportRows(ex: Executor): Promise<Row[]>;
};

/** The services whose in-transaction functions an import applies rows through, and the twin's documents. */
export type CsvServices = {
  masters: CatalogMastersService;
  suppliers: SupplierService;
  assets: AssetService;
  plans: PlanService;
  userAdmin: UserAdminService;
  documents: TwinDocuments;
};

/** Who checks or imports the file (null: the command line), when, and the services to apply it through. */
export type CsvEnv = { actorId: number | null; now: number; services: CsvServices };

/** Rows per file for the kinds applied row by row (5,000 suppliers: ~2 s and ~200 MB of client memory). */
export const ROWS_PER_SERVICE_FILE = 5000;

/** A one-time invitation link, shown once to whoever imported the user. */
export type Invite = { username: string; path: string; expiresAt: number };
export type ApplyResult = { invites: Invite[] };
export type Changes<Row> = Pick<Plan<Row>, 'creates' | 'updates'>;
export type CheckOptions = CsvEnv & { update: boolean; updateHint: string; listRows: boolean };
export type CheckedReport = Report & { notes: string[] };

/** A file checked against the database: what each row would do, and how to write it. */
export type CheckedFile = {
  report: CheckedReport;
  apply(tx: WriteTx): Promise<ApplyResult>;
};

/** A file read and parsed; checking it needs the database. */
export type ReadFile = { check(ex: Executor, options: CheckOptions): Promise<CheckedFile> };

/** A kind as the service uses it, whatever its row type. */
export type CsvKindEngine = {
  kind: CsvKind;
  title: string;
  roles: readonly Role[];
  columns: readonly ColumnSpec[];
  template(): string;
  exportCsv(ex: Executor): Promise<string>;
  /** Parsing is pure CPU work, so it happens before the writer is asked for its transaction. */
  read(text: string): ReadFile;
};

export function defineCsvKind<Row extends object, Context>(spec: CsvKindSpec<Row, Context>): CsvKindEngine {
  const example: Cells = Object.fromEntries(spec.columns.map((c) => [c.name, c.example]));
  return {
    kind: spec.kind,
    title: spec.title,
    roles: spec.roles,
    columns: spec.columns,
    template: () => writeCsv(spec.columns, [example, ...(spec.moreExamples ?? [])]),
    exportCsv: async (ex) => writeCsv(spec.columns, (await spec.exportRows(ex)).map(spec.format)),
    read(text) {
      const file = parseRows(spec.columns, spec.schema, text, spec.refusedColumns);
      if (spec.maxRows !== undefined && file.rowCount > spec.maxRows) {
        file.errors.unshift({
          line: 1,
          column: '',
          message: `The file has ${file.rowCount.toLocaleString('en')} rows; a ${spec.title.toLowerCase()} file holds at most ${spec.maxRows.toLocaleString('en')}, since each row goes through the setup screen's rules one by one: split it`,
        });
      }
      return {
        async check(ex, options) {
          const context = await spec.load(
            ex,
            file.rows.map((r) => r.row),
            options,
          );
          const candidates = file.rows.map((r: ParsedRow<Row>) =>
            candidate(r, spec.existing(context, r.row), file.present, spec),
          );
          const plan = planRows({
            columns: spec.columns,
            file,
            candidates,
            keyColumn: spec.keyColumn,
            key: spec.key,
            label: spec.label,
            format: spec.format,
            checks: spec.check(context, candidates),
            update: options.update,
            updateHint: options.updateHint,
            listRows: options.listRows,
          });
          // The writes need only the changes, not the report of every row.
          const changes: Changes<Row> = { creates: plan.creates, updates: plan.updates };
          return {
            report: { ...plan.report, notes: spec.notes?.(context, changes) ?? [] },
            apply: async (tx) => (await spec.apply(tx, context, changes, options)) ?? { invites: [] },
          };
        },
      };
    },
  };
}

/** A real import with errors writes nothing; the message leads with the first few to fix, all in details. */
export function refusal(errors: readonly CellError[]) {
  const shown = errors
    .slice(0, 5)
    .map((e) => `line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.message}`);
  const more = errors.length > 5 ? `; and ${errors.length - 5} more (a dry run lists them all)` : '';
  return invalid(
    `Nothing was imported: ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix. ${shown.join('; ')}${more}`,
    { errors },
  );
}

/**
 * Applies rows one at a time, in file order, through a service's in-transaction function. The checks
 * mirror the service's rules, so it is not expected to refuse; if it still does, the refusal names
 * the row and nothing is written.
 */
export async function applyEach<Change extends { line: number }>(
  changes: readonly Change[],
  write: (change: Change) => Promise<void>,
): Promise<void> {
  for (const change of [...changes].sort((a, b) => a.line - b.line)) {
    try {
      await write(change);
    } catch (error) {
      if (error instanceof DomainError)
        throw refusal([{ line: change.line, column: '', message: error.message }]);
      throw error;
    }
  }
}
