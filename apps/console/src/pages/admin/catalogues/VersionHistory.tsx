import { catalogueVersion as versionText } from '../../../format/catalogues';
import type { VersionStamp } from './catalogue-api';
import { changeSummary, type Change } from './version-changes';
import { authorText, validFromText } from './version-texts';
import { formatTimestamp } from '../../../format/german';

export interface HistoryEntry {
  readonly stamp: VersionStamp;
  /** Against the version before; none for version 0. */
  readonly changes: readonly Change[] | null;
}

/**
 * Every version of a catalogue, newest first: from when until when it held, who stored it, and
 * what it changed; one version's changes are shown in full below the table.
 */
export function VersionHistory({ entries, shown, onShow }: { entries: readonly HistoryEntry[]; shown: number | undefined; onShow: (version: number) => void }) {
  const selected = entries.find((entry) => entry.stamp.version === shown);
  return (
    <section aria-labelledby="versionen-titel">
      <h2 id="versionen-titel">Versionen</h2>
      <table>
        <caption>Alle Versionen, die neueste zuerst</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Gültig ab</th>
            <th scope="col">Gültig bis</th>
            <th scope="col">Gespeichert von</th>
            <th scope="col">Änderungen zur Vorversion</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => {
            const next = entries[index - 1];
            return (
              <tr key={entry.stamp.version} aria-current={entry.stamp.version === shown ? 'true' : undefined}>
                <th scope="row">{versionText(entry.stamp.version)}</th>
                <td>{validFromText(entry.stamp)}</td>
                <td>{next ? formatTimestamp(next.stamp.createdAt) : 'gilt heute'}</td>
                <td>{authorText(entry.stamp)}</td>
                <td>
                  {entry.changes ? (
                    <span className="change-cell">
                      {changeSummary(entry.changes)}
                      {entry.changes.length > 0 && (
                        <button type="button" className="secondary small" aria-pressed={entry.stamp.version === shown} onClick={() => onShow(entry.stamp.version)}>
                          Einzelheiten<span className="visually-hidden"> zu Version {entry.stamp.version}</span>
                        </button>
                      )}
                    </span>
                  ) : (
                    'Ausgangsstand'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selected?.changes && selected.changes.length > 0 && (
        <section aria-labelledby="aenderungen-titel" className="version-changes">
          <h3 id="aenderungen-titel" tabIndex={-1}>
            Änderungen in Version {selected.stamp.version} gegenüber Version {selected.stamp.version - 1}
          </h3>
          <table>
            <caption>
              {changeSummary(selected.changes)}, gespeichert {validFromText(selected.stamp)} von {authorText(selected.stamp)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Änderung</th>
                <th scope="col">Bereich</th>
                <th scope="col">Eintrag</th>
                <th scope="col">Vorher</th>
                <th scope="col">Nachher</th>
              </tr>
            </thead>
            <tbody>
              {selected.changes.map((change) => (
                <tr key={`${change.section}|${change.entry}|${change.kind}`} className={`change ${change.kind === 'hinzugefügt' ? 'added' : change.kind === 'entfernt' ? 'removed' : 'changed'}`}>
                  <td>
                    <span aria-hidden="true" className="change-symbol">
                      {change.kind === 'hinzugefügt' ? '+' : change.kind === 'entfernt' ? '−' : '~'}
                    </span>{' '}
                    {change.kind}
                  </td>
                  <td>{change.section}</td>
                  <th scope="row">{change.entry}</th>
                  <td>{change.before}</td>
                  <td>{change.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
