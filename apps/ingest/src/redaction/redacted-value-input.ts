import { readFile } from 'node:fs/promises';
import { UsageError } from '../console/cli-failure.js';

/** The longest label an export may bring (the reader's shape limit of a code or name column). */
const LONGEST_LABEL = 200;

/**
 * The value to erase, from a file or from standard input, never from the command line: there it
 * would stay in the shell's history and be readable in every process list. Typed at a terminal
 * it is not echoed. One line break at its end (from `echo` or an editor) is not part of it.
 */
export async function readRedactedValue(valueFile: string | undefined, stdin: NodeJS.ReadStream = process.stdin, prompt: NodeJS.WritableStream = process.stderr): Promise<string> {
  const raw = valueFile !== undefined ? await readFile(valueFile, 'utf8') : stdin.isTTY ? await typedUnseen(stdin, prompt) : await everything(stdin);
  return checkedValue(raw.replace(/\r?\n$/, ''));
}

export function checkedValue(value: string): string {
  if (value.trim() === '') throw new UsageError('no value to redact: give it on standard input or with --value-file');
  if (/[\r\n]/.test(value)) throw new UsageError('the value to redact is one line: a stored label holds no line break');
  if (value.length > LONGEST_LABEL) throw new UsageError(`the value to redact is longer than any stored label (${LONGEST_LABEL} characters)`);
  if (value.trim().length < 2) throw new UsageError('the value to redact has fewer than 2 characters: too short to be told from parts of other values');
  return value;
}

async function everything(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function typedUnseen(stdin: NodeJS.ReadStream, prompt: NodeJS.WritableStream): Promise<string> {
  prompt.write('Zu löschender Wert (wird nicht angezeigt), Eingabe beenden mit Enter: ');
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let typed = '';
  return new Promise((resolve, reject) => {
    const done = (outcome: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      prompt.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(() => resolve(typed));
        if (char === '\u0003' || char === '\u0004') return done(() => reject(new UsageError('no value typed: nothing redacted')));
        typed = char === '\u007f' || char === '\b' ? [...typed].slice(0, -1).join('') : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}
