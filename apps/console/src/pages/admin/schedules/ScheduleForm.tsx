import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { sourceLabel } from '../../../format/sources';
import { cronMeaning } from './cron-meaning';
import type { StoredSchedule } from './schedule-types';

/** The exports arrive in the night (their names say 02:15); half past two reads them in. */
const SUGGESTED_CRON = '30 2 * * *';
const OFFICE_TIME_ZONE = 'Europe/Berlin';
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/**
 * Creates or changes a source's schedule. Whether the expression is valid the API decides (it
 * reads it with the queue's own cron library); its refusal is shown here, naming the field.
 */
export function ScheduleForm({ source, schedule, onSaved, onCancel }: { source: string; schedule: StoredSchedule | undefined; onSaved: () => void; onCancel: () => void }) {
  const [cron, setCron] = useState(schedule?.cron ?? SUGGESTED_CRON);
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? OFFICE_TIME_ZONE);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const cronField = useRef<HTMLInputElement>(null);
  useEffect(() => cronField.current?.focus(), [source]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(undefined);
    api
      .PUT('/api/v1/admin/schedules/{source}', { params: { path: { source } }, body: { cron: cron.trim(), timeZone: timeZone.trim(), paused: schedule?.paused ?? false } })
      .then(onSaved, (failure: Error) => {
        setError(`Der Zeitplan wurde nicht gespeichert. ${failure.message}`);
        cronField.current?.focus();
      })
      .finally(() => setSaving(false));
  };

  const meaning = cronMeaning(cron);
  const title = `${schedule ? 'Zeitplan bearbeiten' : 'Zeitplan anlegen'}: ${sourceLabel(source)}`;
  return (
    <section aria-labelledby="zeitplan-formular" className="schedule-form">
      <h2 id="zeitplan-formular">{title}</h2>
      <form onSubmit={save} onKeyDown={(event) => event.key === 'Escape' && onCancel()} noValidate>
        <div className="field">
          <label htmlFor="zeitplan-cron">Cron-Ausdruck</label>
          <input
            id="zeitplan-cron"
            ref={cronField}
            value={cron}
            onChange={(event) => setCron(event.target.value)}
            required
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby="zeitplan-cron-hinweis zeitplan-cron-bedeutung zeitplan-fehler"
          />
          <p id="zeitplan-cron-hinweis" className="hint">
            Fünf Felder: Minute, Stunde, Tag, Monat, Wochentag. „30 2 * * *“ liest die Exporte täglich um 02:30 ein, „0 5 * * 1-5“ montags bis freitags um 05:00.
          </p>
          <p id="zeitplan-cron-bedeutung" className="hint">
            Bedeutung: {meaning ?? 'keine einfache Beschreibung; die nächsten Läufe zeigt die Tabelle nach dem Speichern.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="zeitplan-zeitzone">Zeitzone</label>
          <input id="zeitplan-zeitzone" list="zeitplan-zeitzonen" value={timeZone} onChange={(event) => setTimeZone(event.target.value)} required spellCheck={false} autoComplete="off" />
          <datalist id="zeitplan-zeitzonen">
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
        <div id="zeitplan-fehler">
          <ErrorAlert message={error} />
        </div>
        <div className="form-buttons">
          <button type="submit" aria-disabled={saving}>
            Speichern
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Abbrechen
          </button>
        </div>
      </form>
    </section>
  );
}
