#!/usr/bin/env node
// Runs a command (the test suite, a benchmark) against throwaway PostgreSQL and Redis
// servers started from local binaries on free loopback ports, and stops them after.
//
//   node tools/test-env/run.mjs jest [jest args]
//   node tools/test-env/run.mjs node some-benchmark.js
//
// The command sees TEST_DATABASE_URL, TEST_REDIS_URL and the binaries' paths
// (TEST_POSTGRES_BIN_DIR, TEST_REDIS_SERVER_BIN) for tests that restart a server.
// Plain JavaScript on purpose: it must run before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: run.mjs <jest|command> [args...]');
  process.exit(2);
}

const isRoot = process.getuid?.() === 0;
const children = [];
let workDir;

function log(line) {
  process.stderr.write(`[test-env] ${line}\n`);
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function findPostgresBinDir() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  const initdb = onPath('initdb');
  if (initdb && onPath('postgres')) return join(initdb, '..');
  return undefined;
}

function findRedisServer() {
  return onPath('redis-server') ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
}

/** The web console's tests drive Debian's Chromium; a browser download is not possible offline. */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const needsBrowser = command === 'jest' || args.some((arg) => arg.includes('console-bench'));

function ensureBinaries() {
  let pgBin = findPostgresBinDir();
  let redis = findRedisServer();
  const missing = [!pgBin && 'postgresql', !redis && 'redis-server', needsBrowser && !existsSync(chromium) && 'chromium'].filter(Boolean);
  if (missing.length === 0) return { pgBin, redis };
  if (isRoot && existsSync('/etc/debian_version') && onPath('apt-get')) {
    log(`installing ${missing.join(' and ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const step of [
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', ...missing],
    ]) {
      const result = spawnSync('apt-get', step, { stdio: ['ignore', 'ignore', 'inherit'], env });
      if (result.status !== 0) {
        console.error(`apt-get ${step[0]} failed; install ${missing.join(' and ')} by hand`);
        process.exit(1);
      }
    }
    pgBin = findPostgresBinDir();
    redis = findRedisServer();
    if (pgBin && redis && (!needsBrowser || existsSync(chromium))) return { pgBin, redis };
  }
  console.error(
    `missing ${missing.join(' and ')}: install the Debian packages "${missing.join(' ')}" (apt-get install ${missing.join(' ')}), or put initdb, postgres and redis-server on PATH and set CHROMIUM_PATH`,
  );
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user.
 * setpriv execs in place (no extra process), so signals reach the server itself.
 */
function asPostgresUser(cmd, cmdArgs) {
  return isRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', cmd, ...cmdArgs]] : [cmd, cmdArgs];
}

function startServer(name, cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  child.on('exit', (code) => {
    if (!shuttingDown) log(`${name} exited early (code ${code}): ${stderr.trim()}`);
  });
  children.push(child);
  return child;
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

async function startPostgres(pgBin) {
  const dataDir = join(workDir, 'pgdata');
  mkdirSync(dataDir);
  if (isRoot) spawnSync('chown', ['-R', 'postgres:postgres', workDir]);
  const [initCmd, initArgs] = asPostgresUser(join(pgBin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  // Durability off: these servers live for one run. Benchmarks compare ratios within one run, so both sides share it.
  const [cmd, cmdArgs] = asPostgresUser(join(pgBin, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    workDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
    '-c',
    'shared_buffers=256MB',
  ]);
  startServer('postgres', cmd, cmdArgs);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import('pg');
  await waitFor('PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  });
  return url;
}

async function startRedis(redisBin) {
  const port = await freePort();
  startServer('redis', redisBin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', workDir]);
  await waitFor('Redis', () => canConnect(port));
  return `redis://127.0.0.1:${port}`;
}

let shuttingDown = false;
async function stopServers() {
  shuttingDown = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  const exited = running.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of running) child.kill('SIGINT');
  await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 10_000))]);
}

async function main() {
  let env = { ...process.env };
  if (!env.TEST_DATABASE_URL || !env.TEST_REDIS_URL) {
    const { pgBin, redis } = ensureBinaries();
    workDir = mkdtempSync(join(tmpdir(), 'jugendamt-test-'));
    chmodSync(workDir, 0o755);
    const [databaseUrl, redisUrl] = await Promise.all([startPostgres(pgBin), startRedis(redis)]);
    log(`PostgreSQL at ${databaseUrl}, Redis at ${redisUrl}`);
    env = { ...env, TEST_DATABASE_URL: databaseUrl, TEST_REDIS_URL: redisUrl, TEST_POSTGRES_BIN_DIR: pgBin, TEST_REDIS_SERVER_BIN: redis };
  }
  const [cmd, cmdArgs] =
    command === 'jest' ? [process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', join(root, 'node_modules/jest/bin/jest.js'), ...args]] : [command, args];
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', env, cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[test-env] ${error.message}`);
} finally {
  await stopServers();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
