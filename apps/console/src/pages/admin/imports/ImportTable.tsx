import { formatNumber, formatTimestamp } from '../../../format/german';
import { statusText } from '../../../format/import-status';
import { sourceLabel } from '../../../format/sources';
import { ImportFileHeader } from './FileName';
import type { ImportRecord } from './import-types';
import { decisionText, formatDuration, STATUS_MARK } from './import-words';

/** The status as a word; the mark beside it only repeats it for the eye. */
export function StatusWord({ status }: { status: string }) {
  const mark = STATUS_MARK[status];
  return (
    <>
      {mark && (
        <span className={`light ${mark.tone}`} aria-hidden="true">
          {mark.symbol}
        </span>
      )}{' '}
      {statusText(status)}
    </>
  );
}

/** The import history, one row per file; a file's name leads to its data-quality report. */
export function ImportTable({ caption, imports }: { caption: string; imports: readonly ImportRecord[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="imports">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Datei</th>
            <th scope="col">Quelle</th>
            <th scope="col">Datenstand</th>
            <th scope="col">Status</th>
            <th scope="col" className="number">
              Zeilen gelesen
            </th>
            <th scope="col" className="number">
              Ereignisse
            </th>
            <th scope="col" className="number">
              Zeilen in Quarantäne
            </th>
            <th scope="col" className="number">
              Dauer
            </th>
            <th scope="col">Entscheidung</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((record) => (
            <tr key={record.importId}>
              <ImportFileHeader importId={record.importId} file={record.file} />
              <td>{record.source === 'unknown' ? 'unbekannt' : sourceLabel(record.source)}</td>
              <td>{formatTimestamp(record.observedAt)}</td>
              <td className="status">
                <StatusWord status={record.status} />
              </td>
              <td className="number">{formatNumber(record.rowsRead)}</td>
              <td className="number">{formatNumber(record.eventsAppended)}</td>
              <td className="number">{formatNumber(record.rowsQuarantined)}</td>
              <td className="number">{formatDuration(record.durationMs)}</td>
              <td>{decisionText(record.decision)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
