/** Placeholder until the page is built (issue 18). */
export default function Projections() {
  return (
    <>
      <h1>Projektionen</h1>
      <p>Diese Seite wird gerade gebaut.</p>
    </>
  );
}
