import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAddressFilter } from '../../../app/address-filter';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatNumber, formatTimestamp } from '../../../format/german';
import { STATUS_TEXT } from '../../../format/import-status';
import { SOURCE_LABELS } from '../../../format/sources';
import type { DecisionMade } from './DecisionDialog';
import { DecisionOutcome } from './DecisionOutcome';
import { HeldImports } from './HeldImports';
import { ImportTable } from './ImportTable';
import { useImports, type ImportQuery } from './use-imports';

/** Enough for weeks of nights of five sources; older imports are found by filtering. */
const LIMIT = 200;

/** A filter from the address, if it names a value the API knows. */
function filterOf<K extends 'source' | 'status'>(search: URLSearchParams, key: K, known: Readonly<Record<string, string>>): ImportQuery[K] {
  const value = search.get(key);
  return value !== null && Object.hasOwn(known, value) ? (value as ImportQuery[K]) : undefined;
}

function FilterSelect({
  id,
  label,
  value,
  choices,
  all,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  choices: Readonly<Record<string, string>>;
  all: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">{all}</option>
        {Object.entries(choices).map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Held imports to decide on first, then the history with its filters (kept in the address). */
export function ImportList() {
  const [search] = useSearchParams();
  const source = filterOf(search, 'source', SOURCE_LABELS);
  const status = filterOf(search, 'status', STATUS_TEXT);
  const [refresh, setRefresh] = useState(0);
  const [made, setMade] = useState<DecisionMade>();
  const held = useImports({ status: 'held', limit: 1000 }, refresh);
  const list = useImports({ source, status, limit: LIMIT }, refresh);
  const undecided = held.imports?.filter((record) => record.decision === null) ?? [];

  useEffect(() => {
    document.title = 'Importe – Jugendamt Controlling';
  }, []);

  const setFilter = useAddressFilter<'source' | 'status'>();
  const decided = (decision: DecisionMade) => {
    setMade(decision);
    setRefresh((n) => n + 1);
  };

  const count = list.imports?.length ?? 0;
  const caption = `Importe, neueste zuerst (${count === LIMIT ? `die neuesten ${formatNumber(LIMIT)}` : formatNumber(count)})`;
  return (
    <>
      <h1>Importe</h1>
      {list.loadedAt && <p className="stand">Stand: {formatTimestamp(list.loadedAt)}</p>}
      {made && <DecisionOutcome key={made.jobId} made={made} onSettled={() => setRefresh((n) => n + 1)} />}
      <ErrorAlert message={held.error} />
      <HeldImports held={undecided} onDecided={decided} />
      <h2>Alle Importe</h2>
      <form className="filters" aria-label="Auswahl der Importe" onSubmit={(event) => event.preventDefault()}>
        <FilterSelect id="filter-quelle" label="Quelle" value={source} choices={SOURCE_LABELS} all="Alle Quellen" onChange={(value) => setFilter('source', value)} />
        <FilterSelect id="filter-status" label="Status" value={status} choices={STATUS_TEXT} all="Alle Status" onChange={(value) => setFilter('status', value)} />
      </form>
      <ErrorAlert message={list.error} />
      {list.imports && (list.imports.length > 0 ? <ImportTable caption={caption} imports={list.imports} /> : <p>Keine Importe zu dieser Auswahl.</p>)}
    </>
  );
}
