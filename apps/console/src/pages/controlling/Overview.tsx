import { useEffect, useState } from 'react';
import { formatChange, formatNumber } from '../../format/german';
import { joinedBasis, KEY_FIGURES, type KeyFigure } from './key-figures';
import type { Basis } from '../../kpis/kpi-types';
import { StandNote } from '../../components/StandNote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { YearAndStandFields } from '../../components/YearAndStandFields';

interface FigureRow {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly before: string;
  readonly change: string;
}

const LAST_YEAR = new Date().getFullYear() - 1;

function shown(value: number | null, digits: number, unit: KeyFigure['unit']): string {
  if (value === null) return '–';
  if (unit === '1:x') return `1:${formatNumber(value, digits)}`;
  return unit ? `${formatNumber(value, digits)} ${unit}` : formatNumber(value, digits);
}

/** Controlling's first look: the key figures of a year beside the year before, as known on a chosen day. */
export default function Overview() {
  const [year, setYear] = useState(LAST_YEAR);
  const [asOf, setAsOf] = useState('');
  const [rows, setRows] = useState<readonly FigureRow[]>();
  const [basis, setBasis] = useState<Basis>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    setError(undefined);
    const stand = asOf || undefined;
    Promise.all(
      KEY_FIGURES.map(async (figure): Promise<FigureRow & { basis: Basis }> => {
        const [{ value, basis }, { value: before }] = await Promise.all([figure.of(year, stand), figure.of(year - 1, stand)]);
        const change = value === null || before === null ? null : value - before;
        // A share changes by percentage points, not by per cent of itself.
        const changeUnit = figure.unit === '%' ? ' %-Pkt.' : figure.unit === '€' ? ' €' : '';
        return {
          id: figure.id,
          label: figure.label,
          value: shown(value, figure.digits, figure.unit),
          before: shown(before, figure.digits, figure.unit),
          change: change === null ? '–' : `${formatChange(change, figure.digits)}${changeUnit}`,
          basis,
        };
      }),
    ).then(
      (figures) => {
        if (!current) return;
        setRows(figures);
        setBasis(joinedBasis(figures.map((figure) => figure.basis)));
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [year, asOf]);

  return (
    <>
      <h1>Überblick {year}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <YearAndStandFields yearLabel="Jahr" year={year} onYear={setYear} asOf={asOf} onAsOf={setAsOf} />
      </form>
      <ErrorAlert message={error} />
      {basis && <StandNote asOf={basis.asOf} observedUntil={basis.observedUntil} catalogues={basis.catalogues} />}
      {rows && (
        <table className="key-figures">
          <caption>Kennzahlen {year} und Veränderung gegenüber {year - 1}</caption>
          <thead>
            <tr>
              <th scope="col">Kennzahl</th>
              <th scope="col" className="number">
                {year}
              </th>
              <th scope="col" className="number">
                {year - 1}
              </th>
              <th scope="col" className="number">
                Veränderung
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-figure={row.id}>
                <th scope="row">{row.label}</th>
                <td className="number">{row.value}</td>
                <td className="number">{row.before}</td>
                <td className="number">{row.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
