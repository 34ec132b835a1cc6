import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CSV_KINDS, type CsvKind } from '../common/csv/kinds.ts';
import { DomainError } from '../common/errors.ts';
import { openServices } from '../server/app.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import type { CellError } from '../server/domain/csv/read-csv.ts';
import type { Invite } from '../server/services/csv/csv-kind.ts';

/**
 * `npm run import -- --kind KIND --file F.csv [--dry-run] [--update]` against DATABASE_URL, for bulk
 * onboarding: the same checks and writes as the Import/Export page, without a server. Prints exactly
 * one JSON line on stdout, {"created","updated","unchanged","errors":[{line,column,message}]}, and
 * exits 1 when there are errors, 2 on bad usage. Anything else goes to stderr: the notes ("Creates
 * category Hydraulics") and, for users, each new user's invitation path, which needs the server's
 * origin in front of it (this command cannot know it).
 */
const USAGE = `Usage: npm run import -- --kind ${CSV_KINDS.join('|')} --file FILE.csv [--dry-run] [--update]`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function options() {
  try {
    const { values } = parseArgs({
      options: {
        kind: { type: 'string' },
        file: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        update: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    const kind = values.kind ?? usage('--kind is required');
    if (!(CSV_KINDS as readonly string[]).includes(kind))
      usage(`--kind must be one of ${CSV_KINDS.join(', ')}`);
    return {
      kind: kind as CsvKind,
      file: values.file ?? usage('--file is required'),
      dryRun: values['dry-run'],
      update: values.update,
    };
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
}

const args = options();
let text: string;
try {
  text = await readFile(args.file, 'utf8');
} catch (error) {
  usage(`cannot read ${args.file}: ${error instanceof Error ? error.message : String(error)}`);
}
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  usage(error.message);
}

type Summary = { created: number; updated: number; unchanged: number; errors: CellError[] };
type Extras = { notes: string[]; invites: Invite[] };
const services = await openServices({
  databaseUrl: config.DATABASE_URL,
  databaseAuthToken: config.DATABASE_AUTH_TOKEN,
  synchronous: config.DB_SYNCHRONOUS,
});
let summary: Summary;
let extras: Extras = { notes: [], invites: [] };
try {
  // No user: the command line has the database itself; the audit entries say "cli" and no actor.
  const options = { update: args.update, actor: null, source: 'cli' as const };
  const report = args.dryRun
    ? await services.io.check(args.kind, text, options)
    : await services.io.import(args.kind, text, options);
  const { totals, errors } = report;
  summary = { created: totals.create, updated: totals.update, unchanged: totals.unchanged, errors };
  extras = { notes: report.notes, invites: report.invites };
} catch (error) {
  // A refused import wrote nothing; its errors travel in the refusal.
  const errors =
    error instanceof DomainError ? (error.details?.errors as CellError[] | undefined) : undefined;
  if (errors === undefined) throw error;
  summary = { created: 0, updated: 0, unchanged: 0, errors };
} finally {
  await services.writer.close();
  services.db.close();
}
process.stdout.write(`${JSON.stringify(summary)}\n`);
for (const note of extras.notes) process.stderr.write(`${note}\n`);
for (const invite of extras.invites) {
  const expires = new Date(invite.expiresAt).toISOString();
  process.stderr.write(`Invitation for ${invite.username} (once, until ${expires}): ${invite.path}\n`);
}
const { created, updated, unchanged } = summary;
process.stderr.write(
  args.dryRun
    ? `Dry run of ${args.kind}: ${created} to create, ${updated} to update, ${unchanged} unchanged, ${summary.errors.length} error(s); nothing was written\n`
    : `Import of ${args.kind}: ${created} created, ${updated} updated, ${unchanged} unchanged, ${summary.errors.length} error(s)\n`,
);
process.exit(summary.errors.length > 0 ? 1 : 0);
