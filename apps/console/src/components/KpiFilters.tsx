import { useEffect, useId, useState, type ReactElement } from 'react';
import type { KpiEntry } from '../kpis/catalogue';
import type { KpiFilters as Filters, PeriodKind } from '../kpis/filters';
import type { Dimension, Granularity } from '../kpis/kpi-types';
import { DIMENSION_LABELS } from '../kpis/tables';
import { monthName } from '../format/periods';

const PERIOD_KINDS: readonly [PeriodKind, string][] = [
  ['year', 'Jahr'],
  ['quarter', 'Quartal'],
  ['month', 'Monat'],
  ['range', 'Von – bis'],
];

const GRANULARITIES: readonly [Granularity | '', string][] = [
  ['', 'wie Zeitraum'],
  ['month', 'Monate'],
  ['quarter', 'Quartale'],
  ['year', 'Jahre'],
  ['total', 'gesamt'],
];

/**
 * A control with its label beside it (not around it): its accessible name is then the label
 * alone, not the label plus the selected option or the typed value.
 */
function Field({ label, children }: { label: string; children: (id: string) => ReactElement }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A year typed digit by digit: the page asks the API only once it is a whole year. */
function YearInput({ label, year, onYear }: { label: string; year: number; onYear: (year: number) => void }) {
  const [text, setText] = useState(String(year));
  useEffect(() => setText(String(year)), [year]);
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1990}
          max={2100}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            const typed = Number(event.target.value);
            if (/^\d{4}$/.test(event.target.value) && typed >= 1990 && typed <= 2100) onYear(typed);
          }}
        />
      )}
    </Field>
  );
}

/** A date input that passes on only whole dates (or none). */
function DateInput({ label, value, onDate, required = false }: { label: string; value: string; onDate: (date: string) => void; required?: boolean }) {
  return <Field label={label}>{(id) => <input id={id} type="date" value={value} required={required} onChange={(event) => (event.target.value || !required) && onDate(event.target.value)} />}</Field>;
}

/**
 * The filters a KPI's route takes, and only those: period, granularity, team, dimensions, Stand.
 * Each change goes into the page's address at once; there is no "apply" step to forget.
 */
export function KpiFilters({ entry, filters, teams, onChange }: { entry: KpiEntry; filters: Filters; teams: readonly string[]; onChange: (next: Filters) => void }) {
  const period = filters.period;
  const set = (change: Partial<Filters>) => onChange({ ...filters, ...change });
  const setPeriod = (change: Partial<Filters['period']>) => set({ period: { ...period, ...change } });
  const toggle = (dimension: Dimension, on: boolean) => set({ by: entry.dimensions.filter((d) => (d === dimension ? on : filters.by.includes(d))) });
  const teamChoices = filters.team && !teams.includes(filters.team) ? [...teams, filters.team] : teams;

  return (
    <form className="filters" aria-label="Auswahl" onSubmit={(event) => event.preventDefault()}>
      {entry.when === 'period' && (
        <>
          <Field label="Zeitraum">
            {(id) => (
              <select id={id} value={period.kind} onChange={(event) => setPeriod({ kind: event.target.value as PeriodKind })}>
                {PERIOD_KINDS.map(([kind, label]) => (
                  <option key={kind} value={kind}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {period.kind !== 'range' && <YearInput label="Jahr" year={period.year} onYear={(year) => setPeriod({ year })} />}
          {period.kind === 'quarter' && (
            <Field label="Quartal">
              {(id) => (
                <select id={id} value={period.quarter} onChange={(event) => setPeriod({ quarter: Number(event.target.value) })}>
                  {[1, 2, 3, 4].map((quarter) => (
                    <option key={quarter} value={quarter}>
                      {quarter}. Quartal
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {period.kind === 'month' && (
            <Field label="Monat">
              {(id) => (
                <select id={id} value={period.month} onChange={(event) => setPeriod({ month: Number(event.target.value) })}>
                  {Array.from({ length: 12 }, (_, index) => (
                    <option key={index + 1} value={index + 1}>
                      {monthName(index + 1)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {period.kind === 'range' && (
            <>
              <DateInput label="Von" value={period.from} required onDate={(from) => setPeriod({ from })} />
              <DateInput label="Bis" value={period.to} required onDate={(to) => setPeriod({ to })} />
            </>
          )}
        </>
      )}
      {entry.when === 'day' && <DateInput label="Stichtag" value={filters.on} required onDate={(on) => set({ on })} />}
      {entry.when === 'year' && <YearInput label="Jahr" year={filters.year} onYear={(year) => set({ year })} />}
      {entry.granularity && (
        <Field label="Unterteilung">
          {(id) => (
            <select id={id} value={filters.granularity ?? ''} onChange={(event) => set({ granularity: (event.target.value || undefined) as Granularity | undefined })}>
              {GRANULARITIES.map(([granularity, label]) => (
                <option key={granularity} value={granularity}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {entry.team && (
        <Field label="Team">
          {(id) => (
            <select id={id} value={filters.team ?? ''} onChange={(event) => set({ team: event.target.value || undefined })}>
              <option value="">Alle Teams</option>
              {teamChoices.map((team) => (
                <option key={team} value={team}>
                  {team}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {entry.dimensions.length > 0 && (
        <fieldset>
          <legend>Gliederung nach</legend>
          {entry.dimensions.map((dimension) => (
            <label key={dimension}>
              <input type="checkbox" checked={filters.by.includes(dimension)} onChange={(event) => toggle(dimension, event.target.checked)} /> {DIMENSION_LABELS[dimension]}
            </label>
          ))}
        </fieldset>
      )}
      <DateInput label="Stand (bekannt am)" value={filters.asOf ?? ''} onDate={(asOf) => set({ asOf: asOf || undefined })} />
    </form>
  );
}
