import { Fragment } from 'react';

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
