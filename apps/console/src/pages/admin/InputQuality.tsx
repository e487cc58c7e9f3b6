import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatChange, formatNumber, formatPercent } from '../../format/german';
import { kpiTitle } from '../../kpis/catalogue';

type QualityAnswer = paths['/api/v1/quality']['get']['responses'][200]['content']['application/json'];
type ToFixAnswer = paths['/api/v1/quality/to-fix']['get']['responses'][200]['content']['application/json'];
type Month = QualityAnswer['office'][number];

/** The page lists the first records; the CSV holds them all. */
export const SHOWN_TO_FIX = 50;

const RECORDS_DE: Readonly<Record<string, string>> = { aids: 'Hilfe', 'sub-processes': 'Teilprozess', payments: 'Zahlung' };
const teamName = (team: string | null) => team ?? 'ohne Team (Zahlung ohne Fall)';
/** `2026-01` → `01/2026`. */
const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

function MonthCell({ month }: { month: Month }) {
  if (month.checked === 0) return <td>–</td>;
  return (
    <td>
      {formatPercent(month.share)}
      <br />
      <small>
        {formatNumber(month.affected)} von {formatNumber(month.checked)}
        {month.shareChange !== null && ` (${formatChange(month.shareChange)} Pp.)`}
      </small>
    </td>
  );
}

/**
 * The Fachadministration's monthly look at input quality: the share of records a plausibility
 * rule hits, per team and month with its trend, the findings of the last month per rule, the
 * sheet for each team leader and the records to correct with file and line.
 */
export default function InputQuality() {
  const [quality, setQuality] = useState<QualityAnswer>();
  const [toFix, setToFix] = useState<ToFixAnswer>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    Promise.all([api.GET('/api/v1/quality', { params: { query: {} } }), api.GET('/api/v1/quality/to-fix', { params: { query: { limit: SHOWN_TO_FIX } } })])
      .then(([q, f]) => {
        setQuality(q.data as QualityAnswer);
        setToFix(f.data as ToFixAnswer);
      })
      .catch((failure: Error) => setError(failure.message));
  }, []);
  const months = quality?.office.map((m) => m.month) ?? [];
  const last = quality?.office.at(-1);
  const rules = quality ? Object.entries(quality.rules).filter(([, rule]) => rule.active) : [];
  const range = quality ? `from=${quality.parameters.from}&to=${quality.parameters.to}` : '';
  return (
    <>
      <h1>Eingabequalität</h1>
      <p className="definition">
        Anteil der Datensätze eines Monats (laufende Hilfen, offene oder abgeschlossene Teilprozesse, Zahlungen), die mindestens eine Plausibilitätsregel verletzen, so wie sie am Monatsende bekannt
        waren. Die Regeln stehen im Katalog Plausibilitätsregeln.
      </p>
      <ErrorAlert message={error} />
      {quality && (
        <table>
          <caption>Anteil betroffener Datensätze je Team und Monat</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              {months.map((month) => (
                <th scope="col" key={month}>
                  {monthLabel(month)}
                </th>
              ))}
              <th scope="col">Blatt für die Teamleitung</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Jugendamt gesamt</th>
              {quality.office.map((month) => (
                <MonthCell key={month.month} month={month} />
              ))}
              <td>–</td>
            </tr>
            {quality.teams.map((team) => (
              <tr key={team.team ?? ''}>
                <th scope="row">{teamName(team.team)}</th>
                {team.months.map((month) => (
                  <MonthCell key={month.month} month={month} />
                ))}
                <td>
                  {team.team !== null && (
                    <a href={`/api/v1/quality?${range}&team=${encodeURIComponent(team.team)}&format=csv`} download>
                      CSV für {team.team}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {quality && last && (
        <table>
          <caption>Befunde je Regel im Monat {monthLabel(last.month)}</caption>
          <thead>
            <tr>
              <th scope="col">Regel</th>
              <th scope="col">Schwächt</th>
              <th scope="col">Jugendamt gesamt</th>
              {quality.teams.map((team) => (
                <th scope="col" key={team.team ?? ''}>
                  {teamName(team.team)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rules.map(([id, rule]) => (
              <tr key={id}>
                <th scope="row">{rule.name}</th>
                <td>{rule.weakens.map(kpiTitle).join(', ')}</td>
                <td>{formatNumber(last.findings[id as keyof Month['findings']] ?? 0)}</td>
                {quality.teams.map((team) => (
                  <td key={team.team ?? ''}>{formatNumber(team.months.at(-1)?.findings[id as keyof Month['findings']] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {toFix && (
        <>
          <h2>Zu korrigieren</h2>
          <p>Jeder Datensatz steht mit Datei und Zeile des neuesten Exports, der ihn enthielt: so findet das Team ihn in WebFM oder 14plus.</p>
          <p className="downloads">
            <a className="button secondary" href={`/api/v1/quality/to-fix?${range}&format=csv`} download>
              Korrekturliste als CSV
            </a>
          </p>
          <table>
            <caption>Datensätze mit Befund, nach Team, Datei und Zeile</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Datensatz</th>
                <th scope="col">Regel</th>
                <th scope="col">Datei</th>
                <th scope="col">Zeile</th>
              </tr>
            </thead>
            <tbody>
              {toFix.findings.map((finding) => (
                <tr key={`${finding.file}:${finding.line}:${finding.records}:${finding.team}`}>
                  <td>{teamName(finding.team)}</td>
                  <td>{RECORDS_DE[finding.records] ?? finding.records}</td>
                  <td>{finding.rules.map((id) => quality?.rules[id]?.name ?? id).join(', ')}</td>
                  <td>{finding.file ?? '–'}</td>
                  <td>{finding.line ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {toFix.total > toFix.findings.length && (
            <p>
              … und {formatNumber(toFix.total - toFix.findings.length)} weitere von {formatNumber(toFix.total)}: alle in der Korrekturliste als CSV.
            </p>
          )}
        </>
      )}
    </>
  );
}
