import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { catalogueLabel, catalogueVersion as versionText } from '../../../format/catalogues';
import { formatTimestamp } from '../../../format/german';
import { catalogueVersion, type CatalogueName, type CatalogueVersionView, type SavedAnswer } from './catalogue-api';
import { effectText } from './catalogue-effect';
import { CATALOGUE_FORMS, valuesOf } from './catalogue-forms';
import { CatalogueEditor } from './CatalogueEditor';
import { EntriesView } from './EntriesView';
import type { FormValues } from './form-model';
import { changesBetween } from './version-changes';
import { VersionHistory, type HistoryEntry } from './VersionHistory';
import { authorText, validFromText } from './version-texts';

interface Loaded {
  readonly current: CatalogueVersionView;
  readonly values: FormValues;
  readonly history: readonly HistoryEntry[];
  readonly loadedAt: string;
}

/** The current version, every former one, and each one's changes against the one before. */
async function load(name: CatalogueName): Promise<Loaded> {
  const current = await catalogueVersion(name);
  const former = await Promise.all(current.versions.filter((stamp) => stamp.version !== current.version).map((stamp) => catalogueVersion(name, stamp.version)));
  const sections = CATALOGUE_FORMS[name].sections;
  // Newest first, as the API lists them; each compared with the next older one.
  const contents = [current, ...former].map((view) => ({ stamp: view.versions.find((stamp) => stamp.version === view.version)!, values: valuesOf(view.name, view.content) }));
  const history = contents.map((entry, index) => {
    const older = contents[index + 1];
    return { stamp: entry.stamp, changes: older ? changesBetween(sections, older.values, entry.values) : null };
  });
  return { current, values: contents[0]!.values, history, loadedAt: new Date().toISOString() };
}

function savedText(saved: SavedAnswer): string {
  const rebuild = saved.rebuildJob ? ' Die Projektionen werden jetzt neu aufgebaut; bis dahin rechnen die Kennzahlen noch mit der vorigen Version.' : '';
  return `Gespeichert als ${versionText(saved.version)}.${rebuild}`;
}

/** One catalogue: its entries, its editing, its versions. */
export function CatalogueDetail({ name }: { name: CatalogueName }) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const [shown, setShown] = useState<number>();
  const sections = CATALOGUE_FORMS[name].sections;

  const reload = useCallback(
    () =>
      load(name).then(
        (found) => {
          setLoaded(found);
          setShown(found.current.version > 0 ? found.current.version : undefined);
          setError(undefined);
        },
        (failure: Error) => setError(failure.message),
      ),
    [name],
  );
  useEffect(() => {
    document.title = `${catalogueLabel(name)} – Kataloge – Jugendamt Controlling`;
    void reload();
  }, [name, reload]);

  const saved = (answer: SavedAnswer) => {
    setEditing(false);
    setNotice(savedText(answer));
    void reload().then(() => document.getElementById('katalog-titel')?.focus());
  };
  const startEditing = () => {
    setNotice('');
    setEditing(true);
    requestAnimationFrame(() => document.getElementById('bearbeiten-titel')?.focus());
  };
  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => document.getElementById('bearbeiten-knopf')?.focus());
  };
  const showChanges = (version: number) => {
    setShown(version);
    requestAnimationFrame(() => document.getElementById('aenderungen-titel')?.focus());
  };

  const current = loaded?.current;
  const stamp = current && loaded.history[0]?.stamp;
  return (
    <div className="catalogue-detail">
      <p className="back">
        <Link to="..">← Alle Kataloge</Link>
      </p>
      <h1 id="katalog-titel" tabIndex={-1}>
        Katalog {catalogueLabel(name)}
      </h1>
      {loaded && <p className="stand">Stand: {formatTimestamp(loaded.loadedAt)}</p>}
      <ErrorAlert message={error} />
      <p role="status" className="notice">
        {notice}
      </p>
      {current && stamp && (
        <>
          <p>
            Gültig ist <strong>{versionText(current.version)}</strong>
            {current.version === 0 ? ', wie mit dem Produkt ausgeliefert' : `, seit ${validFromText(stamp)}, gespeichert von ${authorText(stamp)}`}. Wirkung: {effectText(current)}.
          </p>
          {editing ? (
            <CatalogueEditor name={name} version={current.version} sections={sections} initial={loaded.values} onSaved={saved} onCancel={stopEditing} />
          ) : (
            <section aria-labelledby="eintraege-titel">
              <h2 id="eintraege-titel">Einträge der gültigen Version</h2>
              <EntriesView sections={sections} values={loaded.values} />
              <button type="button" id="bearbeiten-knopf" onClick={startEditing}>
                Bearbeiten
              </button>
            </section>
          )}
          <VersionHistory entries={loaded.history} shown={shown} onShow={showChanges} />
        </>
      )}
    </div>
  );
}
