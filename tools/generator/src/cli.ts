import { parseArgs } from 'node:util';
import { dayOf, isoOf } from './calendar.js';
import { writeExportSet } from './export-set.js';
import { parseTroubles, TROUBLES } from './troubles.js';

const usage = `usage: npm run generate -- --out DIR [--scale N] [--seed S] [--start YYYY-MM-DD] [--years Y] [--nights K] [--troubles LIST|all]

Writes realistic PROSOZ exports (made-up people): an initial load at the end of the
history period, then K normal nights, and manifest.json saying what is where.
  --scale N      1 ≈ 1,000 aids and 15,000 sub-processes (default 1; 50 ≈ a large city)
  --seed S       same seed, same bytes (default 1)
  --start DATE   first day of the history (default 2024-01-01)
  --years Y      length of the history (default 2)
  --nights K     normal nights after the initial load (default 0)
  --troubles     comma-separated, or all: ${TROUBLES.join(', ')}`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

const args = process.argv.slice(2);
let parsed;
try {
  parsed = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string', default: '2024-01-01' },
      years: { type: 'string', default: '2' },
      nights: { type: 'string', default: '0' },
      troubles: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values } = parsed;
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.out) fail('--out is required');
const scale = Number(values.scale);
const seed = Number(values.seed);
const years = Number(values.years);
const nights = Number(values.nights);
const start = dayOf(values.start);
if (!(scale > 0) || scale > 1000) fail(`--scale must be a number above 0 (up to 1000), not ${values.scale}`);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, not ${values.seed}`);
if (!(years > 0) || years > 50) fail(`--years must be a number above 0 (up to 50), not ${values.years}`);
if (!Number.isInteger(nights) || nights < 0) fail(`--nights must be a whole number of 0 or more, not ${values.nights}`);
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start) || Number.isNaN(start) || isoOf(start) !== values.start || start < dayOf('1990-01-01')) {
  fail(`--start must be a date YYYY-MM-DD from 1990 on, not ${values.start}`);
}
let troubles;
try {
  troubles = parseTroubles(values.troubles);
} catch (error) {
  fail((error as Error).message);
}

const started = performance.now();
let rows = 0;
let bytes = 0;
const manifest = await writeExportSet({
  out: values.out,
  scale,
  seed,
  start,
  initialLoad: start + Math.round(years * 365.25),
  nights,
  troubles,
  args,
  onFile: (file) => {
    rows += file.rows;
    bytes += file.bytes;
    console.log(`${file.name}: ${file.rows.toLocaleString('en-US')} rows, ${(file.bytes / 1e6).toFixed(1)} MB`);
  },
});
console.log(
  `${manifest.files.length} files, ${rows.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(1)} MB, ` +
    `${manifest.troubles.length} troubles in ${((performance.now() - started) / 1000).toFixed(1)} s → ${values.out}`,
);
