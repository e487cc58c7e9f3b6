import { constants, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EXPORT_SOURCES, parseExportFileName } from '@jugendamt/domain';

/** A named path the import cannot read: missing, not a regular file, or not permitted. */
export class UnreadableInput extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot import ${path}: ${reason}`);
  }
}

/**
 * The files named on the command line, folders expanded, in observation order: a night's
 * files before the next night's, so each snapshot is diffed against the one before it.
 * Files whose name cannot be read come last; their import reports why. Every file is checked
 * before the first is imported: a typo in one path stops the run before anything changes.
 */
export async function collectExportFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw new UnreadableInput(path, reasonOf(error));
    });
    if (info.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true }).catch((error: unknown) => {
        throw new UnreadableInput(path, reasonOf(error));
      });
      for (const entry of entries) {
        if (!entry.isDirectory() && entry.name.toLowerCase().endsWith('.csv')) files.push(join(path, entry.name));
      }
    } else {
      files.push(path);
    }
  }
  for (const file of files) await readableFileSize(file);
  return files
    .map((file) => ({ file, key: orderKey(file) }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((f) => f.file);
}

/**
 * The size of a regular file this process may read, or why not. Opened without blocking: a
 * named pipe would otherwise wait for a writer for ever, and a device would be read endlessly.
 */
export async function readableFileSize(path: string): Promise<number> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UnreadableInput(path, reasonOf(error));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UnreadableInput(path, `not a regular file but ${kindOf(info)}`);
    return info.size;
  } finally {
    await handle.close();
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EISDIR: 'a folder',
};

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && REASONS[code]) || (error as Error).message;
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'no file';
}

function orderKey(file: string): string {
  const name = parseExportFileName(file);
  if (!name.ok) return `~${file}`;
  return `${name.value.observedAt.toISOString()} ${EXPORT_SOURCES.indexOf(name.value.source)} ${file}`;
}
