import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatNumber } from '../../../format/german';
import { isSettled } from './job-types';
import { ImportLink, OtherImports } from './ImportVerdicts';
import { JobProgressBar } from './JobProgressBar';
import { JobStateText } from './JobStateText';
import { verdictSentence } from './job-verdict';
import { useJobProgress } from './useJobProgress';
import type { Upload } from './useUploads';

/** The job an upload started, watched until its verdict; the verdict is read out politely. */
function UploadedJob({ upload }: { upload: Upload & { answer: NonNullable<Upload['answer']> } }) {
  const view = useJobProgress(upload.answer.job.id, upload.answer.job);
  const { job } = view;
  const settled = job && isSettled(job.state);
  const own = job?.result?.imports.find((i) => i.file === upload.answer.file);
  return (
    <>
      <p className="upload-step">Einlesen: {job && <JobStateText job={job} />}</p>
      <JobProgressBar view={view} name={upload.answer.file} />
      <ErrorAlert message={view.error} />
      {/* Present from the start, so that screen readers announce the verdict when it fills in. */}
      <p role="status" className={job?.state === 'failed' ? 'upload-verdict error' : 'upload-verdict'}>
        {settled ? verdictSentence(job, upload.answer.file) : ''}
      </p>
      {own && (
        <p className="upload-step">
          <ImportLink importId={own.importId} file={own.file} />
        </p>
      )}
      {settled && <OtherImports job={job} file={upload.answer.file} />}
    </>
  );
}

/** One chosen file: refused by its name, going up, refused by the server, or being imported. */
export function UploadItem({ upload }: { upload: Upload }) {
  const { answer } = upload;
  return (
    <li className="upload">
      <h3>{upload.name}</h3>
      {upload.refusal ? (
        <p role="alert" className="error">
          Nicht hochgeladen: {upload.refusal}
        </p>
      ) : (
        <>
          <div className="job-progress">
            <progress max={upload.bytes || 1} value={upload.bytes ? upload.sent : answer ? 1 : 0} aria-label={`Hochladen von ${upload.name}`} />
            <span className="job-progress-figures">
              Hochgeladen: {formatNumber(upload.sent / 1024, 1)} von {formatNumber(upload.bytes / 1024, 1)} KB
            </span>
          </div>
          <ErrorAlert message={upload.error} />
          {answer && <UploadedJob upload={{ ...upload, answer }} />}
        </>
      )}
    </li>
  );
}
