import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ReportTableView, type TableCell, type TableColumn } from '../../components/ReportTableView';
import { StandNote } from '../../components/StandNote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { YearAndStandFields } from '../../components/YearAndStandFields';

interface Report {
  readonly year: number;
  readonly office: string;
  readonly asOf: string | null;
  readonly observedUntil: Readonly<Record<string, string>>;
  readonly suppression: string;
  readonly tables: readonly { id: string; title: string; columns: TableColumn[]; rows: Record<string, TableCell>[] }[];
}

const LAST_YEAR = new Date().getFullYear() - 1;

/** The planners' Gesamtbericht: choose year, Stand and public or internal, preview every table, download it. */
export default function AnnualReport() {
  const [year, setYear] = useState(LAST_YEAR);
  const [asOf, setAsOf] = useState('');
  const [publicReport, setPublicReport] = useState(true);
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setError(undefined);
    const query = { public: String(publicReport) as 'true' | 'false', ...(asOf ? { asOf } : {}) };
    api
      .GET('/api/v1/reports/annual/{year}', { params: { path: { year }, query } })
      .then(({ data }) => setReport(data as unknown as Report))
      .catch((failure: Error) => setError(failure.message));
  }, [year, asOf, publicReport]);

  const download = (format: 'xlsx' | 'csv') => {
    const query = new URLSearchParams({ format, public: String(publicReport), ...(asOf ? { asOf } : {}) });
    return `/api/v1/reports/annual/${year}?${query}`;
  };

  return (
    <>
      <h1>Gesamtbericht {year}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <YearAndStandFields yearLabel="Berichtsjahr" year={year} onYear={setYear} asOf={asOf} onAsOf={setAsOf} />
        <fieldset>
          <legend>Fassung</legend>
          <label>
            <input type="radio" name="fassung" checked={publicReport} onChange={() => setPublicReport(true)} /> öffentlich (kleine Fallzahlen geheim)
          </label>
          <label>
            <input type="radio" name="fassung" checked={!publicReport} onChange={() => setPublicReport(false)} /> intern
          </label>
        </fieldset>
      </form>
      <p className="downloads">
        <a className="button" href={download('xlsx')}>
          Excel herunterladen
        </a>{' '}
        <a className="button secondary" href={download('csv')}>
          CSV (zip) herunterladen
        </a>
      </p>
      <ErrorAlert message={error} />
      {report && (
        <>
          <StandNote asOf={report.asOf} observedUntil={report.observedUntil} />
          {report.tables.map((table) => (
            <section key={table.id}>
              <h2>{table.title}</h2>
              <ReportTableView caption={table.title} columns={table.columns} rows={table.rows} />
            </section>
          ))}
        </>
      )}
    </>
  );
}
