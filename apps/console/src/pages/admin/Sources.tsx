import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { formatTimestamp } from '../../format/german';
import { statusText } from '../../format/import-status';
import { sourceLabel } from '../../format/sources';
import { ErrorAlert } from '../../components/ErrorAlert';

interface SourceView {
  readonly source: string;
  readonly lastImport: { file: string; status: string; finishedAt?: string } | null;
  readonly lastApplied: { file: string; observedAt: string } | null;
  readonly dataAgeDays: number | null;
  readonly held: readonly { importId: string; file: string; waitingDays: number }[];
  readonly findings: readonly { severity: string; code: string; message: string }[];
}

type Light = { readonly label: string; readonly symbol: string; readonly tone: 'ok' | 'warn' | 'bad' | 'wait' };

/** Traffic light with a word and a symbol beside the colour, so colour-blind users read it too. */
function lightOf(view: SourceView): Light {
  if (view.lastImport?.status === 'rejected') return { label: 'letzter Import abgelehnt', symbol: '✕', tone: 'bad' };
  if (view.held.length > 0) return { label: 'Import angehalten', symbol: '‖', tone: 'wait' };
  if (view.findings.some((finding) => finding.severity === 'warning')) return { label: 'verspätet', symbol: '!', tone: 'warn' };
  return { label: 'aktuell', symbol: '✓', tone: 'ok' };
}

const FINDING_TEXT: Readonly<Record<string, string>> = {
  'never-applied': 'Noch kein Export eingelesen.',
  'observed-in-future': 'Ein Export gibt ein Datum in der Zukunft an; spätere Exporte werden abgewiesen.',
  'stale-files': 'Ältere Exporte wurden als veraltet abgewiesen.',
  'last-import-rejected': 'Der letzte Import wurde abgelehnt.',
  'held-for-confirmation': 'Ein Import wartet auf Bestätigung.',
};

/** The administrator's morning look: is every source fresh, and what needs a decision? */
export default function Sources() {
  const [sources, setSources] = useState<readonly SourceView[]>();
  const [asOf, setAsOf] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api
      .GET('/api/v1/admin/sources')
      .then(({ data }) => {
        const body = data as unknown as { asOf: string; sources: SourceView[] };
        setSources(body.sources);
        setAsOf(body.asOf);
      })
      .catch((failure: Error) => setError(failure.message));
  }, []);
  return (
    <>
      <h1>Quellen</h1>
      {asOf && <p className="stand">Stand: {formatTimestamp(asOf)}</p>}
      <ErrorAlert message={error} />
      {sources && (
        <table>
          <caption>Die Exporte und ihr Zustand</caption>
          <thead>
            <tr>
              <th scope="col">Quelle</th>
              <th scope="col">Zustand</th>
              <th scope="col">Datenstand</th>
              <th scope="col">Letzter Import</th>
              <th scope="col">Hinweise</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((view) => {
              const light = lightOf(view);
              return (
                <tr key={view.source}>
                  <th scope="row">{sourceLabel(view.source)}</th>
                  <td>
                    <span className={`light ${light.tone}`} aria-hidden="true">
                      {light.symbol}
                    </span>{' '}
                    {light.label}
                  </td>
                  <td>{view.lastApplied ? formatTimestamp(view.lastApplied.observedAt) : '–'}</td>
                  <td>{view.lastImport ? `${view.lastImport.file} (${statusText(view.lastImport.status)})` : '–'}</td>
                  <td>
                    <ul className="plain">
                      {view.findings.map((finding) => (
                        <li key={finding.code}>
                          {finding.code === 'export-late' ? `Der Export ist verspätet: die Daten sind ${view.dataAgeDays} Tage alt.` : (FINDING_TEXT[finding.code] ?? finding.message)}
                        </li>
                      ))}
                      {view.held.map((held) => (
                        <li key={held.importId}>
                          {held.file} wartet seit {held.waitingDays} {held.waitingDays === 1 ? 'Tag' : 'Tagen'} auf Ihre Entscheidung.
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
