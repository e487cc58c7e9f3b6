import { JOB_STATE } from '../../../format/job-states';
import { sourceLabel } from '../../../format/sources';
import { cronMeaning } from './cron-meaning';
import { formatRunTime } from './run-time';
import type { SourceSchedule, StoredSchedule } from './schedule-types';

export interface ScheduleActions {
  edit(source: string): void;
  pause(source: string): void;
  resume(source: string): void;
  remove(source: string): void;
}

/** The button that opens a source's form: focus returns to it when the form closes. */
export function editButtonId(source: string): string {
  return `zeitplan-bearbeiten-${source}`;
}

/** State in words with a symbol, never by colour alone (symbols the system fonts of an office have). */
function stateOf(schedule: StoredSchedule | undefined) {
  if (!schedule) return { symbol: '–', tone: 'none', label: 'kein Zeitplan' };
  return schedule.paused ? { symbol: '‖', tone: 'wait', label: 'pausiert' } : { symbol: '✓', tone: 'ok', label: 'aktiv' };
}

function ScheduleCells({ schedule }: { schedule: StoredSchedule }) {
  const meaning = cronMeaning(schedule.cron);
  return (
    <>
      <td className="cron-cell">
        {meaning && <span className="cron-meaning">{meaning}</span>}
        <code className="cron">{schedule.cron}</code>
      </td>
      <td>{schedule.timeZone}</td>
      <td>
        {schedule.nextRuns.length === 0 ? (
          'keine, solange pausiert'
        ) : (
          <ol className="plain runs">
            {schedule.nextRuns.map((run) => (
              <li key={run}>{formatRunTime(run, schedule.timeZone)}</li>
            ))}
          </ol>
        )}
      </td>
      <td>{schedule.lastRun ? `${formatRunTime(schedule.lastRun.at, schedule.timeZone)}, ${JOB_STATE[schedule.lastRun.state].label}` : 'nicht bekannt'}</td>
    </>
  );
}

/** Every source in one row: when its exports are read in, and what the administrator can do about it. */
export function ScheduleTable({ rows, actions }: { rows: readonly SourceSchedule[]; actions: ScheduleActions }) {
  return (
    <div className="table-scroll">
      <table className="schedules">
        <caption>Zeitpläne der Exporte</caption>
        <thead>
          <tr>
            <th scope="col">Quelle</th>
            <th scope="col">Zustand</th>
            <th scope="col">Zeitplan</th>
            <th scope="col">Zeitzone</th>
            <th scope="col">Nächste Läufe</th>
            <th scope="col">Letzter Lauf</th>
            <th scope="col">Aktionen</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ source, schedule }) => {
            const state = stateOf(schedule);
            const label = sourceLabel(source);
            return (
              <tr key={source} data-source={source}>
                <th scope="row">{label}</th>
                <td>
                  <span className={`light ${state.tone}`} aria-hidden="true">
                    {state.symbol}
                  </span>{' '}
                  {state.label}
                </td>
                {schedule ? <ScheduleCells schedule={schedule} /> : <td colSpan={4}>Die Exporte werden nicht automatisch eingelesen.</td>}
                <td>
                  <div className="row-actions">
                    <button type="button" id={editButtonId(source)} className="secondary" aria-label={`${schedule ? 'Bearbeiten' : 'Zeitplan anlegen'}: ${label}`} onClick={() => actions.edit(source)}>
                      {schedule ? 'Bearbeiten' : 'Zeitplan anlegen'}
                    </button>
                    {schedule && (
                      <>
                        <button
                          type="button"
                          className="secondary"
                          aria-label={`${schedule.paused ? 'Fortsetzen' : 'Pausieren'}: ${label}`}
                          onClick={() => (schedule.paused ? actions.resume(source) : actions.pause(source))}
                        >
                          {schedule.paused ? 'Fortsetzen' : 'Pausieren'}
                        </button>
                        <button type="button" className="secondary" aria-label={`Löschen: ${label}`} onClick={() => actions.remove(source)}>
                          Löschen
                        </button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
