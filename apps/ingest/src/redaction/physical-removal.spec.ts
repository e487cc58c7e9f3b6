import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { sql } from 'kysely';
import { transactionHorizon, untilOldSnapshotsEnd } from './physical-removal.js';

/**
 * What holds the old row versions back is a snapshot's xmin, not its start time: the rewrite
 * after a redaction waits for every snapshot that could still read them.
 */
describe('untilOldSnapshotsEnd (postgres)', () => {
  let database: TestDatabase;
  const sessions: pg.Client[] = [];
  const session = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    sessions.push(client);
    return client;
  };

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
    expect(await untilOldSnapshotsEnd(database.db, 'postgres', horizon, 600)).toEqual({ sessions: 1, replicationSlots: 0 });

    await later.query('COMMIT');
    const fresh = await session();
    await fresh.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await fresh.query('SELECT count(*) FROM notes');
    expect(await untilOldSnapshotsEnd(database.db, 'postgres', horizon, 600)).toEqual({ sessions: 0, replicationSlots: 0 });
    await fresh.query('COMMIT');
  });
});
