import { useFormat } from '../hooks/useFormat.ts';
import type { Outputs } from '../trpc.ts';

type ImportResult = Outputs['io']['importCsv'];

/** A dry run's findings: how many rows, and every bad row by its line in the file. */
export function ImportReport({ result }: { result: ImportResult }) {
  const format = useFormat();
  if (result.errors.length === 0) {
    return (
      <p className="notice notice--success" data-testid="import-ok">
        {format.number(result.rows)} rows checked; no problems found.
      </p>
    );
  }
  return (
    <div className="import-report">
      <p className="notice notice--error">
        {format.number(result.errors.length)} problem{result.errors.length === 1 ? '' : 's'} in{' '}
        {format.number(result.rows)} rows. Nothing can be imported until they are fixed.
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="import-errors">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e) => (
              <tr key={`${e.line}:${e.message}`}>
                <td className="num mono">{e.line}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
