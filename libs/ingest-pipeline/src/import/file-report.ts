import { MERGED_ROWS } from '../reading/read-export.js';
import type { Finding } from './finding.js';

/** A report beyond this many findings stops listing them and says how many more there were. */
const MAX_FINDINGS = 10_000;

/** What reading a file tells the report: how far it got, bad rows, problems of the whole file. */
export interface ReadingReport {
  rowsRead: number;
  quarantine(recordId: string | undefined, findings: readonly Finding[]): void;
  fileProblem(reason: string, line?: number): void;
  addFileFinding(finding: Finding): void;
}

/**
 * The data-quality report of one file while it is being read: counts and findings. The list
 * is capped so that a file of nothing but bad rows cannot exhaust memory; the counts stay exact.
 */
export class FileReport implements ReadingReport {
  readonly quarantinedIds = new Set<string>();
  /** Data rows read, good and bad (the header not counted). */
  rowsRead = 0;
  rowsQuarantined = 0;
  /**
   * A stray quote read several rows as one: the rows it swallowed are missing from the file
   * without having been deleted, so this file may delete nothing.
   */
  mayHaveMergedRows = false;
  /** Problems that make the whole file unusable (not CSV, wrong encoding, truncated, …). */
  readonly fileProblems: string[] = [];
  private readonly listed: Finding[] = [];
  private readonly fileLevel: Finding[] = [];
  private unlisted = 0;

  add(finding: Finding): void {
    if (this.listed.length < MAX_FINDINGS) this.listed.push(finding);
    else this.unlisted++;
  }

  /** Findings about the file as a whole come first in the report and are never capped. */
  addFileFinding(finding: Finding): void {
    this.fileLevel.push(finding);
  }

  fileProblem(reason: string, line?: number): void {
    this.fileProblems.push(reason);
    this.addFileFinding({ severity: 'error', code: 'bad-file', line, message: reason });
  }

  quarantine(recordId: string | undefined, findings: readonly Finding[]): void {
    this.rowsQuarantined++;
    if (recordId) this.quarantinedIds.add(recordId);
    if (findings.some((finding) => finding.code === MERGED_ROWS)) this.mayHaveMergedRows = true;
    for (const finding of findings) this.add(finding);
  }

  get findings(): Finding[] {
    const more: Finding[] = this.unlisted ? [{ severity: 'info', code: 'findings-truncated', message: `${this.unlisted} further findings not listed` }] : [];
    return [...this.fileLevel, ...this.listed, ...more];
  }
}
