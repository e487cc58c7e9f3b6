import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTimestamp } from '../../format/german';
import { JobRow } from './jobs/JobRow';
import type { JobState, JobView } from './jobs/job-types';
import { JOB_STATE } from '../../format/job-states';
import { JOB_KIND, subjectOf } from './jobs/job-words';

const STATES = Object.keys(JOB_STATE) as JobState[];

function stateOf(search: URLSearchParams): JobState | undefined {
  const state = search.get('state');
  return STATES.find((s) => s === state);
}

interface Listing {
  /** The filter it answers: until the list for a new one is there, the old one stays, marked busy. */
  readonly state: JobState | undefined;
  readonly runner: 'bullmq' | 'in-process';
  readonly jobs: readonly JobView[];
  readonly asOf: string;
}

/** The import queue: every job, newest first, what it did or why it failed; a failed one can run again. */
export default function Jobs() {
  const [search, setSearch] = useSearchParams();
  const state = stateOf(search);
  const [listing, setListing] = useState<Listing>();
  const [error, setError] = useState<string>();
  const [retried, setRetried] = useState<string>();
  const [retrying, setRetrying] = useState<string>();

  // Answers may overtake each other when the filter changes quickly: only the latest question's counts.
  const latest = useRef(0);
  const load = useCallback(() => {
    const asked = ++latest.current;
    api.GET('/api/v1/admin/jobs', { params: { query: { state, limit: 100 } } }).then(
      ({ data }) => {
        if (asked !== latest.current) return;
        if (data) setListing({ ...data, state, asOf: new Date().toISOString() });
        setError(undefined);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [state]);

  useEffect(() => {
    document.title = 'Aufträge – Jugendamt Controlling';
    load();
  }, [load]);

  const retry = (job: JobView) => {
    setRetrying(job.id);
    setRetried(undefined);
    api
      .POST('/api/v1/admin/jobs/{jobId}/retry', { params: { path: { jobId: job.id } } })
      .then(
        ({ data }) => {
          if (data) setRetried(`Der Auftrag „${JOB_KIND[job.job.kind]}: ${subjectOf(job.job).text}“ wird erneut ausgeführt (Zustand: ${JOB_STATE[data.state].label}).`);
          setError(undefined);
          load();
        },
        (failure: Error) => setError(failure.message),
      )
      .finally(() => setRetrying(undefined));
  };

  return (
    <>
      <h1>Aufträge</h1>
      {listing && (
        <p className="stand">
          Stand: {formatTimestamp(listing.asOf)} · Die Aufträge führt {listing.runner === 'bullmq' ? 'BullMQ mit eigenen Worker-Prozessen' : 'die API in ihrem eigenen Prozess'} aus.
        </p>
      )}
      <div className="filters">
        <label>
          Zustand
          <select value={state ?? ''} onChange={(event) => setSearch(event.target.value ? { state: event.target.value } : {}, { replace: true })}>
            <option value="">alle</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {JOB_STATE[s].label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={load}>
          Aktualisieren
        </button>
      </div>
      <ErrorAlert message={error} />
      <p role="status" className="loading-note">
        {retried ?? ''}
      </p>
      {listing && (
        <div className="table-scroll jobs-list" aria-busy={listing.state !== state}>
          <table className="jobs">
            <caption>{listing.state ? `Aufträge im Zustand „${JOB_STATE[listing.state].label}“, neueste zuerst` : 'Alle Aufträge, neueste zuerst'}</caption>
            <thead>
              <tr>
                <th scope="col">Auftrag</th>
                <th scope="col">Zustand</th>
                <th scope="col">Begonnen</th>
                <th scope="col">Beendet</th>
                <th scope="col">Dauer</th>
                <th scope="col">Versuche</th>
                <th scope="col">Ergebnis oder Fehlergrund</th>
              </tr>
            </thead>
            <tbody>
              {listing.jobs.map((job) => (
                <JobRow key={job.id} job={job} retrying={retrying === job.id} onRetry={retry} onSettled={load} />
              ))}
              {listing.jobs.length === 0 && (
                <tr>
                  <td colSpan={7}>Keine Aufträge{listing.state ? ' in diesem Zustand' : ''}.</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
