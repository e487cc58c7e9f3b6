/** The year asked and the Stand (as known on a day) of a page that shows one year's figures. */
export function YearAndStandFields(props: { yearLabel: string; year: number; onYear: (year: number) => void; asOf: string; onAsOf: (asOf: string) => void }) {
  return (
    <>
      <label>
        {props.yearLabel}
        <input type="number" min={1990} max={2100} value={props.year} onChange={(event) => props.onYear(Number(event.target.value))} />
      </label>
      <label>
        Stand (bekannt am)
        <input type="date" value={props.asOf} onChange={(event) => props.onAsOf(event.target.value)} />
      </label>
    </>
  );
}
