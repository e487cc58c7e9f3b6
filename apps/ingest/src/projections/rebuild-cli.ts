import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { PROJECTIONS, projectionNamed, rebuild } from '@jugendamt/projections';
import { openMigratedDatabase } from '../import/import-session.js';

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
const database = await openMigratedDatabase();
try {
  for (const projection of projections) {
    const { count } = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('event_type', 'in', [...projection.eventTypes])
      .executeTakeFirstOrThrow();
    const bar = process.stderr.isTTY
      ? new cliProgress.SingleBar({ stream: process.stderr, format: `${projection.name} {bar} {value}/{total} events | {rate} events/s`, fps: 5 }, cliProgress.Presets.shades_classic)
      : undefined;
    const started = Date.now();
    const rate = (applied: number) => Math.round(applied / Math.max((Date.now() - started) / 1000, 0.001));
    bar?.start(Number(count), 0, { rate: 0 });
    const applied = await rebuild(database.db, tenantId, projection, ({ eventsApplied }) => bar?.update(eventsApplied, { rate: rate(eventsApplied) }));
    bar?.stop();
    console.log(`${projection.name}: rebuilt from ${applied} events in ${((Date.now() - started) / 1000).toFixed(1)} s (${rate(applied)} events/s)`);
  }
} finally {
  await database.close();
}
