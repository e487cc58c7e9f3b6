import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ConfirmationDialog } from '../../components/ConfirmationDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTimestamp } from '../../format/german';
import { SOURCE_LABELS, sourceLabel } from '../../format/sources';
import { ScheduleForm } from './schedules/ScheduleForm';
import { editButtonId, ScheduleTable, type ScheduleActions } from './schedules/ScheduleTable';
import type { SourceSchedule } from './schedules/schedule-types';

/** Focus goes back to the source's row when its form closes or its delete button is gone. */
function focusEditButton(source: string) {
  requestAnimationFrame(() => document.getElementById(editButtonId(source))?.focus());
}

/** When each source's nightly exports are read in: the schedules of the import queue. */
export default function Schedules() {
  const [rows, setRows] = useState<readonly SourceSchedule[]>();
  const [asOf, setAsOf] = useState<string>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState<string>();
  const [deleting, setDeleting] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      api.GET('/api/v1/admin/schedules').then(({ data }) => {
        setRows(Object.keys(SOURCE_LABELS).map((source) => ({ source, schedule: data!.schedules.find((s) => s.source === source) })));
        setAsOf(new Date().toISOString());
      }),
    [],
  );
  useEffect(() => {
    document.title = 'Zeitpläne – Jugendamt Controlling';
    load().catch((failure: Error) => setError(failure.message));
  }, [load]);

  /** One change at a time; the table is read again afterwards, so it shows what the API keeps. */
  const change = (request: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    request()
      .then(load)
      .then(() => setNotice(done))
      .catch((failure: Error) => setError(failure.message))
      .finally(() => setBusy(false));
  };
  const path = (source: string) => ({ params: { path: { source } } });
  const actions: ScheduleActions = {
    edit: (source) => {
      setNotice('');
      setEditing(source);
    },
    pause: (source) => change(() => api.POST('/api/v1/admin/schedules/{source}/pause', path(source)), `Der Zeitplan für ${sourceLabel(source)} ist pausiert.`),
    resume: (source) => change(() => api.POST('/api/v1/admin/schedules/{source}/resume', path(source)), `Der Zeitplan für ${sourceLabel(source)} läuft wieder.`),
    remove: setDeleting,
  };
  const confirmDelete = (source: string) => {
    setDeleting(undefined);
    if (editing === source) setEditing(undefined);
    change(() => api.DELETE('/api/v1/admin/schedules/{source}', path(source)), `Der Zeitplan für ${sourceLabel(source)} ist gelöscht.`);
    focusEditButton(source);
  };
  const closeForm = (source: string) => {
    setEditing(undefined);
    focusEditButton(source);
  };

  return (
    <>
      <h1>Zeitpläne</h1>
      <p className="definition">
        Wann die nächtlichen Exporte jeder Quelle automatisch eingelesen werden. Die Zeiten gelten in der Zeitzone des Zeitplans; ein pausierter Zeitplan bleibt gespeichert.
      </p>
      {asOf && <p className="stand">Stand: {formatTimestamp(asOf)}</p>}
      <ErrorAlert message={error} />
      <p role="status" className="loading-note">
        {notice}
      </p>
      {rows && <ScheduleTable rows={rows} actions={actions} />}
      {editing && rows && (
        <ScheduleForm
          key={editing}
          source={editing}
          schedule={rows.find((row) => row.source === editing)?.schedule}
          onCancel={() => closeForm(editing)}
          onSaved={() =>
            load().then(
              () => {
                setNotice(`Der Zeitplan für ${sourceLabel(editing)} ist gespeichert.`);
                closeForm(editing);
              },
              (failure: Error) => setError(failure.message),
            )
          }
        />
      )}
      <ConfirmationDialog
        open={deleting !== undefined}
        title="Zeitplan löschen?"
        confirmLabel="Zeitplan löschen"
        onCancel={() => setDeleting(undefined)}
        onConfirm={() => deleting && confirmDelete(deleting)}
      >
        <p>Die Exporte von {deleting && sourceLabel(deleting)} werden nicht mehr automatisch eingelesen.</p>
        <p>Sie lassen sich weiter von Hand einlesen oder hochladen, und ein neuer Zeitplan lässt sich jederzeit anlegen.</p>
      </ConfirmationDialog>
    </>
  );
}
