/** Placeholder until the page is built (issue 18). */
export default function Jobs() {
  return (
    <>
      <h1>Aufträge</h1>
      <p>Diese Seite wird gerade gebaut.</p>
    </>
  );
}
