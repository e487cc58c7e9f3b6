import { catalogueLabel, catalogueVersion } from '../../../format/catalogues';
import { formatNumber, formatTimestamp } from '../../../format/german';
import { eventCount } from './event-count';
import { projectionLabel } from './projection-labels';
import type { ProjectionState } from './projection-types';

/** How current the serving generation is, in words with a symbol, never by colour alone. */
function stateOf(projection: ProjectionState) {
  if (projection.building) {
    return { symbol: '↻', tone: 'wait', label: `Neuaufbau läuft: Generation ${projection.building.generation}, noch ${eventCount(projection.building.eventsToRead)} zu lesen` };
  }
  if (projection.generation === null) return { symbol: '!', tone: 'warn', label: 'noch nie aufgebaut' };
  if (projection.eventsBehind > 0) return { symbol: '…', tone: 'warn', label: `${eventCount(projection.eventsBehind)} noch nicht gelesen` };
  return { symbol: '✓', tone: 'ok', label: 'auf dem neuesten Stand' };
}

function Catalogues({ projection }: { projection: ProjectionState }) {
  const versions = Object.entries(projection.catalogueVersions);
  if (versions.length === 0) return <>keine</>;
  return (
    <>
      {versions.map(([name, version]) => `${catalogueLabel(name)} ${catalogueVersion(version)}`).join(' · ')}
      {projection.cataloguesChangedSince.length > 0 && (
        <p className="attention">Seit dem Aufbau geändert: {projection.cataloguesChangedSince.map(catalogueLabel).join(', ')}. Ein Neuaufbau übernimmt die neue Version.</p>
      )}
    </>
  );
}

/** The KPI tables' generations: which one serves, since when, how far it has read the event log. */
export function ProjectionTable({ projections }: { projections: readonly ProjectionState[] }) {
  return (
    <table className="projections">
      <caption>Projektionen und ihre aktuelle Generation</caption>
      <thead>
        <tr>
          <th scope="col">Projektion</th>
          <th scope="col">Aktuelle Generation</th>
          <th scope="col">Zustand</th>
          <th scope="col">Gelesen bis</th>
          <th scope="col">Gebaut mit den Katalogen</th>
        </tr>
      </thead>
      <tbody>
        {projections.map((projection) => {
          const state = stateOf(projection);
          return (
            <tr key={projection.projection} data-projection={projection.projection}>
              <th scope="row">
                {projectionLabel(projection.projection)} <code className="technical">{projection.projection}</code>
              </th>
              <td>
                {projection.generation === null ? '–' : `Generation ${projection.generation}`}
                {projection.activatedAt && <span className="detail">aktiv seit {formatTimestamp(projection.activatedAt)}</span>}
              </td>
              <td>
                <span className={`light ${state.tone}`} aria-hidden="true">
                  {state.symbol}
                </span>{' '}
                {state.label}
              </td>
              <td>
                {projection.readUpTo === null ? '–' : `Ereignis Nr. ${formatNumber(Number(projection.readUpTo))}`}
                {projection.lastReadAt && <span className="detail">zuletzt gelesen {formatTimestamp(projection.lastReadAt)}</span>}
              </td>
              <td>
                <Catalogues projection={projection} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
