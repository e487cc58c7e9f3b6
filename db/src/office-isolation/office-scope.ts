import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The office whose rows the application's database connection may see, carried with the
 * work from where its caller is known (the API's authenticated request, an import job, a
 * catch-up of one office) down to every query it makes, however deep. Outside any scope the
 * connection has no office, and row-level security shows it no office's rows.
 */
const scope = new AsyncLocalStorage<string>();

export function inOffice<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
  if (!tenantId) throw new Error('an office scope needs an office');
  return scope.run(tenantId, work);
}

export function currentOffice(): string | undefined {
  return scope.getStore();
}

/** Runs work with no office, also from within an office's scope: it sees no office's rows. */
export function withoutOffice<T>(work: () => Promise<T>): Promise<T> {
  return scope.exit(work);
}
