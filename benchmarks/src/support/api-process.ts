import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@jugendamt/ingest-pipeline/testing';

export interface ApiProcess {
  readonly url: string;
  /** The process's peak resident memory so far, in MB (Linux's VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/**
 * The built API (`apps/api/dist/main.js`) in a process of its own, as it runs in production:
 * the load generator must not share its event loop, or every figure includes the generator.
 */
export async function startApiProcess(root: string, databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<ApiProcess> {
  const port = await freePort();
  // BENCH_API_PROFILE=<folder>: a CPU profile of the API process, written when it stops.
  const profile = process.env['BENCH_API_PROFILE'] ? ['--cpu-prof', '--cpu-prof-dir', process.env['BENCH_API_PROFILE']] : [];
  const child = spawn(process.execPath, [...profile, join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PROJECTION_CATCH_UP_MS: '0',
      RATE_LIMIT_PER_MINUTE: '100000000',
      IMPORT_ON_START: 'none',
      INBOX_DIR: mkdtempSync(join(tmpdir(), 'bench-inbox-')),
      INBOX_WATCH: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ready, failed) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('web console http')) ready();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => failed(new Error(`the API ended (${code}) before it listened:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    peakRssMb() {
      const [, kilobytes] = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8')) ?? [];
      if (!kilobytes) throw new Error('no peak memory of the API process (VmHWM): the benchmark runs on Linux');
      return Math.round(Number(kilobytes) / 1024);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await ended;
    },
  };
}
