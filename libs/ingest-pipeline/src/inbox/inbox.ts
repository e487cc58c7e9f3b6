import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseExportFileName, type ExportSource } from '@jugendamt/domain';
import type { ImportStatus } from '../import/finding.js';

/** Where a file goes once its import has a verdict, so the inbox holds only what waits. */
export type InboxShelf = 'done' | 'held' | 'rejected';

export const SHELF_OF_STATUS: Record<ImportStatus, InboxShelf> = {
  applied: 'done',
  duplicate: 'done',
  stale: 'done',
  held: 'held',
  rejected: 'rejected',
};

export interface InboxFile {
  readonly name: string;
  readonly path: string;
  readonly source: ExportSource;
  readonly observedAt: Date;
  readonly bytes: number;
}

/** A file an export job has finished writing into the inbox (hidden files are still being written). */
export function isDelivery(name: string): boolean {
  return !name.startsWith('.') && name.toLowerCase().endsWith('.csv');
}

export class InboxFileError extends Error {
  constructor(
    message: string,
    readonly kind: 'bad-name' | 'exists',
  ) {
    super(message);
  }
}

/**
 * The folder the nightly exports are dropped into (shared storage when workers run on several
 * machines). Files wait at its top level; a verdict moves them to `done/`, `held/` or
 * `rejected/`. Raw exports carry names and birth dates: `done/` is emptied after
 * INBOX_KEEP_DAYS, `rejected/` after INBOX_REJECTED_KEEP_DAYS, `held/` once the held snapshot
 * is applied or rejected (see tidyHeld), and nothing of a file's content leaves this folder
 * but its events.
 */
export class Inbox {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  async ensure(): Promise<void> {
    for (const shelf of ['done', 'held', 'rejected'] as const) await mkdir(join(this.dir, shelf), { recursive: true });
  }

  pathOf(name: string, shelf?: InboxShelf): string {
    return shelf ? join(this.dir, shelf, basename(name)) : join(this.dir, basename(name));
  }

  /**
   * What tells this arrival of a waiting file from an earlier one of the same name and bytes:
   * its size and its modification and change times. On a shared folder these are the file
   * server's, the same for every worker (inode numbers are not: SMB clients may number files
   * themselves); the change time is set by the server when the file appears, so even a copy
   * that keeps the old modification time is a new arrival.
   */
  async arrivalOf(name: string): Promise<string> {
    const info = await stat(this.pathOf(name), { bigint: true });
    return `${info.size}-${info.mtimeNs}-${info.ctimeNs}`;
  }

  /** The files on the `held/` shelf: copies delivered while their snapshot waited included. */
  async held(): Promise<{ readonly name: string; readonly path: string }[]> {
    const shelf = join(this.dir, 'held');
    const entries = await readdir(shelf, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => ({ name: e.name, path: join(shelf, e.name) }));
  }

  /**
   * Everything delivered at the top level that is for the import to judge: every `.csv` file,
   * a forged or misspelt name included (its import is the rejection that says so). Files being
   * written aside (`.name.part`) are not there yet.
   */
  async delivered(): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && isDelivery(e.name)).map((e) => join(this.dir, e.name));
  }

  /** The export files waiting at the top level, in observation order; of one source if named. */
  async waiting(source?: ExportSource): Promise<InboxFile[]> {
    const files: InboxFile[] = [];
    for (const entry of await readdir(this.dir, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const name = parseExportFileName(entry.name);
      if (!name.ok || (source && name.value.source !== source)) continue;
      const path = join(this.dir, entry.name);
      const bytes = await stat(path).then(
        (s) => s.size,
        () => -1,
      );
      if (bytes >= 0) files.push({ name: entry.name, path, bytes, ...name.value });
    }
    return files.sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime() || a.name.localeCompare(b.name));
  }

  /** Moves a file to the shelf of its verdict; a name already there gets a time stamp. */
  async shelve(path: string, status: ImportStatus): Promise<string> {
    const shelf = join(this.dir, SHELF_OF_STATUS[status]);
    await mkdir(shelf, { recursive: true });
    let target = join(shelf, basename(path));
    if (await exists(target)) target = join(shelf, `${basename(path, '.csv')}.${Date.now()}.csv`);
    await rename(path, target);
    // The shelving time, not the export's: the retention below counts from the import.
    const now = new Date();
    await utimes(target, now, now);
    return target;
  }

  /**
   * Stores an uploaded export under its name. Written beside the inbox under a dot name and
   * renamed when complete, so a watcher never sees half a file.
   */
  async receive(fileName: string, content: Readable): Promise<string> {
    const name = parseExportFileName(fileName);
    if (!name.ok || basename(fileName) !== fileName) throw new InboxFileError(name.ok ? `"${fileName}" is no plain file name` : name.reason, 'bad-name');
    const target = this.pathOf(fileName);
    if (await exists(target)) throw new InboxFileError(`${fileName} is already waiting in the inbox`, 'exists');
    await mkdir(this.dir, { recursive: true });
    const partial = join(this.dir, `.incoming-${randomUUID()}`);
    try {
      await pipeline(content, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return target;
  }

  /** Deletes the raw exports shelved more than `days` ago (`done/`: imported; `rejected/`: refused): the events and reports keep what counts. */
  async forgetShelved(shelf: 'done' | 'rejected', days: number, now = new Date()): Promise<number> {
    const dir = join(this.dir, shelf);
    const before = now.getTime() - days * 86_400_000;
    let removed = 0;
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      // Another worker sharing the inbox may have removed it a moment ago.
      if (entry.isFile() && ((await stat(path).catch(() => undefined))?.mtimeMs ?? Infinity) < before) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
