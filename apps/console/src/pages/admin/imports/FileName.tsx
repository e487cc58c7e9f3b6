import { Fragment } from 'react';
import { Link } from 'react-router';

/** An export's file name that may break after its underscores, not anywhere: the tables stay beside the navigation. */
export function FileName({ name }: { name: string }) {
  const parts = name.split('_');
  return (
    <>
      {parts.map((part, at) => (
        <Fragment key={at}>
          {part}
          {at < parts.length - 1 && (
            <>
              _<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}

/** The row header of an import in a table: its file name, leading to the import's own page. */
export function ImportFileHeader({ importId, file }: { importId: string; file: string }) {
  return (
    <th scope="row">
      <Link to={importId}>
        <FileName name={file} />
      </Link>
    </th>
  );
}
