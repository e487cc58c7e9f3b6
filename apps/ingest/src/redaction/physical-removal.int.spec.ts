import pg from 'pg';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '@jugendamt/db/testing';
import { sql } from 'kysely';
import { transactionHorizon, untilOldSnapshotsEnd } from './physical-removal.js';

/**
 * What holds the old row versions back is a snapshot's xmin, not its start time: the rewrite
 * after a redaction waits for every snapshot that could still read them.
 */
describe('untilOldSnapshotsEnd (postgres)', () => {
  let database: TestDatabase;
  const sessions: pg.Client[] = [];
  const session = async (url = database.url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    sessions.push(client);
    return client;
  };
  const pidOf = async (client: pg.Client) => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  // Other suites' transactions run in the same cluster: each test looks for its own sessions
  // among those named, and waits long enough for the others' to end where none may hold back.
  const heldBy = async (horizon: string) => (await untilOldSnapshotsEnd(database.db, 'postgres', horizon, 600)).pids;
  const untilNoneHoldBack = async (horizon: string) => expect((await untilOldSnapshotsEnd(database.db, 'postgres', horizon, 60_000)).sessions).toBe(0);

  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    await sql`CREATE TABLE notes (text text)`.execute(database.db);
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((client) => client.end()));
    await database.close();
  });

  it('waits for a transaction begun after the change whose snapshot still predates it, and not for one that does not', async () => {
    const older = await session();
    await older.query('BEGIN');
    await older.query('SELECT pg_current_xact_id()'); // a writer that runs on through the change
    await sql`INSERT INTO notes VALUES ('changed')`.execute(database.db);
    const horizon = await transactionHorizon(database.db);

    // Begun after the change committed, but while the older writer ran: its snapshot's xmin is that writer's.
    const later = await session();
    await later.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await later.query('SELECT count(*) FROM notes');
    await older.query('COMMIT');
    expect(await heldBy(horizon)).toContain(await pidOf(later));

    await later.query('COMMIT');
    // Begun once no writer older than the change runs anywhere in the cluster (other suites' too).
    await untilNoneHoldBack(horizon);
    const fresh = await session();
    await fresh.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await fresh.query('SELECT count(*) FROM notes');
    expect(await heldBy(horizon)).not.toContain(await pidOf(fresh));
    await fresh.query('COMMIT');
  });

  it('waits for a writer in another database begun before the change: the rewrite’s own snapshot takes its xmin from it and copies the old versions', async () => {
    const elsewhere = await session(testDatabaseUrl());
    await elsewhere.query('BEGIN');
    await elsewhere.query('SELECT pg_current_xact_id()');
    await sql`INSERT INTO notes VALUES ('Wolkenstein')`.execute(database.db);
    await sql`UPDATE notes SET text = 'redacted'`.execute(database.db);
    const horizon = await transactionHorizon(database.db);

    expect(await heldBy(horizon)).toContain(await pidOf(elsewhere));
    // Why it must: rewritten now, the file still holds the replaced version.
    await sql`VACUUM FULL notes`.execute(database.db);
    expect(await fileHolds('Wolkenstein')).toBe(true);

    await elsewhere.query('COMMIT');
    await untilNoneHoldBack(horizon);
    await sql`VACUUM FULL notes`.execute(database.db);
    expect(await fileHolds('Wolkenstein')).toBe(false);
    expect(await fileHolds('redacted')).toBe(true);
  });

  async function fileHolds(value: string): Promise<boolean> {
    const { rows } = await sql<{ found: boolean }>`
      SELECT position(convert_to(${value}, 'UTF8') IN pg_read_binary_file(pg_relation_filepath('notes'))) > 0 AS found`.execute(database.db);
    return rows[0]!.found;
  }
});
