import { formatTimestamp } from '../format/german';

/** "Stand": what the figures rest on, as users of official statistics expect to read it. */
export function Stand({ asOf, observed }: { asOf?: string | undefined; observed?: readonly { source: string; observedAt: string | null }[] }) {
  return (
    <p className="stand">
      Stand: {asOf ? `bekannt am ${formatTimestamp(asOf)}` : 'alle bisher eingelesenen Exporte'}
      {observed && observed.length > 0 && (
        <>
          {' '}
          (
          {observed.map((entry, at) => (
            <span key={entry.source}>
              {at > 0 && ', '}
              {entry.source}: {formatTimestamp(entry.observedAt)}
            </span>
          ))}
          )
        </>
      )}
    </p>
  );
}
