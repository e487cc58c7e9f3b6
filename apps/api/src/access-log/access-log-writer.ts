import { sql, type Kysely } from 'kysely';
import { inOffice, withoutOffice, type Database } from '@jugendamt/db';

export interface AccessLogEntry {
  readonly tenantId: string | null;
  readonly at: Date;
  readonly role: string | null;
  readonly subject: string | null;
  readonly method: string;
  readonly route: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly format: string | null;
  readonly status: number;
  readonly outcome: 'answered' | 'refused' | 'failed';
  readonly durationMs: number;
}

/** How long entries may wait to be written: a crash loses at most this much of the log. */
const FLUSH_EVERY_MS = 200;
const FLUSH_AT_ENTRIES = 500;
/** Beyond this, a database that refuses the log for long makes us say how many entries are lost. */
const MAX_WAITING = 50_000;

/**
 * Writes the access log in batches: one INSERT of many rows every 200 ms instead of a commit
 * per request, which at 50 concurrent clients would cost a WAL flush per read. Reads of the log
 * flush first, so they see every request answered before them.
 */
export class AccessLogWriter {
  private waiting: AccessLogEntry[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onLost: (count: number, reason: string) => void,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  record(entry: AccessLogEntry): void {
    this.waiting.push(entry);
    if (this.waiting.length >= FLUSH_AT_ENTRIES) void this.flush();
  }

  /** Writes what waits; batches are written one after the other, in order. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.writeWaiting());
    return this.writing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async writeWaiting(): Promise<void> {
    if (this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    // Each office's entries go in under its own scope: the log's policy lets a row in only
    // under its office, or under none for a caller not known (migration 0017).
    for (const [tenantId, entries] of byOffice(batch)) {
      try {
        const insert = () => this.insert(entries);
        // A flush may run within a request of some office: the scope is set here for each group.
        await (tenantId === null ? withoutOffice(insert) : inOffice(tenantId, insert));
      } catch (failure) {
        // Kept for the next flush; only a log that cannot be written for long loses entries, and says so.
        this.waiting = [...entries, ...this.waiting];
        if (this.waiting.length > MAX_WAITING) {
          const lost = this.waiting.length - MAX_WAITING;
          this.waiting = this.waiting.slice(lost);
          this.onLost(lost, (failure as Error).message);
        }
      }
    }
  }

  /**
   * One parameter for the whole batch, not eleven per entry: a batch of hundreds of entries
   * would otherwise cost the API thousands of bound values to build and the server to parse.
   */
  private async insert(entries: readonly AccessLogEntry[]): Promise<void> {
    const rows = entries.map((entry) => ({
      tenant_id: entry.tenantId,
      at: entry.at,
      role: entry.role,
      subject: entry.subject,
      method: entry.method,
      route: entry.route,
      parameters: entry.parameters,
      format: entry.format,
      status: entry.status,
      outcome: entry.outcome,
      duration_ms: entry.durationMs,
    }));
    await sql`
      INSERT INTO access_log (tenant_id, at, role, subject, method, route, parameters, format, status, outcome, duration_ms)
      SELECT tenant_id, at, role, subject, method, route, parameters, format, status, outcome, duration_ms
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(tenant_id text, at timestamptz, role text, subject text, method text,
        route text, parameters jsonb, format text, status integer, outcome text, duration_ms integer)`.execute(this.db);
  }
}

function byOffice(entries: readonly AccessLogEntry[]): Map<string | null, AccessLogEntry[]> {
  const groups = new Map<string | null, AccessLogEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.tenantId);
    if (group) group.push(entry);
    else groups.set(entry.tenantId, [entry]);
  }
  return groups;
}
