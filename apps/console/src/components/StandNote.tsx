import { catalogueLabel, catalogueVersion } from '../format/catalogues';
import { formatTimestamp } from '../format/german';
import { sourceLabel } from '../format/sources';

/**
 * What the figures in view rest on: as known when (Stand), the newest export of each source,
 * and the catalogue versions that made them. A figure without its Stand cannot be compared.
 */
export function StandNote({
  asOf,
  observedUntil,
  catalogues = [],
}: {
  asOf: string | null;
  observedUntil: Readonly<Record<string, string>>;
  catalogues?: readonly { readonly name: string; readonly version: number }[];
}) {
  const sources = Object.entries(observedUntil);
  return (
    <div className="stand">
      <p>
        Stand: {asOf ? `wie bekannt am ${formatTimestamp(asOf)}` : 'alle bis heute eingelesenen Exporte'}
        {sources.length === 0 && ' · Bis dahin war noch kein Export eingelesen.'}
        {sources.map(([source, at]) => (
          <span key={source}>
            {' '}
            · {sourceLabel(source)}: {formatTimestamp(at)}
          </span>
        ))}
      </p>
      {catalogues.length > 0 && <p>Kataloge: {catalogues.map((catalogue) => `${catalogueLabel(catalogue.name)} ${catalogueVersion(catalogue.version)}`).join(' · ')}</p>}
    </div>
  );
}
