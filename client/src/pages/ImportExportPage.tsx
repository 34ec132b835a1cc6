import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { FormMessage } from '../components/FormMessage.tsx';
import { ImportReport } from '../components/ImportReport.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RoleGate } from '../components/RoleGate.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorMessage } from '../lib/errors.ts';
import { toast } from '../state/toasts.ts';
import { type Inputs, type Outputs, useTRPC } from '../trpc.ts';

type Kind = Inputs['io']['exportCsv']['kind'];
type ImportResult = Outputs['io']['importCsv'];

const KINDS: { kind: Kind; label: string; columns: string }[] = [
  {
    kind: 'items',
    label: 'Items',
    columns:
      'sku, name, aliases (a|b), unit, barcode, category, unit_cost, reorder_point, reorder_qty, tracking, supplier',
  },
  {
    kind: 'locations',
    label: 'Locations',
    columns: 'code, kind, aisle, bay, level, x, y, z, width, height, depth, capacity, active',
  },
  { kind: 'stock', label: 'Stock', columns: 'sku, location, lot, on_hand (booked as counts)' },
];

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
  return (
    <div className="page">
      <PageHeader title="Import/Export" subtitle="Spreadsheets (CSV) of items, locations and stock." />
      <div className="split split--even">
        <ExportCard />
        <ImportCard />
      </div>
    </div>
  );
}

function ExportCard() {
  const trpc = useTRPC();
  const exportCsv = useMutation(
    trpc.io.exportCsv.mutationOptions({
      onSuccess: (res) => {
        download(res.filename, res.csv);
        toast.success(`Downloaded ${res.filename}`);
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title" className="card__title">
        Export
      </h2>
      <p className="muted card__lead">Download the current data as a CSV file.</p>
      <div className="button-row">
        {KINDS.map((k) => (
          <button
            key={k.kind}
            type="button"
            className="button"
            disabled={exportCsv.isPending}
            onClick={() => exportCsv.mutate({ kind: k.kind })}
            data-testid={`export-${k.kind}`}
          >
            {exportCsv.isPending && exportCsv.variables.kind === k.kind
              ? 'Preparing…'
              : `Export ${k.label.toLowerCase()}`}
          </button>
        ))}
      </div>
    </section>
  );
}

type Checked = { kind: Kind; file: File; result: ImportResult };

function ImportCard() {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const id = useId();
  const form = useFeedback();
  const [kind, setKind] = useState<Kind>('items');
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const importCsv = useMutation(trpc.io.importCsv.mutationOptions());
  const current = checked !== null && checked.kind === kind && checked.file === file ? checked : null;
  const ready = current !== null && current.result.errors.length === 0 && current.result.rows > 0;

  const run = async (dryRun: boolean) => {
    if (!file) {
      form.invalid({ file: 'Choose a CSV file' });
      return;
    }
    try {
      const csv = await file.text();
      const result = await importCsv.mutateAsync({ kind, csv, dryRun });
      if (dryRun) {
        // The report below says how it went; it is a live region.
        form.reset();
        setChecked({ kind, file, result });
      } else {
        setChecked(null);
        form.succeeded(`Imported ${format.number(result.applied)} ${kind} rows`);
        toast.success(`Imported ${format.number(result.applied)} ${kind} rows`);
        void invalidate.everything();
      }
    } catch (error) {
      form.failed(error, (p) => (p === 'csv' ? 'file' : undefined));
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void run(true);
  };

  const spec = KINDS.find((k) => k.kind === kind);
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title" className="card__title">
        Import
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-kind`}>What the file holds</label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(e) => setKind(KINDS.find((k) => k.kind === e.target.value)?.kind ?? 'items')}
              data-testid="import-kind"
            >
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
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
              aria-describedby={`${id}-cols${form.fieldErrors.file ? ` ${id}-file-error` : ''}`}
              data-testid="import-file"
            />
            {form.fieldErrors.file ? (
              <p className="field__error" id={`${id}-file-error`}>
                {form.fieldErrors.file}
              </p>
            ) : null}
          </div>
        </div>
        <p className="field__hint" id={`${id}-cols`}>
          Columns: <span className="mono">{spec?.columns}</span>. The first line is the header.
        </p>
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
            onClick={() => void run(false)}
            data-testid="import-apply"
          >
            {importCsv.isPending && !importCsv.variables.dryRun
              ? 'Importing…'
              : `Import${ready ? ` ${format.number(current.result.rows)} rows` : ''}`}
          </button>
        </div>
        <FormMessage feedback={form.feedback} />
      </form>
      <div aria-live="polite">{current ? <ImportReport result={current.result} /> : null}</div>
    </section>
  );
}
