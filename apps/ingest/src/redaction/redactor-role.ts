import { sql, type Kysely } from 'kysely';
import { REDACTOR_ROLE, type Database } from '@jugendamt/db';

/** The login may not take the redaction role: a database administrator's decision, not a fault. */
export class RedactorRoleRefused extends Error {}

/**
 * Only a member of the redaction role (or a superuser) may redact; the application's own login
 * should not be one (docs/architecture.md). Asked before anything else, so that such a login
 * hears why, not that some table is not its to lock.
 */
export async function mustBeRedactor(trx: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ login: string; member: boolean }>`
    SELECT session_user AS login, pg_has_role(session_user, ${REDACTOR_ROLE}, 'MEMBER') AS member`.execute(trx);
  const { login, member } = rows[0]!;
  if (!member) {
    throw new RedactorRoleRefused(
      `the login ${login} may not take the role ${REDACTOR_ROLE}: a database administrator grants it for the redaction (GRANT ${REDACTOR_ROLE} TO ${login}) and revokes it after; nothing was changed`,
    );
  }
}

/** The rest of the transaction runs as the redaction role, the one the events' trigger lets change a payload. */
export async function takeRedactorRole(trx: Kysely<Database>): Promise<void> {
  await mustBeRedactor(trx);
  await sql`SET LOCAL ROLE ${sql.raw(REDACTOR_ROLE)}`.execute(trx);
}
