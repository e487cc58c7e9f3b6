import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { databaseConfigFromEnv, DEFAULT_TENANT_ID } from '@jugendamt/db';
import { countEventsOfTypes } from '@jugendamt/event-store';
import { PROJECTIONS, projectionNamed, rebuildAll } from '@jugendamt/projections';
import { openMigratedDatabase } from '@jugendamt/ingest-pipeline';

const usage = `usage: npm run projections:rebuild -- [--tenant ID] [projection]

Rebuilds one projection (or all) from the first event into a new generation of its tables,
while the current one keeps serving reads, and switches when caught up. Needed after a
catalogue change. Projections: ${PROJECTIONS.map((p) => p.name).join(', ')}.`;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { tenant: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
if (values.help) {
  console.log(usage);
  process.exit(0);
}
let projections;
try {
  projections = positionals.length ? positionals.map(projectionNamed) : PROJECTIONS;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}

const tenantId = values.tenant ?? process.env['TENANT_ID'] ?? DEFAULT_TENANT_ID;
const database = await openMigratedDatabase(databaseConfigFromEnv(process.env));
try {
  const totals = await Promise.all(projections.map((projection) => countEventsOfTypes(database.db, tenantId, projection.eventTypes)));
  const started = Date.now();
  const rate = (applied: number) => Math.round(applied / Math.max((Date.now() - started) / 1000, 0.001));
  const bars = process.stderr.isTTY
    ? new cliProgress.MultiBar({ stream: process.stderr, format: '{projection} {bar} {value}/{total} events | {rate} events/s', fps: 5 }, cliProgress.Presets.shades_classic)
    : undefined;
  const width = Math.max(...projections.map((p) => p.name.length));
  const barOf = new Map(projections.map((p, i) => [p.name, bars?.create(totals[i]!, 0, { projection: p.name.padEnd(width), rate: 0 })]));
  // Side by side: each reads its own events and writes its own tables.
  const rebuilt = await rebuildAll(database.db, tenantId, projections, {
    onProgress: ({ projection, eventsApplied }) => barOf.get(projection)?.update(eventsApplied, { rate: rate(eventsApplied) }),
  });
  bars?.stop();
  const applied = rebuilt.reduce((sum, r) => sum + r.eventsApplied, 0);
  for (const r of rebuilt) console.log(`${r.projection}: rebuilt from ${r.eventsApplied} events`);
  console.log(`rebuilt ${rebuilt.length} projection(s) from ${applied} events in ${((Date.now() - started) / 1000).toFixed(1)} s (${rate(applied)} events/s)`);
} finally {
  await database.close();
}
