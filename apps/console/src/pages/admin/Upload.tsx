/** Placeholder until the page is built (issue 18). */
export default function Upload() {
  return (
    <>
      <h1>Exporte hochladen</h1>
      <p>Diese Seite wird gerade gebaut.</p>
    </>
  );
}
