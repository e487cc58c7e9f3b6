/** What the import knows of a record before a file: where its stream stands and its last state. */
export interface KnownRecord<R> {
  readonly version: number;
  readonly state: R | null;
  readonly deleted: boolean;
  /** Observation time of the file that last changed the record. */
  readonly observedAt: Date;
}
