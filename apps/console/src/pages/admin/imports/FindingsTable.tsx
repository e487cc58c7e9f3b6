import { formatNumber } from '../../../format/german';
import { checkName } from './check-names';
import type { Finding } from './import-types';
import { SEVERITY_TEXT } from './import-words';

/** One row per finding, in file order: where (line, column, field), how bad, which check and why. */
export function FindingsTable({ caption, findings }: { caption: string; findings: readonly Finding[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="findings">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Schwere</th>
            <th scope="col" className="number">
              Zeile
            </th>
            <th scope="col">Spalte</th>
            <th scope="col">Feld</th>
            <th scope="col">Prüfung</th>
            <th scope="col">Grund</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding, at) => (
            <tr key={at}>
              <th scope="row">{SEVERITY_TEXT[finding.severity]}</th>
              <td className="number">{finding.line === null ? 'ganze Datei' : formatNumber(finding.line)}</td>
              <td>{finding.column ?? '–'}</td>
              <td>{finding.field ?? '–'}</td>
              <td>
                {checkName(finding.code)} <span className="code">({finding.code})</span>
              </td>
              <td>{finding.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
