import { useState } from 'react';
import { csvOf } from '../format/csv';
import type { KpiTable } from '../kpis/kpi-types';

/** Hands a file made in the browser to the user as a download. */
function save(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started once click() returns; the address can go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads of exactly the table shown: CSV at once, Excel with its writer loaded on the click. */
export function TableDownloads({ table, fileName }: { table: KpiTable; fileName: string }) {
  const [error, setError] = useState<string>();
  const csv = () => save(new Blob([csvOf(table.columns, table.rows)], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
  const xlsx = async () => {
    setError(undefined);
    try {
      const { xlsxOf } = await import('../format/xlsx');
      save(await xlsxOf(table.caption, table.columns, table.rows), `${fileName}.xlsx`);
    } catch {
      setError('Die Excel-Datei konnte nicht erstellt werden. Bitte die Seite neu laden und erneut versuchen.');
    }
  };
  return (
    <p className="downloads">
      <button type="button" className="secondary" onClick={csv} aria-label={`${table.caption}: CSV herunterladen`}>
        CSV herunterladen
      </button>{' '}
      <button type="button" className="secondary" onClick={xlsx} aria-label={`${table.caption}: Excel herunterladen`}>
        Excel herunterladen
      </button>
      {error && (
        <span role="alert" className="error">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}
