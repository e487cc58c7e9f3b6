import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { freePort, TEST_PSEUDONYM_KEY, until } from '@jugendamt/ingest-pipeline/testing';

export const root = fileURLToPath(new URL('../../../../', import.meta.url));
const run = promisify(execFile);

export type Role = 'admin' | 'controlling' | 'planning';

export interface RunningProduct {
  readonly url: string;
  readonly tokens: Readonly<Record<Role, string>>;
  /** The product's inbox (INBOX_DIR): a file put here waits for its import. */
  readonly inboxDir: string;
  /** The API as a script would call it, with a role's bearer token. */
  api(path: string, role: Role): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The product as an office runs it: `node apps/api/dist/main.js` on a real PostgreSQL, the
 * bundled sample exports imported at start, the console served at `/`. Built first if it is not.
 * `extraEnv` adds settings (single sign-on, say); a `PORT` in it is where the product listens.
 */
export async function startProduct(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningProduct> {
  if (!existsSync(`${root}apps/console/dist/index.html`) || !existsSync(`${root}apps/api/dist/main.js`)) {
    await run('npm', ['run', 'build', '--silent'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, maxBuffer: 64 << 20 });
  }
  const database: TestDatabase = await createTestDatabase('postgres');
  const port = extraEnv['PORT'] ? Number(extraEnv['PORT']) : await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    PSEUDONYM_KEY: TEST_PSEUDONYM_KEY.toString('hex'),
    IMPORT_ON_START: `${root}samples`,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PROJECTION_CATCH_UP_MS: '500',
    INBOX_DIR: mkdtempSync(join(tmpdir(), 'console-inbox-')),
    ...extraEnv,
  };
  const api = spawn(process.execPath, [`${root}apps/api/dist/main.js`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = await untilListening(api);
  const firstLogin = (role: Role) => new RegExp(`^\\s+${role}\\s+(jat_\\S+)$`, 'm').exec(output)?.[1];
  const planning = await run(process.execPath, [`${root}apps/api/dist/access/token-cli.js`, '--role', 'planning'], { cwd: root, env });
  const tokens = { admin: firstLogin('admin')!, controlling: firstLogin('controlling')!, planning: planning.stdout.trim().split('\n').pop()! };
  const url = `http://127.0.0.1:${port}`;
  // Events of the start's import become readable once no older transaction of the cluster is
  // open (other tests share the server): the API is ready when /health says its projections caught up.
  await until(
    'the API ready',
    async () => (await fetch(`${url}/health`)).status,
    (status) => status === 200,
    120_000,
  );
  return {
    url,
    tokens,
    inboxDir: env.INBOX_DIR,
    api: (path, role) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${tokens[role]}` } }),
    async stop() {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
      await database.close();
    },
  };
}

function untilListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the API did not start within 120 s:\n${output}`)), 120_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (/first login:[\s\S]*controlling\s+jat_\S+/.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code}:\n${output}`));
    });
  });
}
