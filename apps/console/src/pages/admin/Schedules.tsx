/** Placeholder until the page is built (issue 18). */
export default function Schedules() {
  return (
    <>
      <h1>Zeitpläne</h1>
      <p>Diese Seite wird gerade gebaut.</p>
    </>
  );
}
