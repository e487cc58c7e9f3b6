import { useState } from 'react';
import { formatNumber, formatTimestamp } from '../../../format/german';
import { sourceLabel } from '../../../format/sources';
import { DecisionDialog, type DecisionMade } from './DecisionDialog';
import { deletionsText, type Decision } from './decision-consequences';
import { ImportFileHeader } from './FileName';
import type { ImportRecord } from './import-types';

/** The held imports no one has decided on: what each would delete, and the two buttons to decide. */
export function HeldImports({ held, onDecided }: { held: readonly ImportRecord[]; onDecided: (made: DecisionMade) => void }) {
  const [asked, setAsked] = useState<{ decision: Decision; held: ImportRecord }>();
  if (held.length === 0) return null;
  return (
    <section className="held-imports" aria-labelledby="angehalten">
      <h2 id="angehalten">Angehaltene Importe: Ihre Entscheidung fehlt</h2>
      <p>Diese Dateien würden ungewöhnlich viele Datensätze löschen. Bis Sie entscheiden, wird nichts aus ihnen übernommen.</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Angehaltene Importe">
        <table>
          <caption>Angehaltene Importe ({formatNumber(held.length)})</caption>
          <thead>
            <tr>
              <th scope="col">Datei</th>
              <th scope="col">Quelle</th>
              <th scope="col">Datenstand</th>
              <th scope="col">Bei Bestätigung gelöscht</th>
              <th scope="col">Angehalten am</th>
              <th scope="col">Entscheidung</th>
            </tr>
          </thead>
          <tbody>
            {held.map((record) => (
              <tr key={record.importId}>
                <ImportFileHeader importId={record.importId} file={record.file} />
                <td>{sourceLabel(record.source)}</td>
                <td>{formatTimestamp(record.observedAt)}</td>
                <td>{deletionsText(record)}</td>
                <td>{formatTimestamp(record.startedAt)}</td>
                <td className="actions">
                  <button type="button" onClick={() => setAsked({ decision: 'confirm', held: record })} aria-label={`Bestätigen: ${record.file}`}>
                    Bestätigen
                  </button>{' '}
                  <button type="button" className="secondary" onClick={() => setAsked({ decision: 'reject', held: record })} aria-label={`Ablehnen: ${record.file}`}>
                    Ablehnen
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {asked && <DecisionDialog key={asked.held.importId + asked.decision} decision={asked.decision} held={asked.held} onDecided={onDecided} onClosed={() => setAsked(undefined)} />}
    </section>
  );
}
