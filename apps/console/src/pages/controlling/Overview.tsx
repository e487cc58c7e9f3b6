import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { AnswerOf } from '../../kpis/kpi-types';
import { formatChange, formatNumber } from '../../format/german';
import { StandNote } from '../../components/StandNote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { YearAndStandFields } from '../../components/YearAndStandFields';

type Answer = AnswerOf<'/api/v1/kpis/year-over-year'>;
type Figure = Answer['rows'][number];

const LAST_YEAR = new Date().getFullYear() - 1;

function shown(value: number | null, { digits, unit }: Figure): string {
  if (value === null) return '–';
  if (unit === '1:x') return `1:${formatNumber(value, digits)}`;
  // The label says "je 10.000 Einwohner unter 21" already.
  return unit && unit !== 'je 10.000' ? `${formatNumber(value, digits)} ${unit}` : formatNumber(value, digits);
}

function changeShown(figure: Figure): string {
  if (figure.change === null) return '–';
  // A share changes by percentage points, not by per cent of itself.
  const unit = figure.unit === '%' ? ' %-Pkt.' : figure.unit === '€' ? ' €' : '';
  return `${formatChange(figure.change, figure.digits)}${unit}`;
}

/** Controlling's first look: the office's key figures of a year beside the year before, as known on a chosen day. */
export default function Overview() {
  const [year, setYear] = useState(LAST_YEAR);
  const [asOf, setAsOf] = useState('');
  const [answer, setAnswer] = useState<Answer>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    setError(undefined);
    api.GET('/api/v1/kpis/year-over-year', { params: { query: { year, ...(asOf ? { asOf } : {}) } } }).then(
      ({ data }) => current && setAnswer(data),
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
      {answer && <StandNote asOf={answer.basis.asOf} observedUntil={answer.basis.observedUntil} catalogues={answer.basis.catalogues} />}
      {answer && (
        <table className="key-figures">
          <caption>
            Kennzahlen {year} und Veränderung gegenüber {year - 1}
          </caption>
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
              <th scope="col" className="number">
                Veränderung in %
              </th>
            </tr>
          </thead>
          <tbody>
            {answer.rows.map((figure) => (
              <tr key={figure.id} data-figure={figure.id}>
                <th scope="row">{figure.label}</th>
                <td className="number">{shown(figure.value, figure)}</td>
                <td className="number">{shown(figure.previous, figure)}</td>
                <td className="number">{changeShown(figure)}</td>
                <td className="number">{figure.changePercent === null ? '–' : `${formatChange(figure.changePercent, 1)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
