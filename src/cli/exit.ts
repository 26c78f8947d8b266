/**
 * Exit statuses: 0 done; 1 the check failed (a broken chain, a refused import, an unreadable
 * history); 2 bad usage or input (a flag, a date, a missing file); 3 the store cannot be used;
 * 4 no store to read (no such file, a directory, no events at all); 5 no such stream, or no such
 * revision in it.
 */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  badInput: 2,
  storeUnavailable: 3,
  nothingToRead: 4,
  noSuchStream: 5,
} as const;

/** A failure the command line reports as one line, with its exit status. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const badInput = (message: string): CliFailure => new CliFailure(message, EXIT.badInput);
