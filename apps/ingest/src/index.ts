/** The ingest as a library: the CLI, `npm start`, the import workers and the benchmarks share it. */
export { collectExportFiles } from './import/collect-export-files.js';
export type { Finding, ImportStatus, ImportSummary } from './import/finding.js';
export { importFile } from './import/import-file.js';
export { importFiles, importSettings, openMigratedDatabase, type ImportObserver, type ImportOptions } from './import/import-session.js';
export type { ImportProgress, ImportSettings } from './import/import-settings.js';
