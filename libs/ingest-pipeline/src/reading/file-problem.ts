/** A problem that makes the whole file unusable: nothing of it may be applied. */
export class FileProblem extends Error {
  constructor(
    readonly reason: string,
    /** Physical line of the file where the problem shows, when one can be named. */
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = 'FileProblem';
  }
}
