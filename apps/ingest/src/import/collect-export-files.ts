import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EXPORT_SOURCES, parseExportFileName } from '@jugendamt/domain';

/**
 * The files named on the command line, folders expanded, in observation order: a night's
 * files before the next night's, so each snapshot is diffed against the one before it.
 * Files whose name cannot be read come last; their import reports why.
 */
export async function collectExportFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      for (const entry of await readdir(path, { withFileTypes: true })) {
        if (entry.isFile() && entry.name.toLowerCase().endsWith('.csv')) files.push(join(path, entry.name));
      }
    } else {
      files.push(path);
    }
  }
  return files.map((file) => ({ file, key: orderKey(file) })).sort((a, b) => a.key.localeCompare(b.key)).map((f) => f.file);
}

function orderKey(file: string): string {
  const name = parseExportFileName(file);
  if (!name.ok) return `~${file}`;
  return `${name.value.observedAt.toISOString()} ${EXPORT_SOURCES.indexOf(name.value.source)} ${file}`;
}
