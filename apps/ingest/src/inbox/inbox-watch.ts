import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { watch } from 'chokidar';
import { sha256OfFile } from '../reading/hash-file.js';
import type { ImportJob } from '../jobs/import-job.js';
import type { Inbox } from './inbox.js';

export interface InboxWatchOptions {
  /** A file counts as arrived once its size has not changed for this long (export still writing). */
  readonly settleMs?: number;
  /** Polling instead of file-system events: for an inbox on a network share. */
  readonly polling?: boolean;
  /** A look at the whole inbox now and then, for a file whose submission failed (Redis away). */
  readonly rescanMs?: number;
  readonly log?: (line: string) => void;
}

export interface InboxWatch {
  close(): Promise<void>;
}

/**
 * Submits every export file that arrives in the inbox as an import job, once it is written
 * completely. Every worker may watch the same shared inbox: the job id is the file's content
 * hash, so a file seen by several makes one job.
 */
export function watchInbox(inbox: Inbox, submit: (job: ImportJob) => Promise<unknown>, options: InboxWatchOptions = {}): InboxWatch {
  const settleMs = options.settleMs ?? 2_000;
  const log = options.log ?? (() => undefined);
  const offer = async (path: string) => {
    if (resolve(dirname(path)) !== inbox.dir || basename(path).startsWith('.')) return;
    try {
      await submit({ kind: 'file', file: basename(path), sha256: await sha256OfFile(path) });
    } catch (error) {
      // Gone already (another worker's job shelved it), or the queue is away: the rescan tries again.
      if ((error as { code?: string }).code !== 'ENOENT') log(`inbox: ${basename(path)} not submitted yet: ${(error as Error).message}`);
    }
  };
  const watcher = watch(inbox.dir, {
    depth: 0,
    ignoreInitial: false,
    usePolling: options.polling ?? false,
    interval: 1_000,
    ignored: (path, stats) => basename(path).startsWith('.') || (stats?.isFile() === true && !path.toLowerCase().endsWith('.csv')),
    awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.min(250, settleMs) },
  });
  watcher.on('add', (path) => void offer(path));
  watcher.on('error', (error) => log(`inbox watch: ${(error as Error).message}`));

  const rescan = setInterval(async () => {
    const settledBefore = Date.now() - Math.max(settleMs, 60_000);
    for (const file of await inbox.waiting().catch(() => [])) {
      const mtime = await stat(file.path).then((s) => s.mtimeMs, () => Infinity);
      if (mtime < settledBefore) await offer(file.path);
    }
  }, options.rescanMs ?? 300_000);
  rescan.unref();

  return {
    async close() {
      clearInterval(rescan);
      await watcher.close();
    },
  };
}
