import { useId, useMemo, useState } from 'react';
import { useFormat } from '../hooks/useFormat.ts';
import type { Outputs } from '../trpc.ts';
import { Badge, type Tone } from './Badge.tsx';
import { EmptyState } from './EmptyState.tsx';
import { Stat } from './Stat.tsx';
import './ImportReport.css';

export type ImportResult = Outputs['io']['importCsv'];
type RowReport = ImportResult['rows'][number];
type CellError = ImportResult['errors'][number];
type Action = RowReport['action'];

const PAGE_SIZE = 100;
const ACTIONS: Record<Action, { label: string; tone: Tone }> = {
  create: { label: 'Create', tone: 'success' },
  update: { label: 'Update', tone: 'info' },
  unchanged: { label: 'Unchanged', tone: 'neutral' },
  error: { label: 'Error', tone: 'danger' },
};
type Filter = 'all' | Action;
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: 'All rows' },
  { value: 'error', label: 'Errors' },
  { value: 'create', label: 'Creates' },
  { value: 'update', label: 'Updates' },
  { value: 'unchanged', label: 'Unchanged' },
];

/**
 * A dry run's findings: totals, the problems that concern the whole file (its header), and every
 * row with what it would do or its errors by column, a page at a time so a 100,000-row file stays
 * quick to show.
 */
export function ImportReport({ result }: { result: ImportResult }) {
  const format = useFormat();
  const id = useId();
  const [filter, setFilter] = useState<Filter>(result.totals.error > 0 ? 'error' : 'all');
  const [page, setPage] = useState(0);
  const { byLine, fileErrors } = useMemo(() => groupErrors(result), [result]);
  const shown = useMemo(
    () => (filter === 'all' ? result.rows : result.rows.filter((r) => r.action === filter)),
    [result.rows, filter],
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const slice = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const { totals } = result;
  const clean = result.errors.length === 0;

  return (
    <section className="import-report" aria-labelledby={`${id}-title`} data-testid="import-report">
      <h3 id={`${id}-title`} className="card__title">
        Dry run: {format.number(totals.rows)} row{totals.rows === 1 ? '' : 's'}
      </h3>
      <div className="stats import-report__stats">
        <Stat label="to create" value={format.number(totals.create)} testId="import-total-create" />
        <Stat label="to update" value={format.number(totals.update)} testId="import-total-update" />
        <Stat label="unchanged" value={format.number(totals.unchanged)} testId="import-total-unchanged" />
        <Stat
          label={totals.error === 1 ? 'row with errors' : 'rows with errors'}
          value={format.number(totals.error)}
          testId="import-total-error"
          {...(totals.error > 0 ? { tone: 'danger' as const } : {})}
        />
      </div>
      {clean ? (
        <p className="notice notice--success" data-testid="import-ok">
          {totals.create + totals.update > 0
            ? 'No problems found. Import writes the rows marked Create and Update; nothing else changes.'
            : 'No problems found, and nothing to change: every row matches what is stored.'}
        </p>
      ) : (
        <p className="notice notice--error" data-testid="import-has-errors">
          {format.number(result.errors.length)} problem{result.errors.length === 1 ? '' : 's'} found. Nothing
          can be imported until they are fixed.
        </p>
      )}
      {result.notes.length > 0 ? <ImportNotes notes={result.notes} dryRun /> : null}
      {fileErrors.length > 0 ? (
        <ul className="import-report__file-errors" data-testid="import-file-errors">
          {fileErrors.map((e) => (
            <li key={`${e.line}:${e.column}:${e.message}`}>
              Line {e.line}
              {e.column ? (
                <>
                  , column <span className="mono">{e.column}</span>
                </>
              ) : null}
              : {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {result.rows.length > 0 ? (
        <>
          <div className="import-report__toolbar">
            <div className="field import-report__filter">
              <label htmlFor={`${id}-filter`}>Show</label>
              <select
                id={`${id}-filter`}
                value={filter}
                onChange={(e) => {
                  setFilter(FILTERS.find((f) => f.value === e.target.value)?.value ?? 'all');
                  setPage(0);
                }}
                data-testid="import-filter"
              >
                {FILTERS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            </div>
            <Pager page={current} pages={pages} count={shown.length} onPage={setPage} />
          </div>
          {slice.length === 0 ? (
            <EmptyState title="No rows of this kind">
              <p>Choose another filter to see the other rows.</p>
            </EmptyState>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone and holding no links, it must take focus for the keyboard to scroll it (WCAG 2.1.1)
            <section className="table-wrap" aria-label="Rows of the file" tabIndex={0}>
              <table className="table import-report__table" data-testid="import-rows">
                <caption className="visually-hidden">What each row of the file would do</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Line
                    </th>
                    <th scope="col">Record</th>
                    <th scope="col">Action</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {slice.map((row) => (
                    <ReportRow key={row.line} row={row} errors={byLine.get(row.line) ?? []} />
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      ) : null}
    </section>
  );
}

/** What an import does besides the rows themselves: the categories and units an items file creates. */
export function ImportNotes({ notes, dryRun }: { notes: readonly string[]; dryRun: boolean }) {
  return (
    <div className="import-report__notes" data-testid="import-notes">
      <p>{dryRun ? 'Importing this file also:' : 'The import also:'}</p>
      <ul>
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}

function ReportRow({ row, errors }: { row: RowReport; errors: CellError[] }) {
  const action = ACTIONS[row.action];
  return (
    <tr data-testid="import-row" data-action={row.action}>
      <td className="num mono">{row.line}</td>
      <td className="mono">{row.key || '—'}</td>
      <td>
        <Badge code={row.action} tone={action.tone} label={action.label} />
      </td>
      <td>
        {errors.length > 0 ? (
          <ul className="import-report__errors">
            {errors.map((e) => (
              <li key={`${e.column}:${e.message}`}>
                {e.column ? <span className="mono import-report__column">{e.column}</span> : null}
                {e.message}
              </li>
            ))}
          </ul>
        ) : row.changed.length > 0 ? (
          <span>
            Changes <span className="mono">{row.changed.join(', ')}</span>
          </span>
        ) : null}
      </td>
    </tr>
  );
}

function Pager(props: { page: number; pages: number; count: number; onPage: (page: number) => void }) {
  const format = useFormat();
  const { page, pages, count } = props;
  const first = count === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(count, (page + 1) * PAGE_SIZE);
  return (
    <nav className="import-report__pager" aria-label="Pages of rows">
      <span aria-live="polite" data-testid="import-page">
        {format.number(first)}–{format.number(last)} of {format.number(count)}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={page === 0}
        onClick={() => props.onPage(page - 1)}
        aria-label="Previous page of rows"
      >
        Previous
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={page >= pages - 1}
        onClick={() => props.onPage(page + 1)}
        aria-label="Next page of rows"
        data-testid="import-next-page"
      >
        Next
      </button>
    </nav>
  );
}

/** Errors on a data row go beside it; the rest (the header, a file with no rows) concern the whole file. */
function groupErrors(result: ImportResult) {
  const rowLines = new Set(result.rows.map((r) => r.line));
  const byLine = new Map<number, CellError[]>();
  const fileErrors: CellError[] = [];
  for (const e of result.errors) {
    if (!rowLines.has(e.line)) fileErrors.push(e);
    else byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
  }
  return { byLine, fileErrors };
}
