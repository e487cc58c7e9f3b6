import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { basename, dirname, resolve } from 'node:path';
import { watch } from 'chokidar';
import type { ImportJob } from '../jobs/import-job.js';
import { isDelivery, type Inbox } from './inbox.js';

export interface InboxWatchOptions {
  /** A file counts as arrived once its size has not changed for this long (export still writing). */
  readonly settleMs?: number;
  /** Listing the inbox every `pollMs` instead of file-system events: for an inbox on a network share. */
  readonly polling?: boolean;
  readonly pollMs?: number;
  /** With events: a look at the whole inbox now and then, for a file whose submission failed (Redis away). */
  readonly rescanMs?: number;
  readonly log?: (line: string) => void;
}

export interface InboxWatch {
  close(): Promise<void>;
}

/**
 * Submits every export file that arrives in the inbox as an import job, once it is written
 * completely. Every worker may watch the same shared inbox: the runner names the job by the
 * file's arrival, so a file seen by several (or seen twice) makes one job, and the same bytes
 * delivered again later make a new one. Resolves once the watch is on.
 */
export async function watchInbox(inbox: Inbox, submit: (job: ImportJob) => Promise<unknown>, options: InboxWatchOptions = {}): Promise<InboxWatch> {
  const settleMs = options.settleMs ?? 2_000;
  const log = options.log ?? (() => undefined);
  const offer = async (path: string) => {
    if (resolve(dirname(path)) !== inbox.dir || !isDelivery(basename(path))) return;
    try {
      await submit({ kind: 'file', file: basename(path) });
    } catch (error) {
      // Gone already (another worker's job shelved it), or the queue is away: the rescan tries again.
      if ((error as { code?: string }).code !== 'ENOENT') log(`inbox: ${basename(path)} not submitted yet: ${(error as Error).message}`);
    }
  };
  let sweeping: Promise<void> | undefined;
  const sweepOnce = async () => {
    const paths = await inbox.delivered().catch((error: Error) => {
      log(`inbox: not listed: ${error.message}`);
      return [];
    });
    const settled = await Promise.all(paths.map((path) => isSettled(path, settleMs)));
    for (const [i, path] of paths.entries()) if (settled[i]) await offer(path);
  };
  // One look at a time: a look lasts at least settleMs, longer than a short poll interval.
  const sweep = () => (sweeping ??= sweepOnce().finally(() => (sweeping = undefined)));

  if (options.polling) {
    // A share's directory time stamps are cached and coarse, so a watcher comparing them misses
    // files; listing the folder is what polling has to mean there. Submitting a file twice is harmless.
    void sweep();
    const poll = setInterval(() => void sweep(), options.pollMs ?? 5_000);
    return {
      async close() {
        clearInterval(poll);
        await sweeping;
      },
    };
  }

  const watcher = watch(inbox.dir, {
    depth: 0,
    ignoreInitial: false,
    ignored: (path, stats) => basename(path).startsWith('.') || (stats?.isFile() === true && !isDelivery(basename(path))),
    awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.min(250, settleMs) },
  });
  watcher.on('add', (path) => void offer(path));
  watcher.on('error', (error) => log(`inbox watch: ${(error as Error).message}`));
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  // chokidar lists the folder before it watches it: a file that arrived in between raises no event.
  void sweep();

  const rescan = setInterval(() => void sweep(), options.rescanMs ?? 300_000);
  rescan.unref();

  return {
    async close() {
      clearInterval(rescan);
      await watcher.close();
      await sweeping;
    },
  };
}

/** Whether a file's size and time stamp stay the same for `settleMs`: no export is writing it. */
async function isSettled(path: string, settleMs: number): Promise<boolean> {
  const before = await stat(path).catch(() => undefined);
  await sleep(settleMs);
  const after = await stat(path).catch(() => undefined);
  return !!before && !!after && before.size === after.size && before.mtimeMs === after.mtimeMs;
}
