import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ConfirmationDialog } from '../../components/ConfirmationDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTimestamp } from '../../format/german';
import { LastRebuild } from './projections/LastRebuild';
import { ProjectionTable } from './projections/ProjectionTable';
import type { ProjectionList } from './projections/projection-types';
import { runningRebuildOf, stepOf, watchOf, type WatchedRebuild } from './projections/rebuild-watch';

/** A rebuild of the sample office takes seconds, of a large one minutes: a look each second is enough. */
const POLL_MS = 1_000;

/** The KPI tables' generations, and their rebuild from the whole event log. */
export default function Projections() {
  const [answer, setAnswer] = useState<ProjectionList>();
  const [asOf, setAsOf] = useState<string>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState('');
  const [asking, setAsking] = useState(false);
  const [watched, setWatched] = useState<WatchedRebuild>();

  const load = useCallback(
    () =>
      api.GET('/api/v1/admin/projections').then(({ data }) => {
        setAnswer(data);
        setAsOf(new Date().toISOString());
        return data!;
      }),
    [],
  );
  useEffect(() => {
    document.title = 'Projektionen – Jugendamt Controlling';
    load().then(
      (first) => setWatched(runningRebuildOf(first)),
      (failure: Error) => setError(failure.message),
    );
  }, [load]);

  // While a rebuild runs, the page asks again until its new generations serve (or it failed).
  useEffect(() => {
    if (!watched) return;
    let timer: ReturnType<typeof setTimeout>;
    let current = true;
    const look = () =>
      load().then(
        (latest) => {
          if (!current) return;
          const step = stepOf(watched, latest);
          if (step.done) {
            setWatched(undefined);
            setStatus(step.failed ? '' : step.outcome);
            if (step.failed) setError(step.outcome);
          } else {
            setStatus(step.progress);
            timer = setTimeout(look, POLL_MS);
          }
        },
        (failure: Error) => current && setError(failure.message),
      );
    timer = setTimeout(look, POLL_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [watched, load]);

  const rebuild = () => {
    setAsking(false);
    if (!answer || watched) return;
    setError(undefined);
    setStatus('Der Neuaufbau wird angestoßen …');
    api.POST('/api/v1/admin/projections/rebuild', { body: {} }).then(
      ({ data }) => setWatched(watchOf(data!.id, answer)),
      (failure: Error) => {
        setStatus('');
        setError(failure.message);
      },
    );
  };

  return (
    <>
      <h1>Projektionen</h1>
      <p className="definition">
        Die Kennzahlen lesen aus Projektionen: Tabellen, die aus den Ereignissen der eingelesenen Exporte gebaut werden. Jede Projektion lebt in Generationen; ein Neuaufbau baut eine neue Generation
        aus allen Ereignissen, etwa nachdem ein Katalog geändert wurde.
      </p>
      {asOf && <p className="stand">Stand: {formatTimestamp(asOf)}</p>}
      <ErrorAlert message={error} />
      <p role="status" className="loading-note">
        {status}
      </p>
      {answer && (
        <>
          <ProjectionTable projections={answer.projections} />
          <p>
            <button type="button" aria-disabled={watched !== undefined} onClick={() => !watched && setAsking(true)}>
              Neu aufbauen
            </button>
            {watched && ' Ein Neuaufbau läuft gerade.'}
          </p>
          <LastRebuild job={answer.lastRebuild} />
        </>
      )}
      <ConfirmationDialog open={asking} title="Alle Projektionen neu aufbauen?" confirmLabel="Neu aufbauen" onCancel={() => setAsking(false)} onConfirm={rebuild}>
        <p>Für jede Projektion wird aus allen Ereignissen eine neue Generation aufgebaut.</p>
        <p>Bis sie vollständig ist, beantwortet die aktuelle Generation weiter alle Anfragen; danach übernimmt die neue. Die Kennzahlen bleiben dabei abrufbar.</p>
      </ConfirmationDialog>
    </>
  );
}
