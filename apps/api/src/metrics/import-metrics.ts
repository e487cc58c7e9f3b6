import { Gauge, type Registry } from 'prom-client';
import { sql } from 'kysely';
import { acrossOffices, tenantIds, type DatabaseHandle } from '@jugendamt/db';
import { EXPORT_SOURCES } from '@jugendamt/domain';
import { projectionLagsOfAllOffices } from '@jugendamt/projections';
import { staleSinceApplied, undecidedHeld } from '../admin/import-attention.js';

interface ImportFigures {
  tenant_id: string;
  source: string;
  status: string;
  imports: number;
  rows_read: number;
  events_appended: number;
  rows_quarantined: number;
  last_duration_s: number | null;
  last_observed_s: number | null;
}

/**
 * Import and projection figures, read from the database at each scrape: every API process
 * shows the same numbers whichever worker did the import.
 */
export function registerImportMetrics(registry: Registry, database: DatabaseHandle): void {
  const gauge = (name: string, help: string, labelNames: string[], collect?: () => Promise<void>) => new Gauge({ name, help, labelNames, registers: [registry], ...(collect ? { collect } : {}) });
  // One query fills every import gauge: the first gauge's collect runs it for all.
  const imports = gauge('jugendamt_imports', 'Import runs by source and status', ['tenant', 'source', 'status'], () => collectImports());
  const rows = gauge('jugendamt_import_rows_read', 'Rows read by applied imports', ['tenant', 'source']);
  const events = gauge('jugendamt_import_events_appended', 'Events appended by applied imports', ['tenant', 'source']);
  const quarantined = gauge('jugendamt_import_rows_quarantined', 'Rows quarantined by imports', ['tenant', 'source']);
  const duration = gauge('jugendamt_import_last_duration_seconds', 'Duration of the last applied import', ['tenant', 'source']);
  const observed = gauge('jugendamt_import_last_observed_timestamp_seconds', 'Observation time of the newest applied export', ['tenant', 'source']);
  // Warnings an alert rule can watch: every office and source has a line, 0 while all is well.
  const stale = gauge(
    'jugendamt_import_stale_since_applied',
    'Files refused as stale since the newest applied import of the source: above 0, a file may be missing or the source frozen',
    ['tenant', 'source'],
    async () => {
      const [offices, counts] = await Promise.all([tenantIds(database.app), acrossOffices(database.app, (tenantId) => staleSinceApplied(database.app, tenantId))]);
      stale.reset();
      for (const tenant of offices) for (const source of EXPORT_SOURCES) stale.set({ tenant, source }, 0);
      for (const c of counts) stale.set({ tenant: c.tenantId, source: c.source }, c.count);
    },
  );
  const held = gauge('jugendamt_import_held_waiting_seconds', 'How long the oldest held file without a decision has waited', ['tenant', 'source'], async () => {
    const [offices, waiting] = await Promise.all([tenantIds(database.app), acrossOffices(database.app, (tenantId) => undecidedHeld(database.app, tenantId))]);
    held.reset();
    for (const tenant of offices) for (const source of EXPORT_SOURCES) held.set({ tenant, source }, 0);
    const now = Date.now();
    // Oldest first: the first of a source is the one that has waited longest.
    for (const h of [...waiting].reverse()) held.set({ tenant: h.tenantId, source: h.source }, Math.round((now - h.heldSince.getTime()) / 1000));
  });
  const lag = gauge('jugendamt_projection_lag_events', 'Events not yet applied by the serving projection', ['tenant', 'projection'], async () => {
    lag.reset();
    for (const l of await projectionLagsOfAllOffices(database.app)) lag.set({ tenant: l.tenantId, projection: l.projection }, l.eventsBehind);
  });

  async function collectImports(): Promise<void> {
    const figures = await acrossOffices(database.app, (tenantId) => importFigures(tenantId));
    for (const gaugeOfSource of [imports, rows, events, quarantined, duration, observed]) gaugeOfSource.reset();
    for (const f of figures) {
      const bySource = { tenant: f.tenant_id, source: f.source };
      imports.set({ ...bySource, status: f.status }, f.imports);
      quarantined.inc(bySource, f.rows_quarantined);
      if (f.status !== 'applied') continue;
      rows.set(bySource, f.rows_read);
      events.set(bySource, f.events_appended);
      if (f.last_duration_s !== null) duration.set(bySource, f.last_duration_s);
      if (f.last_observed_s !== null) observed.set(bySource, f.last_observed_s);
    }
  }

  async function importFigures(tenantId: string): Promise<ImportFigures[]> {
    const { rows: figures } = await sql<ImportFigures>`
      SELECT tenant_id, source, status, count(*)::int AS imports,
             coalesce(sum(rows_read), 0)::float8 AS rows_read, coalesce(sum(events_appended), 0)::float8 AS events_appended,
             coalesce(sum(rows_quarantined), 0)::float8 AS rows_quarantined,
             (array_agg(extract(epoch FROM finished_at - started_at) ORDER BY observed_at DESC))[1]::float8 AS last_duration_s,
             extract(epoch FROM max(observed_at))::float8 AS last_observed_s
      FROM imports WHERE tenant_id = ${tenantId} GROUP BY tenant_id, source, status`.execute(database.app);
    return figures;
  }
}
