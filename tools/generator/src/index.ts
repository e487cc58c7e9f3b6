/** The export generator as a library: the benchmarks and the API's tests write export sets with it; `npm run generate` is its command. */
export { dayOf } from './calendar.js';
export { GENERATOR_VERSION, writeExportSet } from './export-set.js';
