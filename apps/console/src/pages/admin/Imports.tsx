/** Placeholder until the page is built (issue 18). */
export default function Imports() {
  return (
    <>
      <h1>Importe</h1>
      <p>Diese Seite wird gerade gebaut.</p>
    </>
  );
}
