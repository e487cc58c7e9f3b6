/**
 * In `--json` mode stdout carries one JSON document and nothing else: a script pipes it into a
 * parser. Whatever else would go there (a library's notice, a stray log line) is sent to stderr;
 * the document alone is written through the stream's own write.
 */
export function reserveStdoutForJson(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): (document: unknown) => void {
  const write = stdout.write.bind(stdout);
  stdout.write = stderr.write.bind(stderr) as typeof stdout.write;
  let written = false;
  return (document) => {
    if (written) return;
    written = true;
    write(`${JSON.stringify(document, null, 2)}\n`);
  };
}
