import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { CsvKind } from '../../../common/csv/kinds.ts';
import { ErrorState } from '../components/ErrorState.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { ImportNotes, ImportReport, type ImportResult } from '../components/ImportReport.tsx';
import { Loading } from '../components/Loading.tsx';
import { OneTimeLink } from '../components/OneTimeLink.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RoleGate } from '../components/RoleGate.tsx';
import { Stat } from '../components/Stat.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorMessage } from '../lib/errors.ts';
import { toast } from '../state/toasts.ts';
import { type Outputs, useTRPC } from '../trpc.ts';
import './ImportExportPage.css';

type KindInfo = Outputs['io']['kinds'][number];

/** Saves text as a file the browser downloads. */
function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ImportExportPage() {
  return (
    <RoleGate audience="planners" title="Import/Export">
      <ImportExport />
    </RoleGate>
  );
}

function ImportExport() {
  useDocumentTitle('Import/Export');
  const trpc = useTRPC();
  const id = useId();
  const kinds = useQuery(trpc.io.kinds.queryOptions());
  const [kind, setKind] = useState<CsvKind>('items');
  const info = kinds.data?.find((k) => k.kind === kind);
  return (
    <div className="page">
      <PageHeader
        title="Import/Export"
        subtitle="Spreadsheets (CSV) of the catalogue, stock, suppliers, assets and plans (and users, for administrators)."
      />
      {kinds.isPending ? (
        <Loading label="Loading the file formats…" />
      ) : kinds.isError ? (
        <ErrorState error={kinds.error} onRetry={() => void kinds.refetch()} />
      ) : (
        <>
          <div className="field io-kind">
            <label htmlFor={`${id}-kind`}>What the file holds</label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(e) => setKind(kinds.data.find((k) => k.kind === e.target.value)?.kind ?? 'items')}
              data-testid="import-kind"
            >
              {kinds.data.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.title}
                </option>
              ))}
            </select>
          </div>
          {info ? (
            <div className="split split--even">
              <FormatCard info={info} />
              <ImportCard info={info} />
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

function FormatCard({ info }: { info: KindInfo }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onError = (e: unknown) => toast.error(errorMessage(e));
  const exportCsv = useMutation(
    trpc.io.exportCsv.mutationOptions({
      onSuccess: (res) => {
        download(res.filename, res.csv);
        toast.success(`Downloaded ${res.filename}`);
      },
      onError,
    }),
  );
  const template = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.io.template.queryOptions({ kind: info.kind })),
    onSuccess: (res) => download(res.filename, res.csv),
    onError,
  });
  const title = info.title.toLowerCase();
  return (
    <section className="card" aria-labelledby="io-format-title">
      <h2 id="io-format-title" className="card__title">
        {info.title}: columns
      </h2>
      <p className="muted card__lead">
        The first line names the columns, in any order; the ones marked required must be there. Commas or
        semicolons both work.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone and holding no links, it must take focus for the keyboard to scroll it (WCAG 2.1.1) */}
      <section className="table-wrap" aria-label={`${info.title}: columns`} tabIndex={0}>
        <table className="table io-columns" data-testid="import-columns">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Meaning</th>
              <th scope="col">Example</th>
            </tr>
          </thead>
          <tbody>
            {info.columns.map((c) => (
              <tr key={c.name}>
                <th scope="row" className="mono">
                  {c.name}
                  {c.required ? <span className="io-columns__required"> required</span> : null}
                </th>
                <td>{c.description}</td>
                <td className="mono">{c.example || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="button-row io-format__actions">
        <button
          type="button"
          className="button"
          disabled={template.isPending}
          onClick={() => template.mutate()}
          data-testid="download-template"
        >
          {template.isPending ? 'Preparing…' : 'Download template'}
        </button>
        <button
          type="button"
          className="button"
          disabled={exportCsv.isPending}
          onClick={() => exportCsv.mutate({ kind: info.kind })}
          data-testid={`export-${info.kind}`}
        >
          {exportCsv.isPending ? 'Preparing…' : `Export ${title}`}
        </button>
      </div>
    </section>
  );
}

/** The dry run a real import may follow: the same kind, text and "update existing" choice. */
type Checked = { run: number; kind: CsvKind; file: File; csv: string; update: boolean; result: ImportResult };

function ImportCard({ info }: { info: KindInfo }) {
  const trpc = useTRPC();
  const format = useFormat();
  const invalidate = useInvalidate();
  const id = useId();
  const form = useFeedback();
  const [file, setFile] = useState<File | null>(null);
  const [update, setUpdate] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const importCsv = useMutation(trpc.io.importCsv.mutationOptions());
  const kind = info.kind;
  const current =
    checked !== null && checked.kind === kind && checked.file === file && checked.update === update
      ? checked
      : null;
  const changes = current ? current.result.totals.create + current.result.totals.update : 0;
  const ready = current !== null && current.result.errors.length === 0 && changes > 0;
  const importing = importCsv.isPending && !importCsv.variables.dryRun;

  const dryRun = async () => {
    if (!file) {
      form.invalid({ file: 'Choose a CSV file' });
      return;
    }
    try {
      const csv = await file.text();
      const result = await importCsv.mutateAsync({ kind, csv, dryRun: true, update });
      // The report below says how it went; it is a live region.
      form.reset();
      setImported(null);
      setChecked((previous) => ({ run: (previous?.run ?? 0) + 1, kind, file, csv, update, result }));
    } catch (error) {
      form.failed(error, (p) => (p === 'csv' ? 'file' : undefined));
    }
  };

  const runImport = async () => {
    if (!ready) return;
    try {
      // Exactly the text the dry run checked, even if the file changed on disk since.
      const result = await importCsv.mutateAsync({ kind, csv: current.csv, dryRun: false, update });
      setChecked(null);
      setImported(result);
      const message = `Imported ${info.title.toLowerCase()}: ${format.number(result.totals.create)} created, ${format.number(result.totals.update)} updated`;
      form.succeeded(message);
      toast.success(message);
      void invalidate.everything();
    } catch (error) {
      form.failed(error);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void dryRun();
  };

  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title" className="card__title">
        Import {info.title.toLowerCase()}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className={`field${form.fieldErrors.file ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-file`}>CSV file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              form.reset();
            }}
            aria-invalid={Boolean(form.fieldErrors.file)}
            aria-describedby={form.fieldErrors.file ? `${id}-file-error` : undefined}
            data-testid="import-file"
          />
          {form.fieldErrors.file ? (
            <p className="field__error" id={`${id}-file-error`}>
              {form.fieldErrors.file}
            </p>
          ) : null}
        </div>
        <div className="field io-update">
          <label className="io-update__label">
            <input
              type="checkbox"
              checked={update}
              onChange={(e) => setUpdate(e.target.checked)}
              aria-describedby={`${id}-update-hint`}
              data-testid="import-update"
            />
            Update existing
          </label>
          <p className="field__hint" id={`${id}-update-hint`}>
            Without it, a row that would change a stored record is an error and nothing is overwritten.
            Columns missing from the file keep their stored values.
          </p>
        </div>
        <div className="action-form__footer">
          <button
            type="submit"
            className="button"
            disabled={importCsv.isPending}
            data-testid="import-dry-run"
          >
            {importCsv.isPending && importCsv.variables.dryRun ? 'Checking…' : 'Check file (dry run)'}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!ready || importCsv.isPending}
            title={ready ? undefined : 'Run a dry run without errors first'}
            onClick={() => void runImport()}
            data-testid="import-apply"
          >
            {importing ? 'Importing…' : `Import${ready ? ` (${format.number(changes)} changes)` : ''}`}
          </button>
        </div>
        {importing ? (
          <p className="io-progress" role="status" data-testid="import-progress">
            Importing {format.number(current?.result.totals.rows ?? 0)} rows in one transaction; a large file
            takes a little while. Nothing is written unless every row goes in.
          </p>
        ) : null}
        <FormMessage feedback={form.feedback} />
        {imported ? (
          <>
            <div className="stats io-imported" data-testid="import-result">
              <Stat label="created" value={format.number(imported.totals.create)} />
              <Stat label="updated" value={format.number(imported.totals.update)} />
              <Stat label="unchanged" value={format.number(imported.totals.unchanged)} />
            </div>
            {imported.notes.length > 0 ? <ImportNotes notes={imported.notes} dryRun={false} /> : null}
            {imported.invites.length > 0 ? (
              <section className="io-invites" aria-labelledby={`${id}-invites`} data-testid="import-invites">
                <h3 id={`${id}-invites`} className="card__title">
                  Invitation links
                </h3>
                {/* The server keeps only their hashes: these links are never shown again. */}
                {imported.invites.map((invite) => (
                  <OneTimeLink
                    key={invite.username}
                    link={{ purpose: 'invite', path: invite.path, expiresAt: invite.expiresAt }}
                    name={invite.username}
                  />
                ))}
              </section>
            ) : null}
          </>
        ) : null}
      </form>
      <div aria-live="polite">
        {current ? <ImportReport key={current.run} result={current.result} /> : null}
      </div>
    </section>
  );
}
