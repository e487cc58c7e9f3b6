import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { catalogueLabel, catalogueVersion } from '../../../format/catalogues';
import { formatTimestamp } from '../../../format/german';
import { listCatalogues, type CatalogueView } from './catalogue-api';
import { effectText } from './catalogue-effect';
import { authorText, validFromText } from './version-texts';

/** All catalogues at a glance: which version holds, since when, who stored it, and whether the figures follow it. */
export function CatalogueList() {
  const [catalogues, setCatalogues] = useState<readonly CatalogueView[]>();
  const [loadedAt, setLoadedAt] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    document.title = 'Kataloge – Jugendamt Controlling';
    listCatalogues().then(
      (found) => {
        setCatalogues(found);
        setLoadedAt(new Date().toISOString());
      },
      (failure: Error) => setError(failure.message),
    );
  }, []);
  return (
    <>
      <h1>Kataloge</h1>
      <p className="definition">
        Die Regeln hinter den Kennzahlen, die das Jugendamt selbst pflegt. Jede Änderung wird eine neue Version; die Kennzahlen nennen die Version, mit der sie gerechnet sind.
      </p>
      {loadedAt && <p className="stand">Stand: {formatTimestamp(loadedAt)}</p>}
      <ErrorAlert message={error} />
      {!catalogues && !error && <p className="loading-note">Wird geladen …</p>}
      {catalogues && (
        <table className="catalogue-list">
          <caption>Die Kataloge und ihre gültige Version</caption>
          <thead>
            <tr>
              <th scope="col">Katalog</th>
              <th scope="col">Gültige Version</th>
              <th scope="col">Gültig seit</th>
              <th scope="col">Gespeichert von</th>
              <th scope="col">Wirkung auf die Kennzahlen</th>
            </tr>
          </thead>
          <tbody>
            {catalogues.map((catalogue) => (
              <tr key={catalogue.name}>
                <th scope="row">
                  <Link to={catalogue.name}>{catalogueLabel(catalogue.name)}</Link>
                </th>
                <td>{catalogueVersion(catalogue.version)}</td>
                <td>{validFromText(catalogue)}</td>
                <td>{authorText(catalogue)}</td>
                <td>{effectText(catalogue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
