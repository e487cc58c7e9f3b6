import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as eventStore from './migrations/0001-event-store.js';
import * as ingest from './migrations/0002-ingest.js';
import * as projections from './migrations/0003-projections.js';
import * as apiTokens from './migrations/0004-api-tokens.js';
import * as importAdministration from './migrations/0005-import-administration.js';
import * as costsByTeam from './migrations/0006-costs-by-team.js';
import * as aidsBySocialArea from './migrations/0007-aids-by-social-area.js';
import * as recordStateOfSnapshotsOnly from './migrations/0008-record-state-of-snapshots-only.js';
import * as idempotencyByEventId from './migrations/0009-idempotency-by-event-id.js';
import * as exactFte from './migrations/0010-exact-fte.js';
import * as appliedOncePerObservation from './migrations/0011-applied-once-per-observation.js';
import * as consoleSessions from './migrations/0012-console-sessions.js';
import * as catalogueAuthors from './migrations/0013-catalogue-authors.js';
import * as accessLog from './migrations/0014-access-log.js';
import * as recordLinks from './migrations/0015-record-links.js';
import * as redaction from './migrations/0016-redaction.js';
import * as officeIsolation from './migrations/0017-office-isolation.js';
import * as population from './migrations/0018-population.js';
import * as costsBySocialArea from './migrations/0019-costs-by-social-area.js';
import * as subProcessBegin from './migrations/0020-sub-process-begin.js';
import * as recordLines from './migrations/0021-record-lines.js';
import * as subProcessWork from './migrations/0022-sub-process-work.js';
import * as leanerEvents from './migrations/0023-leaner-events.js';

/** Listed here, not read from disk, so the built package needs no file-system layout. */
const migrations: Record<string, Migration> = {
  '0001-event-store': eventStore,
  '0002-ingest': ingest,
  '0003-projections': projections,
  '0004-api-tokens': apiTokens,
  '0005-import-administration': importAdministration,
  '0006-costs-by-team': costsByTeam,
  '0007-aids-by-social-area': aidsBySocialArea,
  '0008-record-state-of-snapshots-only': recordStateOfSnapshotsOnly,
  '0009-idempotency-by-event-id': idempotencyByEventId,
  '0010-exact-fte': exactFte,
  '0011-applied-once-per-observation': appliedOncePerObservation,
  '0012-console-sessions': consoleSessions,
  '0013-catalogue-authors': catalogueAuthors,
  '0014-access-log': accessLog,
  '0015-record-links': recordLinks,
  '0016-redaction': redaction,
  '0017-office-isolation': officeIsolation,
  '0018-population': population,
  '0019-costs-by-social-area': costsBySocialArea,
  '0020-sub-process-begin': subProcessBegin,
  '0021-record-lines': recordLines,
  '0022-sub-process-work': subProcessWork,
  '0023-leaner-events': leanerEvents,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '(unknown)'} failed: ${(error as Error).message ?? error}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Up to and including `name`: for the tests of a migration, which need the database as it was before it. */
export async function migrateUpTo(db: Kysely<any>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: new StaticMigrationProvider() }).migrateTo(name);
  if (error) throw new Error(`migration up to ${name} failed: ${(error as Error).message ?? error}`, { cause: error });
}

export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
