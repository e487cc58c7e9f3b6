import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult, type TransactionSettings } from 'kysely';
import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import { OFFICE_SETTING } from './office-settings.js';
import { currentOffice } from './office-scope.js';

/**
 * The statement that makes a connection the application's: the role row-level security
 * applies to (none: stay the login role, for the benchmark's comparison) and the office of
 * the current scope ('' when there is none, which matches no row).
 */
function scopeStatement(role: string | null, office: string | undefined, local: boolean): CompiledQuery {
  office ??= '';
  return role === null
    ? CompiledQuery.raw(`SELECT set_config('${OFFICE_SETTING}', $1, ${local})`, [office])
    : CompiledQuery.raw(`SELECT set_config('role', $1, ${local}), set_config('${OFFICE_SETTING}', $2, ${local})`, [role, office]);
}

/** A dialect whose connections come from `driver`; the rest (SQL, adapter) is the base's. */
export function withDriver(base: Dialect, driver: Driver): Dialect {
  return {
    createAdapter: () => base.createAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => base.createQueryCompiler(),
    createIntrospector: (db) => base.createIntrospector(db),
  };
}

/**
 * PostgreSQL: a pooled connection is one caller's from checkout to release, so the role and
 * the office are set for the session at every checkout. Every checkout sets both anew, so
 * nothing a previous holder left on the connection carries over. The pool is this driver's
 * alone: the owner's connections never see these settings.
 */
export class SessionScopedDriver implements Driver {
  constructor(
    private readonly base: Driver,
    private readonly role: string | null,
  ) {}

  init(): Promise<void> {
    return this.base.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.base.acquireConnection();
    try {
      await connection.executeQuery(scopeStatement(this.role, currentOffice(), false));
    } catch (error) {
      await this.base.releaseConnection(connection);
      throw error;
    }
    return connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.base.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.base.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.base.rollbackTransaction(connection);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]): Promise<void> {
    await this.base.savepoint!(connection, name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]): Promise<void> {
    await this.base.rollbackToSavepoint!(connection, name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]): Promise<void> {
    await this.base.releaseSavepoint!(connection, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.base.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.base.destroy();
  }
}

/**
 * PGlite: one session serves every caller of the process, the owner's too, so nothing may
 * stay on it. Role and office are set LOCAL inside a transaction: each statement outside one
 * runs in a transaction of its own, which PGlite grants exclusively, so no other caller's
 * statement can run between the setting and the statement it is for.
 */
export class TransactionScopedPgliteDriver implements Driver {
  constructor(
    private readonly pglite: PGliteInterface,
    private readonly role: string | null,
  ) {}

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PgliteOfficeConnection(this.pglite, this.role, currentOffice());
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PgliteOfficeConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PgliteOfficeConnection).end(true);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PgliteOfficeConnection).end(false);
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`SAVEPOINT "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`ROLLBACK TO SAVEPOINT "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT "${name}"`));
  }

  async releaseConnection(): Promise<void> {}

  /** The PGlite instance is the owner handle's; it closes it. */
  async destroy(): Promise<void> {}
}

class PgliteOfficeConnection implements DatabaseConnection {
  private transaction: Transaction | undefined;
  private finish: ((commit: boolean) => void) | undefined;
  private finished: Promise<void> | undefined;

  constructor(
    private readonly pglite: PGliteInterface,
    private readonly role: string | null,
    private readonly office: string | undefined,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.transaction) return run<R>(this.transaction, query);
    return this.pglite.transaction(async (tx) => {
      await this.scope(tx);
      return run<R>(tx, query);
    });
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by PGlite.');
  }

  /** Opens an exclusive PGlite transaction that stays open until `end`. */
  begin(): Promise<void> {
    const decided = new Promise<boolean>((resolve) => (this.finish = resolve));
    return new Promise<void>((began, failed) => {
      let open = false;
      this.finished = this.pglite
        .transaction(async (tx) => {
          await this.scope(tx);
          this.transaction = tx;
          open = true;
          began();
          if (!(await decided)) await tx.rollback();
        })
        .then(
          () => undefined,
          (error: unknown) => {
            this.transaction = undefined;
            if (!open) return failed(error);
            throw error;
          },
        );
    });
  }

  async end(commit: boolean): Promise<void> {
    this.finish?.(commit);
    try {
      await this.finished;
    } finally {
      this.transaction = undefined;
      this.finish = undefined;
      this.finished = undefined;
    }
  }

  /** The office is the one of the scope that checked the connection out. */
  private async scope(tx: Transaction): Promise<void> {
    await run(tx, scopeStatement(this.role, this.office, true));
  }
}

async function run<R>(executor: Transaction | PGliteInterface, query: CompiledQuery): Promise<QueryResult<R>> {
  const { affectedRows, rows } = await executor.query<R>(query.sql, query.parameters as unknown[], { rowMode: 'object' });
  return { numAffectedRows: affectedRows != null ? BigInt(affectedRows) : undefined, rows: rows ?? [] };
}
