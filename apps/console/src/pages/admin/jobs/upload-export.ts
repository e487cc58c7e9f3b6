import { csrfHeader, messageOf } from '../../../api/session';
import type { UploadAnswer } from './job-types';

/** Bytes sent so far, for the upload's progress bar. */
export type UploadProgress = (sent: number, total: number) => void;

/** The server's refusals an administrator can act on, said plainly; others as the API words them. */
async function refusalOf(status: number, body: string, fileName: string): Promise<string> {
  if (status === 409) return `${fileName} liegt schon im Eingang und wartet auf seinen Import.`;
  if (status === 413) return `${fileName} ist größer, als der Server Hochladungen annimmt (Einstellung UPLOAD_MAX_BYTES).`;
  return messageOf(new Response(body, { status }));
}

/**
 * Puts an export file into the inbox (`PUT /api/v1/admin/inbox/{fileName}`), as it was
 * exported; the answer names the job that imports it. XMLHttpRequest rather than fetch: only
 * it reports the bytes sent while a large file goes up.
 */
export function uploadExport(file: File, onProgress: UploadProgress): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', `/api/v1/admin/inbox/${encodeURIComponent(file.name)}`);
    request.withCredentials = true;
    // Whatever type the browser guesses for a .csv (Excel's, on many office PCs), the file goes as bytes.
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    for (const [name, value] of Object.entries(csrfHeader())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => {
      if (request.status === 202) {
        const answer: UploadAnswer = JSON.parse(request.responseText);
        resolve(answer);
      } else {
        refusalOf(request.status, request.responseText, file.name).then((message) => reject(new Error(message)));
      }
    };
    request.onerror = () => reject(new Error(`Die Verbindung zum Server ist beim Hochladen von ${file.name} abgebrochen.`));
    request.send(file);
  });
}
