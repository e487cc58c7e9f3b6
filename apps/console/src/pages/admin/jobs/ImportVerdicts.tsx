import { Link } from 'react-router';
import type { JobView } from './job-types';
import { importSentence } from './job-verdict';

/** A link to an import's page, where its report of findings is. */
export function ImportLink({ importId, file }: { importId: string; file: string }) {
  return <Link to={`/verwaltung/importe/${importId}`}>Import {file} ansehen</Link>;
}

/**
 * The imports a job made besides its own file's: a job for one file first imports the older
 * files of its source that still wait, so that nights apply in order.
 */
export function OtherImports({ job, file }: { job: JobView; file: string }) {
  const others = job.result?.imports.filter((i) => i.file !== file) ?? [];
  if (others.length === 0) return null;
  return (
    <>
      <p className="upload-step">Vorher eingelesen, weil sie älter sind und noch warteten:</p>
      <ul className="plain import-verdicts">
        {others.map((i) => (
          <li key={i.importId}>
            {importSentence(i)} – <ImportLink importId={i.importId} file={i.file} />
          </li>
        ))}
      </ul>
    </>
  );
}
