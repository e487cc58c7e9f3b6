import cliProgress from 'cli-progress';
import type { ImportProgress } from '@jugendamt/ingest-pipeline';

export interface ProgressDisplay {
  update(progress: ImportProgress): void;
  /** Clears the bar before a file's summary line is printed. */
  fileDone(): void;
  stop(): void;
}

/**
 * A bar with rows/s on a terminal; on a pipe or in a log, a plain line now and then for long
 * files, so a scheduler's log shows the import is alive without drowning in redraws.
 */
export function importProgress(stream: NodeJS.WriteStream, plainLineEveryMs: number): ProgressDisplay {
  if (stream.isTTY) return terminalBar(stream);
  return plainLines(stream, plainLineEveryMs);
}

function terminalBar(stream: NodeJS.WriteStream): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {percentage} % | {file} | {rows} rows | {rate} rows/s',
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let current: string | undefined;
  let started = 0;
  return {
    update(p) {
      if (p.file !== current) {
        if (current) bar.stop();
        current = p.file;
        started = Date.now();
        bar.start(Math.max(p.bytesTotal, 1), 0, payload(p, started));
      }
      bar.update(p.bytesRead, payload(p, started));
    },
    fileDone() {
      if (current) bar.stop();
      current = undefined;
    },
    stop() {
      this.fileDone();
    },
  };
}

function plainLines(stream: NodeJS.WriteStream, everyMs: number): ProgressDisplay {
  let current: string | undefined;
  let started = 0;
  let lastLine = 0;
  return {
    update(p) {
      if (p.file !== current) {
        current = p.file;
        started = lastLine = Date.now();
      }
      if (Date.now() - lastLine < everyMs) return;
      lastLine = Date.now();
      const { rows, rate } = payload(p, started);
      stream.write(`reading ${p.file}: ${Math.round((100 * p.bytesRead) / Math.max(p.bytesTotal, 1))} %, ${rows} rows, ${rate} rows/s\n`);
    },
    fileDone() {
      current = undefined;
    },
    stop() {},
  };
}

function payload(p: ImportProgress, started: number): { file: string; rows: string; rate: string } {
  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
  return { file: p.file, rows: p.rowsRead.toLocaleString('de-DE'), rate: Math.round(p.rowsRead / seconds).toLocaleString('de-DE') };
}
