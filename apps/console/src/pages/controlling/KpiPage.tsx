import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { officeTeams } from '../../api/teams';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KpiFilters } from '../../components/KpiFilters';
import { ReportTableView, type CellLink } from '../../components/ReportTableView';
import { StandNote } from '../../components/StandNote';
import { TableDownloads } from '../../components/TableDownloads';
import type { KpiEntry } from '../../kpis/catalogue';
import { chartDataOf } from '../../kpis/chart-data';
import { filtersOf, queryOf, searchOf, whenText, type KpiFilters as Filters } from '../../kpis/filters';
import type { KpiReading, KpiScope, KpiView } from '../../kpis/kpi-types';
import { OFFICE } from '../../kpis/tables';

/**
 * The chart library is most of a KPI page's code: it comes in a chunk of its own, asked for just
 * after the figures, so that parsing it does not hold back the question to the API.
 */
const loadKpiChart = () => import('../../components/KpiChart');
const KpiChart = lazy(() => loadKpiChart().then((module) => ({ default: module.KpiChart })));

type Shown = { readonly key: string; readonly view?: KpiView; readonly error?: string };

/** A file name that says what and when: `kosten_2025_ASD-Team-Nord_stand-2025-06-30`. */
function fileNameOf(search: URLSearchParams, tableId: string): string {
  const parts = [
    tableId,
    search.get('period') ?? search.get('year') ?? search.get('on') ?? `${search.get('from')}_${search.get('to')}`,
    search.get('team'),
    search.get('asOf') && `stand-${search.get('asOf')}`,
  ];
  return parts
    .filter(Boolean)
    .join('_')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '-');
}

/**
 * The one page every KPI of controlling shares: its filters (in the address), the figures'
 * Stand, a chart with a sentence and the table of the same numbers, and their downloads. What
 * differs per KPI is its catalogue entry and its reading.
 */
export function KpiPage({ entry, reading }: { entry: KpiEntry; reading: KpiReading }) {
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(entry, search);
  const canonical = searchOf(entry, filters);
  const key = canonical.toString();
  const [shown, setShown] = useState<Shown>();
  const [teams, setTeams] = useState<readonly string[]>([]);

  // Defaults go into the address, so that a bookmark keeps the view it was taken of.
  useEffect(() => {
    if (search.toString() !== key) setSearch(canonical, { replace: true });
  }, [search, key]); // `canonical` is new each render; `key` is its content

  useEffect(() => {
    document.title = `${entry.title} – Jugendamt Controlling`;
    officeTeams().then(setTeams, () => setTeams([]));
  }, [entry]);

  // One scope per distinct question (`key`), so that the answer is asked for once per change.
  const scope: KpiScope = useMemo(() => ({ query: queryOf(entry, filters), when: whenText(entry, filters), who: filters.team ?? OFFICE }), [key]);

  useEffect(() => {
    let current = true;
    reading.read(scope).then(
      (view) => current && setShown({ key, view }),
      (failure: Error) => current && setShown({ key, error: failure.message }),
    );
    void loadKpiChart();
    return () => {
      current = false;
    };
  }, [reading, scope, key]);

  const change = (next: Filters, history: 'push' | 'replace' = 'replace') => setSearch(searchOf(entry, next), { replace: history === 'replace' });
  // A drill-down is a step of its own: the browser's Back returns to all teams.
  const drillDown = (team: string) => teams.includes(team) && team !== filters.team && change({ ...filters, team }, 'push');
  const linkOf: CellLink = (column, value) =>
    entry.team && column.key === 'team' && typeof value === 'string' && teams.includes(value) && value !== filters.team ? `?${searchOf(entry, { ...filters, team: value })}` : undefined;

  const loading = shown?.key !== key;
  const view = shown?.view;
  const chart = useMemo(() => view && chartDataOf(view.tables[0], view.measures), [view]);

  return (
    <>
      <h1>{entry.title}</h1>
      <p className="definition">{entry.definition}</p>
      <KpiFilters entry={entry} filters={filters} teams={teams} onChange={change} />
      <p role="status" className="loading-note">
        {loading ? 'Wird geladen …' : ''}
      </p>
      <ErrorAlert message={shown?.error} />
      {view && chart && (
        <div className="kpi-figures" aria-busy={loading}>
          <StandNote asOf={view.basis.asOf} observedUntil={view.basis.observedUntil} catalogues={view.basis.catalogues} />
          <section aria-labelledby="tabelle-haupt">
            <h2 id="tabelle-haupt">{view.tables[0].caption}</h2>
            <p className="summary">{view.summary}</p>
            {view.qualityNotes && view.qualityNotes.length > 0 && (
              <div className="quality-notes">
                <h3>Datenqualität der Grundlage</h3>
                <ul>
                  {view.qualityNotes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              </div>
            )}
            {view.tables[0].rows.length > 0 && (
              <Suspense fallback={<div className="kpi-chart" aria-hidden="true" />}>
                <KpiChart data={chart} description={view.summary} onPickTeam={drillDown} />
              </Suspense>
            )}
            <ReportTableView caption={view.tables[0].caption} columns={view.tables[0].columns} rows={view.tables[0].rows} linkOf={linkOf} />
            <TableDownloads table={view.tables[0]} fileName={fileNameOf(search, view.tables[0].id)} />
          </section>
          {view.tables.slice(1).map((table) => (
            <section key={table.id} aria-labelledby={`tabelle-${table.id}`}>
              <h2 id={`tabelle-${table.id}`}>{table.caption}</h2>
              <ReportTableView caption={table.caption} columns={table.columns} rows={table.rows} />
              <TableDownloads table={table} fileName={fileNameOf(search, table.id)} />
            </section>
          ))}
        </div>
      )}
    </>
  );
}
