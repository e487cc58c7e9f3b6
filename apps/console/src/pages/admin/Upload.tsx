import { useEffect } from 'react';
import { Link } from 'react-router';
import { DropZone } from './jobs/DropZone';
import { UploadItem } from './jobs/UploadItem';
import { useUploads } from './jobs/useUploads';

/**
 * Export files for offices without a shared inbox folder: chosen or dropped here, checked by
 * name, uploaded, and imported at once; each file's job is followed to its verdict.
 */
export default function Upload() {
  const { uploads, add } = useUploads();
  useEffect(() => {
    document.title = 'Exporte hochladen – Jugendamt Controlling';
  }, []);
  return (
    <>
      <h1>Exporte hochladen</h1>
      <p className="definition">
        Jede hochgeladene Datei wird sofort eingelesen. Alle Aufträge, auch die aus dem Eingangsordner und den Zeitplänen, stehen unter <Link to="/verwaltung/auftraege">Aufträge</Link>.
      </p>
      <DropZone onFiles={add} />
      {uploads.length > 0 && (
        <section aria-labelledby="hochgeladen">
          <h2 id="hochgeladen">Ausgewählte Dateien</h2>
          <ul className="uploads">
            {uploads.map((upload) => (
              <UploadItem key={upload.key} upload={upload} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
