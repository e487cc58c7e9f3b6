import { UnreadableInput, faultLine, isTransientFault } from '@jugendamt/ingest-pipeline';
import { EXIT } from './exit-codes.js';

/** A wrong option, argument or setting: the operator's to fix. */
export class UsageError extends Error {}

export interface CliFailure {
  readonly exitCode: typeof EXIT.inputError | typeof EXIT.infrastructure;
  /** One line: what happened, never a stack, a row or a personal value. */
  readonly message: string;
}

/** File-system faults outside the named inputs (those are checked first): the data folder, a full or broken disk. */
const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EMFILE', 'ENFILE', 'EACCES', 'EPERM']);
const ROLLED_BACK = 'files imported before stay imported, the file in progress was rolled back';

/** Sorts what stopped the CLI into input errors (2) and faults of the database, the disk or the program (3). */
export function failureOf(error: unknown): CliFailure {
  if (error instanceof UnreadableInput || error instanceof UsageError || isParseArgsError(error)) {
    return { exitCode: EXIT.inputError, message: oneLine((error as Error).message) };
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && DISK_CODES.has(code)) return { exitCode: EXIT.infrastructure, message: oneLine(`disk fault: ${faultLine(error)}; ${ROLLED_BACK}`) };
  if (isTransientFault(error)) return { exitCode: EXIT.infrastructure, message: oneLine(`database unavailable: ${faultLine(error)}; ${ROLLED_BACK}`) };
  if (isDatabaseError(error)) return { exitCode: EXIT.infrastructure, message: oneLine(`database error: ${faultLine(error)}; ${ROLLED_BACK}`) };
  return { exitCode: EXIT.infrastructure, message: oneLine(`import stopped by an unexpected fault: ${faultLine(error)}; ${ROLLED_BACK}`) };
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** PostgreSQL reports errors with a five-character SQLSTATE. */
function isDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && (error as { severity?: unknown }).severity !== undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
