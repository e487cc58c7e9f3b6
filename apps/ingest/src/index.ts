/** The ingest as a library: the CLI, `npm start`, the import workers and the benchmarks share it. */
export { collectExportFiles } from './import/collect-export-files.js';
export type { Finding, ImportStatus, ImportSummary } from './import/finding.js';
export { importFile } from './import/import-file.js';
export { futureToleranceMs, importFiles, importSettings, openMigratedDatabase, type ImportObserver, type ImportOptions } from './import/import-session.js';
export type { ImportProgress, ImportSettings } from './import/import-settings.js';
export { Inbox, InboxFileError, type InboxFile } from './inbox/inbox.js';
export { describeJob, jobIdOf, type ImportJob, type ImportJobResult, type JobImport } from './jobs/import-job.js';
export type { ImportJobView, ImportRunner, JobProgress, JobState } from './jobs/import-runner.js';
export { startImportRuntime, type ImportRuntime } from './jobs/import-runtime.js';
export { DEFAULT_SCHEDULE_TIME_ZONE, nextRuns, scheduleProblem, type ImportSchedule } from './schedules/import-schedule.js';
export { deleteSchedule, listSchedules, saveSchedule } from './schedules/schedule-repository.js';
export { sha256OfFile } from './reading/hash-file.js';
export { RETENTION_SETTINGS, retentionPeriods, type RetentionPeriods } from './retention/retention-periods.js';
export { retentionSchedule } from './retention/retention-schedule.js';
export { unlinkAfterRetention, type UnlinkOutcome } from './retention/unlink-after-retention.js';
