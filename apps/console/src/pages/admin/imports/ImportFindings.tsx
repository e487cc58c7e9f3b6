import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAddressFilter } from '../../../app/address-filter';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatNumber, formatPercent, formatTimestamp } from '../../../format/german';
import { sourceLabel } from '../../../format/sources';
import { checkName } from './check-names';
import { FindingsTable } from './FindingsTable';
import type { Finding, ImportDetail } from './import-types';
import { decisionText, formatDuration, SEVERITY_TEXT } from './import-words';
import { StatusWord } from './ImportTable';

/** More rows make the page slow to read and to render; the CSV holds them all. */
const SHOWN_AT_MOST = 1000;

type Loaded = { readonly record?: ImportDetail; readonly findings?: readonly Finding[]; readonly error?: string };

function matches(finding: Finding, severity: string, text: string): boolean {
  if (severity && finding.severity !== severity) return false;
  const wanted = text.trim().toLocaleLowerCase('de-DE');
  return !wanted || [finding.code, checkName(finding.code), finding.message, finding.column ?? '', finding.field ?? ''].some((part) => part.toLocaleLowerCase('de-DE').includes(wanted));
}

function Summary({ record }: { record: ImportDetail }) {
  const counts = record.findingCounts;
  return (
    <dl className="import-summary">
      <dt>Quelle</dt>
      <dd>{record.source === 'unknown' ? 'unbekannt' : sourceLabel(record.source)}</dd>
      <dt>Datenstand</dt>
      <dd>{formatTimestamp(record.observedAt)}</dd>
      <dt>Status</dt>
      <dd>
        <StatusWord status={record.status} />
      </dd>
      <dt>Zeilen gelesen</dt>
      <dd>{formatNumber(record.rowsRead)}</dd>
      <dt>Ereignisse</dt>
      <dd>{formatNumber(record.eventsAppended)}</dd>
      <dt>Zeilen in Quarantäne</dt>
      <dd>{formatNumber(record.rowsQuarantined)}</dd>
      {record.deletionShare !== null && (
        <>
          <dt>Anteil gelöschter Datensätze</dt>
          <dd>{formatPercent(record.deletionShare * 100)}</dd>
        </>
      )}
      <dt>Eingelesen am</dt>
      <dd>
        {formatTimestamp(record.startedAt)} (Dauer {formatDuration(record.durationMs)})
      </dd>
      <dt>Entscheidung</dt>
      <dd>{decisionText(record.decision)}</dd>
      <dt>Befunde</dt>
      <dd>
        {formatNumber(counts.error)} Fehler, {formatNumber(counts.warning)} Warnungen, {formatNumber(counts.info)} Hinweise
      </dd>
    </dl>
  );
}

/** One import's data-quality report: its counts, its findings to filter, and the same as CSV for the teams. */
export function ImportFindings() {
  const { importId = '' } = useParams();
  const [search] = useSearchParams();
  const severity = search.get('severity') ?? '';
  const text = search.get('text') ?? '';
  const [loaded, setLoaded] = useState<Loaded>({});

  useEffect(() => {
    let current = true;
    const path = { params: { path: { importId } } };
    Promise.all([api.GET('/api/v1/admin/imports/{importId}', path), api.GET('/api/v1/admin/imports/{importId}/findings', { params: { path: { importId }, query: { format: 'json' } } })]).then(
      ([one, report]) => {
        if (!current) return;
        setLoaded({ record: one.data!, findings: report.data!.findings });
        document.title = `Import ${one.data!.file} – Jugendamt Controlling`;
      },
      (failure: Error) => current && setLoaded({ error: failure.message }),
    );
    return () => {
      current = false;
    };
  }, [importId]);

  const setFilter = useAddressFilter<'severity' | 'text'>();

  const { record, findings } = loaded;
  const shown = findings?.filter((finding) => matches(finding, severity, text)) ?? [];
  return (
    <>
      <p className="back">
        <Link to="..">Zurück zu allen Importen</Link>
      </p>
      <h1>{record ? `Import ${record.file}` : 'Import'}</h1>
      <ErrorAlert message={loaded.error} />
      {record && findings && (
        <>
          <Summary record={record} />
          <h2>Datenqualität</h2>
          <form className="filters" aria-label="Auswahl der Befunde" onSubmit={(event) => event.preventDefault()}>
            <div className="field">
              <label htmlFor="filter-schwere">Schwere</label>
              <select id="filter-schwere" value={severity} onChange={(event) => setFilter('severity', event.target.value)}>
                <option value="">Alle</option>
                {Object.entries(SEVERITY_TEXT).map(([key, word]) => (
                  <option key={key} value={key}>
                    {word}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-text">Prüfung oder Text enthält</label>
              <input id="filter-text" type="search" value={text} onChange={(event) => setFilter('text', event.target.value)} />
            </div>
          </form>
          <p className="downloads">
            <a className="button secondary" href={`/api/v1/admin/imports/${encodeURIComponent(importId)}/findings?format=csv`} download>
              Alle Befunde als CSV herunterladen
            </a>
          </p>
          {shown.length > 0 ? (
            <FindingsTable
              caption={`Befunde: ${formatNumber(shown.length)} von ${formatNumber(findings.length)}${shown.length > SHOWN_AT_MOST ? `, die ersten ${formatNumber(SHOWN_AT_MOST)} gezeigt` : ''}`}
              findings={shown.slice(0, SHOWN_AT_MOST)}
            />
          ) : (
            <p>{findings.length === 0 ? 'Dieser Import hat keine Befunde.' : 'Kein Befund passt zu dieser Auswahl.'}</p>
          )}
        </>
      )}
    </>
  );
}
