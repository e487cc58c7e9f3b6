import { useCallback, useRef, useState } from 'react';
import { exportNameProblem } from './export-file-name';
import type { UploadAnswer } from './job-types';
import { uploadExport } from './upload-export';

/** One file the administrator chose, from the name check through the upload to its job. */
export interface Upload {
  readonly key: number;
  readonly name: string;
  readonly bytes: number;
  /** Why it was not sent: its name cannot be an export's. */
  readonly refusal?: string;
  readonly sent: number;
  /** Why the server did not take it. */
  readonly error?: string;
  readonly answer?: UploadAnswer;
}

/**
 * The files chosen on the page and where each stands. Uploads go one after the other: files
 * of one source then arrive in the order chosen, and one large file does not share the line.
 */
export function useUploads(): { readonly uploads: readonly Upload[]; readonly add: (files: readonly File[]) => void } {
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const nextKey = useRef(1);
  const line = useRef<Promise<void>>(Promise.resolve());

  const add = useCallback((files: readonly File[]) => {
    const chosen = files.map((file) => ({ file, upload: { key: nextKey.current++, name: file.name, bytes: file.size, refusal: exportNameProblem(file.name), sent: 0 } }));
    setUploads((all) => [...chosen.map((c) => c.upload), ...all]);
    const change = (key: number, patch: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...patch } : u)));
    for (const { file, upload } of chosen) {
      if (upload.refusal) continue;
      line.current = line.current.then(() =>
        uploadExport(file, (sent) => change(upload.key, { sent })).then(
          (answer) => change(upload.key, { answer, sent: file.size }),
          (failure: Error) => change(upload.key, { error: failure.message }),
        ),
      );
    }
  }, []);

  return { uploads, add };
}
