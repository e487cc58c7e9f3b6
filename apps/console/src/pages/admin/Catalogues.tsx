/** Placeholder until the page is built (issue 18). */
export default function Catalogues() {
  return (
    <>
      <h1>Kataloge</h1>
      <p>Diese Seite wird gerade gebaut.</p>
    </>
  );
}
